import { describe, expect, it } from 'vitest';
import { parseHash } from '../../router/hash';
import { parseListQuery } from '../supervision/listQuery';
import { drillHash } from './drill';

describe('drill-down links', () => {
  it('open the 督办 list with the segment as its filters', () => {
    const route = parseHash(drillHash({ lead: '市审批管理局', light: 'red' }));
    expect(route.segments).toEqual(['supervision']);
    expect(parseListQuery(route.query)).toMatchObject({ lead: '市审批管理局', light: 'red', page: 1 });
    expect(parseListQuery(parseHash(drillHash({ status: 'review' })).query)).toMatchObject({ status: 'review', light: undefined });
    expect(parseListQuery(parseHash(drillHash({ section: '一、数字政府' })).query).section).toBe('一、数字政府');
  });
});
