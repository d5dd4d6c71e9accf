import { describe, expect, it } from 'vitest';
import { buildDirectory, canonicalUnitName, classifyUnit, DISTRICTS, expandUnitGroup, sameUnit, unitAliases } from './units';

describe('directory units', () => {
  it('expands 各区 to the six districts and leaves other names alone', () => {
    expect(expandUnitGroup('各区')).toEqual(['思明区', '湖里区', '集美区', '海沧区', '同安区', '翔安区']);
    expect(expandUnitGroup('市直各部门')).toEqual(['市直各部门']);
    expect(expandUnitGroup('市工信局(大数据局)')).toEqual(['市工信局(大数据局)']);
  });

  it('classifies districts, groups and units', () => {
    for (const d of DISTRICTS) expect(classifyUnit(d)).toBe('district');
    expect(classifyUnit('海沧区政府')).toBe('district');
    expect(classifyUnit('市直各部门')).toBe('group');
    expect(classifyUnit('各审批服务部门')).toBe('group');
    expect(classifyUnit('市工信局(大数据局)')).toBe('unit');
    expect(classifyUnit('市信息集团')).toBe('unit');
  });

  it('takes the trailing bracketed name as an alias, in either bracket width', () => {
    expect(unitAliases('市工信局(大数据局)')).toEqual(['大数据局', '市工信局', '市工业和信息化局', '市大数据局', '市大数据管理局']);
    expect(unitAliases('市工信局（大数据局）')[0]).toBe('大数据局');
    expect(unitAliases('中国移动(厦门)数据中心')).toEqual([]);
    expect(unitAliases('市信息集团')).toEqual([]);
    expect(unitAliases('海沧区')).toEqual(['海沧区政府', '海沧区人民政府']);
  });

  it('canonicalises spelling: halfwidth brackets and digits, no spaces, district governments', () => {
    expect(canonicalUnitName(' 市工信局（大数据局） ')).toBe('市工信局(大数据局)');
    expect(canonicalUnitName('市 １２３４５ 热线')).toBe('市12345热线');
    expect(canonicalUnitName('海沧区人民政府')).toBe('海沧区');
    expect(canonicalUnitName('市政府')).toBe('市政府');
  });

  it('resolves another name of one body to the directory’s unit (issue 10, point 7)', () => {
    // 市工业和信息化局 bears the plate 市大数据管理局: one office, whichever name a document uses.
    for (const name of ['市工信局', '市工业和信息化局', '市大数据局', '大数据局', '市工信局（大数据局）']) {
      expect(canonicalUnitName(name)).toBe('市工信局(大数据局)');
    }
    expect(sameUnit('市工信局', '市工信局(大数据局)')).toBe(true);
    expect(sameUnit('市信息中心', '市信息集团')).toBe(false);
    expect(buildDirectory(['市工信局', '市工信局(大数据局)', '火炬管委会']).map((u) => u.name)).toEqual(['市工信局(大数据局)', '火炬管委会']);
  });

  it('builds a deduplicated directory in first-seen order', () => {
    const units = buildDirectory(['市工信局（大数据局）', '各区', '市直各部门', '市工信局(大数据局)', '思明区', '海沧区政府', '']);
    expect(units.map((u) => u.name)).toEqual(['市工信局(大数据局)', ...DISTRICTS, '市直各部门']);
    expect(units[0]).toMatchObject({ name: '市工信局(大数据局)', kind: 'unit' });
    expect(units[0]?.aliases).toContain('市工信局');
    expect(units.find((u) => u.name === '市直各部门')?.kind).toBe('group');
  });
});
