import { describe, expect, it } from 'vitest';
import { formatDocNumber, parseDocNumber } from './doc-number';

describe('发文字号', () => {
  it('formats 机关代字〔年份〕序号号 and reads it back', () => {
    expect(formatDocNumber('厦府办', 2022, 47)).toBe('厦府办〔2022〕47号');
    expect(parseDocNumber('厦府办〔2022〕47号')).toEqual({ issuerCode: '厦府办', year: 2022, seq: 47 });
  });
  it('reads the common misspellings (square brackets, 第, leading zeros), and refuses what is not a number', () => {
    expect(parseDocNumber('厦工信[2023]第007号')).toEqual({ issuerCode: '厦工信', year: 2023, seq: 7 });
    expect(parseDocNumber('关于开展工作的通知')).toBeNull();
    expect(parseDocNumber('厦府办〔22〕1号')).toBeNull();
  });
});
