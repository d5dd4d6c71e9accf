import { describe, expect, it } from 'vitest';
import { parseDocNumber } from './doc-number';
import { validateOfficialDocument } from './model';
import { SEED_NOTICE } from './samples';

const withNumber = (docNumber: string) => validateOfficialDocument({ ...SEED_NOTICE, docNumber });

describe('发文字号 (机关代字〔年份〕序号号)', () => {
  it('accepts 〔〕 and normalises fullwidth digits', () => {
    expect(parseDocNumber('厦府办〔２０２２〕４７号')).toEqual({ agency: '厦府办', year: 2022, serial: 47, text: '厦府办〔2022〕47号' });
    const r = withNumber('厦府办〔２０２２〕４７号');
    expect(r.ok && r.value.docNumber).toBe('厦府办〔2022〕47号');
  });

  it.each([
    ['厦府办【2022】47号', '六角括号'],
    ['厦府办[2022]47号', '六角括号'],
    ['厦府办［2022］47号', '六角括号'],
    ['厦府办（2022）47号', '六角括号'],
    ['厦府办〔2022〕047号', '虚位'],
    ['厦府办〔2022〕第47号', '第'],
    ['厦府办〔22〕47号', '格式'],
    ['〔2022〕47号', '格式'],
  ])('rejects %s', (number, why) => {
    const r = withNumber(number);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toContain('发文字号');
      expect(r.error.message).toContain(why);
    }
  });
});

describe('validateOfficialDocument', () => {
  it('accepts the seed notice and fills defaults', () => {
    const r = validateOfficialDocument(SEED_NOTICE);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toMatchObject({ seal: true, attachments: [], writtenDate: '2022-05-08' });
  });

  it('names the element in Chinese', () => {
    const r = validateOfficialDocument({ ...SEED_NOTICE, title: ' ', writtenDate: '2022-02-30', copyNumber: '12' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('标题');
      expect(r.error.message).toContain('成文日期');
      expect(r.error.message).toContain('份号应为6位阿拉伯数字');
    }
  });

  it('refuses classified documents and unknown fields', () => {
    const secret = validateOfficialDocument({ ...SEED_NOTICE, secrecy: '秘密★1年' });
    expect(secret.ok).toBe(false);
    if (!secret.ok) expect(secret.error.message).toContain('涉密');
    expect(validateOfficialDocument({ ...SEED_NOTICE, colour: 'blue' }).ok).toBe(false);
    expect(validateOfficialDocument(null).ok).toBe(false);
  });
});
