import { describe, expect, it } from 'vitest';
import { parseQuery } from './search-tokens';
import { buildSnippet, findHits, plainSnippet } from './snippet';

const joined = (segments: Array<{ text: string }>) => segments.map((s) => s.text).join('');

describe('buildSnippet', () => {
  it('highlights the original fullwidth text for a halfwidth query', () => {
    const text = '推动不少于６００项“掌上办”事项入驻“闽政通”';
    const snippet = buildSnippet(text, parseQuery('600'));
    expect(snippet).toEqual([
      { text: '推动不少于', hit: false },
      { text: '６００', hit: true },
      { text: '项“掌上办”事项入驻“闽政通”', hit: false },
    ]);
  });

  it('highlights halfwidth text for a fullwidth query, and mixed IPv６', () => {
    expect(buildSnippet('共600项', parseQuery('６００'))?.filter((s) => s.hit)).toEqual([{ text: '600', hit: true }]);
    expect(buildSnippet('加快IPv６规模部署', parseQuery('ipv6'))?.filter((s) => s.hit)).toEqual([
      { text: 'IPv６', hit: true },
    ]);
  });

  it('does not highlight a number inside a longer number', () => {
    expect(findHits('共6000个,其中600个', parseQuery('600'))).toEqual([[9, 12]]);
  });

  it('cuts a window around the first hit and marks the cuts', () => {
    const text = `${'甲'.repeat(100)}督办${'乙'.repeat(100)}`;
    const snippet = buildSnippet(text, parseQuery('督办'), 40);
    expect(snippet?.[0]?.text.startsWith('…')).toBe(true);
    expect(snippet?.[snippet.length - 1]?.text.endsWith('…')).toBe(true);
    expect(snippet?.filter((s) => s.hit)).toEqual([{ text: '督办', hit: true }]);
    expect(joined(snippet ?? []).length).toBe(42);
  });

  it('merges overlapping hits and flattens line breaks', () => {
    const snippet = buildSnippet('数字政府\n数字经济', parseQuery('数字 数字政府'));
    expect(snippet).toEqual([
      { text: '数字政府', hit: true },
      { text: ' ', hit: false },
      { text: '数字', hit: true },
      { text: '经济', hit: false },
    ]);
  });

  it('returns null without a hit; plainSnippet gives the start of the text', () => {
    expect(buildSnippet('没有命中', parseQuery('督办'))).toBeNull();
    expect(plainSnippet('短文本')).toEqual([{ text: '短文本', hit: false }]);
    expect(plainSnippet('')).toEqual([]);
  });
});
