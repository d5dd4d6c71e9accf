import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../directory/units';
import { parseWorkPoints, type SeedItem } from './work-points';

const seedPath = fileURLToPath(new URL('../../seeds/xiamen-2022-digital-work-points.txt', import.meta.url));
const source = readFileSync(seedPath, 'utf8');
const parsed = parseWorkPoints(source);

function item(code: string): SeedItem {
  const found = parsed.items.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

describe('parseWorkPoints on the real seed (厦府办〔２０２２〕４７号)', () => {
  it('finds all 39 points and nothing it cannot place', () => {
    expect(parsed.problems).toEqual([]);
    expect(parsed.items).toHaveLength(39);
    expect(parsed.items.map((i) => i.order)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(new Set(parsed.items.map((i) => i.code)).size).toBe(39);
  });

  it('reads the 公文 header and 版记 from the text', () => {
    const { body, ...header } = parsed.document;
    expect(header).toEqual({
      issuer: '厦门市人民政府办公厅',
      docNumber: '厦府办〔2022〕47号',
      title: '厦门市人民政府办公厅关于印发2022年数字厦门工作要点的通知',
      writtenDate: '2022-05-08',
      issuedDate: '2022-05-20',
      mainRecipients: ['各区人民政府', '市直各委、办、局', '各开发区管委会', '各有关单位'],
      ccRecipients: [
        '市委办公厅', '市委各部门', '中央驻厦各机构、各人民团体', '市人大常委会办公厅',
        '市政协办公厅', '市监委', '市法院', '市检察院',
      ],
      relatedUnits: ['人行厦门中心支行', '市信息集团', '市公交集团', '厦门电信', '厦门联通', '厦门移动'],
      publicity: '主动公开',
    });
    expect(body).not.toMatch(/—\s*[0-9０-９]+\s*—/);
    expect(body.split('\n')).toContain('«２０２２年数字厦门工作要点»已经市政府研究同意,现印发给你们,请认真组织实施.');
    expect(body).toContain('以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的十九大');
    expect(body.split('\n').at(-1)).toBe('厦门市人民政府办公厅 ２０２２年５月２０日印发');
  });

  it('numbers the three levels and the sections that stop at (一)', () => {
    expect(parsed.items.map((i) => i.code).slice(0, 5)).toEqual(['一(一)1', '一(一)2', '一(一)3', '一(一)4', '一(二)1']);
    expect(parsed.items.filter((i) => i.code.startsWith('三')).map((i) => i.code)).toEqual(['三(一)', '三(二)', '三(三)']);
    expect(parsed.items.filter((i) => i.code.startsWith('五')).map((i) => i.code)).toEqual(['五(一)', '五(二)', '五(三)', '五(四)']);
    const counts = ['一', '二', '三', '四', '五', '六'].map((s) => parsed.items.filter((i) => i.code.startsWith(s)).length);
    expect(counts).toEqual([13, 7, 3, 7, 4, 5]);
  });

  it('一(一)1: 牵头 and 责任 units, 各区 expanded', () => {
    const i = item('一(一)1');
    expect(i).toMatchObject({
      order: 1,
      line: 49,
      section: '一、打造协同高效的数字政府',
      subsection: '(一)推进政务服务“一网通办”',
      title: '建设全市统一的政务服务管理平台',
      lead: ['市审批管理局', '市工信局(大数据局)', '市信息集团'],
      responsible: ['各审批服务部门', ...DISTRICTS],
      rawUnits: '(牵头单位:市审批管理局、市工信局(大数据局)、市信息集团;责任单位:各审批服务部门,各区)',
    });
    expect(i.text.startsWith('建设全市统一的政务服务管理平台.实施政务服务能力提升工程,')).toBe(true);
    expect(i.text.endsWith('统一查询、统一监督.')).toBe(true);
  });

  it('一(二)2: 等以及 joins two lists', () => {
    const i = item('一(二)2');
    expect(i.title).toBe('打造市区两级城市治理平台');
    expect(i.lead).toEqual(['市工信局(大数据局)', '市公共安全办', '市公安局', '市政府办(政务热线协调处)', '市信息集团']);
    expect(i.responsible).toEqual(['市执法局', '市市政园林局', '市交通运输局', '市生态环境局', '市应急局', '思明区', '湖里区', '集美区']);
  });

  it('一(二)3: 责任单位 only, 等按职责落实, and a unit after the comma', () => {
    const i = item('一(二)3');
    expect(i.title).toBe('提升重点领域智治水平');
    expect(i.lead).toEqual([]);
    expect(i.responsible).toEqual([
      '市工信局(大数据局)', '市公安局', '市视频办', '市市场监管局', '市执法局', '市委政法委',
      '市生态环境局', '市卫健委', '市委文明办', '市交通运输局', '市应急局', '市信息集团',
    ]);
  });

  it('一(四)3: names wrapped across lines (市\\n委政法委) and 市发改委(信用办)', () => {
    const i = item('一(四)3');
    expect(i.title).toBe('深化“图看厦门”建设');
    expect(i.lead).toEqual(['市工信局(大数据局)', '市资源规划局', '市信息中心', '市信息集团']);
    expect(i.responsible).toEqual([
      '市生态环境局', '市统计局', '市公共安全办', '市公安局', '市交通运输局', '市发改委(信用办)',
      '市执法局', '市卫健委', '市疾控中心', '市委政法委', '市市场监管局', '市审批管理局', '市应急局',
    ]);
  });

  it('三(二): a (二) paragraph is the item; 及其他市直各部门 becomes the group', () => {
    const i = item('三(二)');
    expect(i).toMatchObject({ section: '三、构建开放共享的数据资源体系', subsection: '', title: '强化数据资源汇聚共享', line: 354 });
    expect(i.lead).toEqual([]);
    expect(i.responsible).toEqual([
      '市工信局(大数据局)', '市卫健委', '市疾控中心', '市教育局', '市发改委(信用办)', '市直各部门',
      ...DISTRICTS, '市信息中心', '市信息集团',
    ]);
    expect(i.text).toContain('６月底前全市各级部门信息系统');
  });

  it('五(四): the unnumbered 建强城市大脑中枢 paragraph is its own item', () => {
    const i = item('五(四)');
    expect(i).toMatchObject({
      order: 34,
      line: 514,
      section: '五、适度超前建设新型数字基础设施',
      subsection: '',
      title: '建强城市大脑中枢',
      lead: [],
      responsible: ['市工信局(大数据局)', '市信息中心', '市信息集团'],
    });
    // Brackets inside the text (城市信息模型(CIM)) are not the unit parenthesis.
    expect(i.text).toContain('城市信息模型(CIM)');
  });

  it('五(三): a district government files under the district', () => {
    expect(item('五(三)').responsible).toEqual(['市工信局(大数据局)', '市市政园林局', '市交通运输局', '市港口局', '海沧区', '市公交集团']);
    expect(item('五(三)').rawUnits).toContain('海沧区政府按职责落实');
  });

  it('六(五): units split by both 、 and ,', () => {
    const i = item('六(五)');
    expect(i).toMatchObject({ order: 39, title: '确保网络和信息安全', lead: [] });
    expect(i.responsible).toEqual(['市委网信办', '市公安局', '市工信局(大数据局)', '市直各部门', ...DISTRICTS]);
  });

  it('keeps the body text verbatim but unwrapped', () => {
    expect(item('一(一)3').text).toContain('不少于６００项“掌上办”事项入驻“闽政通”');
    expect(item('四(一)1').text.endsWith('智慧校园示范校.')).toBe(true);
    for (const i of parsed.items) {
      expect(i.text).not.toMatch(/[\n\r]/);
      expect(i.text).not.toMatch(/—\s*[0-9０-９]+\s*—/);
      expect(i.text).not.toMatch(/(牵头|责任)单位/);
      expect(i.text.startsWith(i.title)).toBe(true);
      expect(i.rawUnits).toMatch(/^\((牵头|责任)单位:.*\)$/);
      expect(i.lead.length + i.responsible.length).toBeGreaterThan(0);
    }
  });

  it('builds the directory from every unit named', () => {
    const names = parsed.units.map((u) => u.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('各区');
    expect(names).toEqual(expect.arrayContaining([...DISTRICTS, '市直各部门', '各审批服务部门']));
    expect(parsed.units.find((u) => u.name === '市工信局(大数据局)')).toEqual({
      name: '市工信局(大数据局)',
      kind: 'unit',
      // Its other names resolve to it (core/directory/README.md: 市工信局 is the same body).
      aliases: ['大数据局', '市工信局', '市工业和信息化局', '市大数据局', '市大数据管理局'],
    });
    const named = new Set(parsed.items.flatMap((i) => [...i.lead, ...i.responsible]));
    expect(new Set(names)).toEqual(named);
  });
});
