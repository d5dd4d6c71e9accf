import { describe, expect, it } from 'vitest';
import { normalizeForSearch, normalizeMapped } from './search-normalize';
import { indexTokens, parseQuery, toFtsMatch } from './search-tokens';

describe('normalizeForSearch', () => {
  it('folds fullwidth digits and letters and case (NFKC + lowercase)', () => {
    expect(normalizeForSearch('ＩＰｖ６ 与 ６００项')).toBe('ipv6 与 600项');
    expect(normalizeForSearch('IPv６')).toBe('ipv6');
  });

  it('maps every normalised position back to the original, also when lengths change', () => {
    const source = 'a㈠b６';
    const mapped = normalizeMapped(source);
    expect(mapped.text).toBe('a(一)b6');
    // '(一)' came from the one character at index 1.
    expect([...mapped.start]).toEqual([0, 1, 1, 1, 2, 3]);
    expect([...mapped.end]).toEqual([1, 2, 2, 2, 3, 4]);
  });

  it('keeps a character and its combining marks together', () => {
    expect(normalizeMapped('e\u0301x').text).toBe('éx');
  });
});

describe('indexTokens', () => {
  it('emits CJK bigrams plus the last character of each run, and words for the rest', () => {
    expect(indexTokens('数字政府')).toBe('数字 字政 政府 府');
    expect(indexTokens('推动不少于６００项“掌上办”')).toBe('推动 动不 不少 少于 于 600 项 掌上 上办 办');
    expect(indexTokens('IPv６、5G网络')).toBe('ipv6 5g 网络 络');
  });

  it('drops punctuation and symbols', () => {
    expect(indexTokens('“，。！——')).toBe('');
  });
});

describe('parseQuery', () => {
  const match = (q: string) => toFtsMatch(parseQuery(q));

  it('turns a two-character word into one token', () => {
    expect(match('督办')).toBe('"督办"');
    expect(match('信访')).toBe('"信访"');
  });

  it('turns a longer phrase into a phrase of bigrams', () => {
    expect(match('数字政府')).toBe('"数字 字政 政府"');
  });

  it('normalises Latin and digits like the index does', () => {
    expect(match('IPv6')).toBe('"ipv6"');
    expect(match('ＩＰｖ６')).toBe('"ipv6"');
    expect(match('６００')).toBe('"600"');
    expect(match('5G')).toBe('"5g"');
  });

  it('uses a prefix token for a one-character query', () => {
    expect(match('访')).toBe('"访" *');
    expect(match('g')).toBe('"g" *');
  });

  it('keeps runs of one term adjacent, with the CJK run closed when another run follows', () => {
    expect(match('项目600')).toBe('"项目 目 600"');
    expect(match('600项')).toBe('"600 项" *');
  });

  it('ANDs whitespace-separated terms and drops duplicates', () => {
    expect(match('5G 网络 5g')).toBe('"5g" AND "网络"');
  });

  it('returns null when nothing is searchable', () => {
    expect(match('，。！')).toBeNull();
    expect(match('   ')).toBeNull();
  });

  it('can restrict to a column', () => {
    expect(toFtsMatch(parseQuery('督办'), 'title')).toBe('{title} : ("督办")');
  });
});
