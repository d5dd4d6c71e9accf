import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../directory/units';
import { findUnitParen, parseUnitParen } from './unit-paren';

/** Parses the unit parenthesis at the end of `text`; every character is on line 7. */
function units(text: string) {
  const paren = findUnitParen(text);
  if (!paren) throw new Error(`no unit parenthesis in ${text}`);
  return { raw: text.slice(paren.start, paren.end), ...parseUnitParen(text, paren, () => 7) };
}

describe('findUnitParen', () => {
  it('matches brackets by depth, so a bracketed unit name does not end it', () => {
    const r = units('建设.(责任单位:市工信局(大数据局)、市信息中心、市信息集团)');
    expect(r.raw).toBe('(责任单位:市工信局(大数据局)、市信息中心、市信息集团)');
    expect(r.responsible).toEqual(['市工信局(大数据局)', '市信息中心', '市信息集团']);
    expect(r.problems).toEqual([]);
  });

  it('ignores brackets earlier in the text and requires the parenthesis to end the point', () => {
    expect(findUnitParen('城市信息模型(CIM)等.(责任单位:市信息中心)')?.start).toBe(13);
    expect(findUnitParen('(责任单位:市信息中心)之后还有文字')).toBeNull();
    expect(findUnitParen('(责任单位:市信息中心')).toBeNull();
    expect(findUnitParen('(牵头单位:市信息中心).')).not.toBeNull();
  });
});

describe('parseUnitParen', () => {
  it('splits 牵头 and 责任 at ; and lists at 、 , ，', () => {
    const r = units('(牵头单位:甲局、乙局，丙局;责任单位:各审批服务部门,各区)');
    expect(r.lead).toEqual(['甲局', '乙局', '丙局']);
    expect(r.responsible).toEqual(['各审批服务部门', ...DISTRICTS]);
  });

  it('strips 等 and 按职责落实 and splits 等以及 / 及其他', () => {
    expect(units('(责任单位:市应急局等以及思明区、湖里区)').responsible).toEqual(['市应急局', '思明区', '湖里区']);
    expect(units('(责任单位:市发改委(信用办)及其他市直各部门、各区按职责落实,市信息中心)').responsible).toEqual([
      '市发改委(信用办)', '市直各部门', ...DISTRICTS, '市信息中心',
    ]);
    expect(units('(责任单位:市公安局、市交通运输局等按职责落实)').responsible).toEqual(['市公安局', '市交通运输局']);
    expect(units('(责任单位:市资源规划局等)').responsible).toEqual(['市资源规划局']);
  });

  it('deduplicates, including a district named again after 各区', () => {
    expect(units('(责任单位:各区、思明区、甲局、甲局)').responsible).toEqual([...DISTRICTS, '甲局']);
  });

  it('reports what it cannot read, with the line', () => {
    expect(units('(市教育局)x(责任单位:甲局;乙局)').problems).toEqual([
      { line: 7, text: '乙局', reason: '缺少“牵头单位:”或“责任单位:”' },
    ]);
    expect(units('(责任单位:甲局.乙局)').problems).toEqual([
      { line: 7, text: '甲局.乙局', reason: '单位名称含有标点,可能是未识别的格式' },
    ]);
  });
});
