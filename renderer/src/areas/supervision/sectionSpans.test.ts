import { describe, expect, it } from 'vitest';
import { sectionSpans } from './sectionSpans';

describe('sectionSpans', () => {
  it('merges runs of the same section', () => {
    expect(sectionSpans(['一', '一', '一', '二', '三', '三'])).toEqual([3, 0, 0, 1, 2, 0]);
  });
  it('does not merge a section that comes back later', () => {
    expect(sectionSpans(['一', '二', '一'])).toEqual([1, 1, 1]);
  });
  it('handles empty pages', () => {
    expect(sectionSpans([])).toEqual([]);
  });
});
