import { describe, expect, it } from 'vitest';
import { cleanUnits, diffPatch, type EditValues } from './patch';

const before: EditValues = {
  title: '建设全市统一的政务服务管理平台',
  lead: ['市审批管理局', '市工信局(大数据局)'],
  responsible: ['各区'],
  deadline: null,
  progressNote: '',
  body: '实施政务服务能力提升工程',
};

describe('diffPatch', () => {
  it('is empty when nothing changed', () => {
    expect(diffPatch(before, { ...before, lead: [...before.lead], title: ` ${before.title} ` })).toEqual({});
  });

  it('sends only the changed fields', () => {
    expect(diffPatch(before, { ...before, progressNote: '已完成平台招标', deadline: '2022-12-31' })).toEqual({
      progressNote: '已完成平台招标',
      deadline: '2022-12-31',
    });
  });

  it('cleans unit lists before comparing', () => {
    expect(diffPatch(before, { ...before, lead: [' 市审批管理局', '市工信局(大数据局)', '市审批管理局', ''] })).toEqual({});
    expect(diffPatch(before, { ...before, responsible: ['各区', '市信息集团'] })).toEqual({ responsible: ['各区', '市信息集团'] });
  });

  it('can clear a deadline', () => {
    expect(diffPatch({ ...before, deadline: '2022-06-30' }, before)).toEqual({ deadline: null });
  });
});

describe('cleanUnits', () => {
  it('trims, drops empties and duplicates', () => {
    expect(cleanUnits([' 各区 ', '', '各区', '市信息集团'])).toEqual(['各区', '市信息集团']);
  });
});
