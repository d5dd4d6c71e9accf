import { describe, expect, it } from 'vitest';
import { buildHash, parseHash } from './hash';

describe('hash routes', () => {
  it('parses segments and query', () => {
    expect(parseHash('#/supervision/rec-1?lead=%E5%B8%82%E5%AE%A1%E6%89%B9%E7%AE%A1%E7%90%86%E5%B1%80&page=2')).toEqual({
      segments: ['supervision', 'rec-1'],
      query: { lead: '市审批管理局', page: '2' },
    });
  });

  it('treats an empty hash as the root', () => {
    expect(parseHash('')).toEqual({ segments: [], query: {} });
    expect(parseHash('#/')).toEqual({ segments: [], query: {} });
  });

  it('keeps a malformed escape as typed', () => {
    expect(parseHash('#/a%E0').segments).toEqual(['a%E0']);
  });

  it('round-trips Chinese values and drops empty ones', () => {
    const hash = buildHash(['supervision'], { q: '一网通办', lead: '', status: undefined });
    expect(hash).toBe('#/supervision?q=%E4%B8%80%E7%BD%91%E9%80%9A%E5%8A%9E');
    expect(parseHash(hash)).toEqual({ segments: ['supervision'], query: { q: '一网通办' } });
  });
});
