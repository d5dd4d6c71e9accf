import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DISTRICTS } from '../directory/units';
import { parseWorkPoints } from './work-points';

const seedPath = fileURLToPath(new URL('../../seeds/xiamen-2022-digital-work-points.txt', import.meta.url));
const real = readFileSync(seedPath, 'utf8');

const HEADER = [
  '测试市人民政府办公厅文件',
  '测府办〔２０２３〕１号',
  '测试市人民政府办公厅关于',
  '印发测试工作要点的通知',
  '各区人民政府,各有关单位:',
  '«测试工作要点»已经市政府同意,现印发给你们.',
  '测试市人民政府办公厅',
  '２０２３年２月２８日',
  '(此件主动公开)',
  '测试工作要点',
  '总体要求的一段导语.',
];
const FOOTER = ['抄送:市委办公厅.', '测试市人民政府办公厅 ２０２３年３月１日印发'];

/** A small document laid out like the seed: a blank line between every line. */
const doc = (body: readonly string[]): string => [...HEADER, ...body, ...FOOTER].join('\n\n');
/** 1-based line of the first line containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseWorkPoints on synthetic input', () => {
  it('an empty input gives no items and one clear problem (it does not throw)', () => {
    for (const input of ['', '\n\n  \n\u3000\n']) {
      const r = parseWorkPoints(input);
      expect(r.items).toEqual([]);
      expect(r.units).toEqual([]);
      expect(r.problems).toEqual([{ line: 0, text: '', reason: '输入为空' }]);
    }
  });

  it('reads a minimal document with no problems', () => {
    const r = parseWorkPoints(doc(['一、第一部分', '(一)甲项.内容.(责任单位:市教育局)']));
    expect(r.problems).toEqual([]);
    expect(r.document).toMatchObject({
      issuer: '测试市人民政府办公厅', docNumber: '测府办〔2023〕1号', title: '测试市人民政府办公厅关于印发测试工作要点的通知',
      writtenDate: '2023-02-28', issuedDate: '2023-03-01', mainRecipients: ['各区人民政府', '各有关单位'], ccRecipients: ['市委办公厅'],
    });
    expect(r.items.map((i) => [i.code, i.title, i.text])).toEqual([['一(一)', '甲项', '甲项.内容.']]);
  });

  it('drops page-number lines inside a point and joins the wrapped lines', () => {
    const text = doc(['一、第一部分', '(一)小标题', '１．甲项.第一行', '—２—', '', ' 续行,数据达１．５亿条.(牵头', '— ３ —', '单位:市教育局)']);
    const r = parseWorkPoints(text);
    expect(r.problems).toEqual([]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({
      code: '一(一)1', title: '甲项', text: '甲项.第一行续行,数据达１．５亿条.', lead: ['市教育局'], line: lineOf(text, '１．甲项'),
    });
    expect(r.document.body).not.toMatch(/[—３]\s*—/);
  });

  it('reads fullwidth and halfwidth punctuation alike; units come out halfwidth', () => {
    const text = doc([
      '一、第一部分',
      '（一）甲项。内容。（牵头单位：市工信局（大数据局）、市审批管理局；责任单位：市直各部门，各区）',
      '(二)乙项.内容.(牵头单位:市工信局(大数据局)、市审批管理局;责任单位:市直各部门,各区)',
    ]);
    const r = parseWorkPoints(text);
    expect(r.problems).toEqual([]);
    const [a, b] = r.items;
    expect(a).toMatchObject({ code: '一(一)', title: '甲项', text: '甲项。内容。' });
    expect(a?.rawUnits).toBe('（牵头单位：市工信局（大数据局）、市审批管理局；责任单位：市直各部门，各区）');
    expect(b).toMatchObject({ code: '一(二)', title: '乙项' });
    for (const i of [a, b]) {
      expect(i?.lead).toEqual(['市工信局(大数据局)', '市审批管理局']);
      expect(i?.responsible).toEqual(['市直各部门', ...DISTRICTS]);
    }
    expect(r.units.filter((u) => u.name.startsWith('市工信局'))).toHaveLength(1);
  });

  it('the real seed with every (, ), :, ;, , and . made fullwidth parses to the same points', () => {
    const wide = real.replace(/[():;,.]/g, (ch) => ({ '(': '（', ')': '）', ':': '：', ';': '；', ',': '，', '.': '。' })[ch] ?? ch);
    const a = parseWorkPoints(real);
    const b = parseWorkPoints(wide);
    expect(b.problems).toEqual([]);
    expect(b.document.docNumber).toBe('厦府办〔2022〕47号');
    expect(b.document.publicity).toBe('主动公开');
    const key = (r: typeof a) => r.items.map((i) => [i.code, i.title, i.line, i.lead, i.responsible]);
    expect(key(b)).toEqual(key(a));
  });

  it('reports an orphan line between points with its line number, and keeps both points', () => {
    const lines = real.split('\n');
    lines.splice(59, 0, '这一行不属于任何条目');
    const text = lines.join('\n');
    const r = parseWorkPoints(text);
    expect(r.items).toHaveLength(39);
    expect(r.problems).toEqual([{ line: 60, text: '这一行不属于任何条目', reason: expect.stringContaining('无法归属') }]);
    expect(r.items[1]).toMatchObject({ code: '一(一)2', line: 62 });
    expect(r.document.body).toContain('这一行不属于任何条目');
  });

  it('reports text glued to a heading instead of merging it', () => {
    const text = doc(['一、第一部分', '多出来的一行', '(一)小标题', '１．甲项.内容.(责任单位:市教育局)']);
    const r = parseWorkPoints(text);
    expect(r.items[0]).toMatchObject({ section: '一、第一部分', subsection: '(一)小标题' });
    expect(r.problems).toEqual([{ line: lineOf(text, '多出来的一行'), text: '多出来的一行', reason: expect.stringContaining('标题之后') }]);
  });

  it('reports gaps in the numbering, a missing unit parenthesis and unreadable units', () => {
    const text = doc([
      '一、第一部分',
      '(一)小标题',
      '１．甲项.内容.(责任单位:市教育局)',
      '３．丙项.内容没有括注.',
      '４．丁项.内容.(配合单位:市民政局;责任单位:市文旅局、、市公安局)',
    ]);
    const r = parseWorkPoints(text);
    expect(r.items.map((i) => i.code)).toEqual(['一(一)1', '一(一)3', '一(一)4']);
    expect(r.items[2]?.responsible).toEqual(['市文旅局', '市公安局']);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [lineOf(text, '３．丙项'), '编号不连续:此处应为“2.”'],
      [lineOf(text, '３．丙项'), '未找到牵头单位/责任单位括注'],
      [lineOf(text, '４．丁项'), '未知的单位类别“配合单位”'],
      [lineOf(text, '４．丁项'), '单位名称为空'],
    ]);
  });

  it('reports a heading that carries units over points, and points without a title sentence', () => {
    const text = doc([
      '一、第一部分',
      '(一)小标题.(责任单位:市教育局)',
      '１．没有句号的条目(责任单位:市民政局)',
      '２．(责任单位:市文旅局)',
    ]);
    const r = parseWorkPoints(text);
    expect(r.items.map((i) => [i.code, i.title, i.subsection])).toEqual([
      ['一(一)1', '没有句号的条目', '(一)小标题.(责任单位:市教育局)'],
      ['一(一)2', '', '(一)小标题.(责任单位:市教育局)'],
    ]);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [lineOf(text, '(一)小标题'), '标题带有单位括注,但其下还有分项;该括注未计入任何条目'],
      [lineOf(text, '１．没有句号'), '未找到首句的句号,标题取了整段文字'],
      [lineOf(text, '２．'), '条目没有标题文字'],
    ]);
  });

  it('numbers an unnumbered paragraph after a point as the next point', () => {
    const r = parseWorkPoints(doc(['一、第一部分', '(一)小标题', '１．甲项.内容.(责任单位:市教育局)', '乙项.内容.(责任单位:市民政局)']));
    expect(r.problems).toEqual([]);
    expect(r.items.map((i) => [i.code, i.title, i.subsection])).toEqual([
      ['一(一)1', '甲项', '(一)小标题'],
      ['一(一)2', '乙项', '(一)小标题'],
    ]);
  });

  it('without a 公文 header the points still parse and the header is reported missing', () => {
    const r = parseWorkPoints('一、第一部分\n(一)甲项.内容.(责任单位:各区)');
    expect(r.items).toHaveLength(1);
    expect(r.items[0]?.responsible).toEqual([...DISTRICTS]);
    expect(r.problems).toHaveLength(2);
    expect(r.problems.map((p) => p.reason)).toEqual(
      expect.arrayContaining([expect.stringContaining('未找到发文字号'), expect.stringContaining('未找到印发日期')]),
    );
  });
});
