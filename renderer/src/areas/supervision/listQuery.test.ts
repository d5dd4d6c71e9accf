import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_QUERY, hasFilters, listQueryToFilter, listQueryToParams, parseListQuery, withFilter } from './listQuery';

describe('supervision list query', () => {
  it('defaults an empty URL', () => {
    expect(parseListQuery({})).toEqual(DEFAULT_LIST_QUERY);
    expect(listQueryToParams(DEFAULT_LIST_QUERY)).toEqual(
      Object.fromEntries(Object.keys(listQueryToParams(DEFAULT_LIST_QUERY)).map((k) => [k, undefined])),
    );
  });

  it('reads filters, sort and paging', () => {
    const lq = parseListQuery({ lead: ' 市审批管理局 ', status: 'completed', sort: 'deadline', desc: '1', page: '3', size: '20', q: '一网通办' });
    expect(lq).toEqual({
      section: undefined,
      lead: '市审批管理局',
      responsible: undefined,
      status: 'completed',
      q: '一网通办',
      sort: 'deadline',
      desc: true,
      page: 3,
      pageSize: 20,
    });
    expect(listQueryToFilter(lq)).toEqual({
      lead: '市审批管理局',
      status: 'completed',
      q: '一网通办',
      sort: 'deadline',
      desc: true,
      offset: 40,
      limit: 20,
    });
  });

  it('ignores malformed values', () => {
    expect(parseListQuery({ status: 'done', sort: 'title', page: '-2', size: '7', lead: '   ' })).toEqual(DEFAULT_LIST_QUERY);
    expect(parseListQuery({ page: '1.5' }).page).toBe(1);
  });

  it('round-trips through the URL params', () => {
    const lq = parseListQuery({ section: '一、打造协同高效的数字政府', responsible: '各区', sort: 'updated', page: '2' });
    const params = Object.fromEntries(Object.entries(listQueryToParams(lq)).filter((e): e is [string, string] => e[1] !== undefined));
    expect(parseListQuery(params)).toEqual(lq);
  });

  it('goes back to page 1 when a filter changes', () => {
    const lq = { ...DEFAULT_LIST_QUERY, page: 4 };
    expect(withFilter(lq, { lead: '市工信局' })).toMatchObject({ lead: '市工信局', page: 1 });
    expect(hasFilters(lq)).toBe(false);
    expect(hasFilters(withFilter(lq, { q: '平台' }))).toBe(true);
  });

  it('keeps the light filter, the light sort and every phase of the lifecycle', () => {
    const lq = parseListQuery({ light: 'red', sort: 'light', status: 'review' });
    expect(lq).toMatchObject({ light: 'red', sort: 'light', status: 'review' });
    expect(listQueryToFilter(lq)).toMatchObject({ light: 'red', sort: 'light', status: 'review' });
    expect(listQueryToParams(lq)).toMatchObject({ light: 'red', sort: 'light', status: 'review' });
    expect(parseListQuery({ light: 'purple' }).light).toBeUndefined();
    expect(hasFilters(withFilter(DEFAULT_LIST_QUERY, { light: 'yellow' }))).toBe(true);
  });
});
