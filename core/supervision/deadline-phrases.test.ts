import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDeadline, extractDeadlines, readSmallNumber } from './deadline-phrases';

const seedPath = fileURLToPath(new URL('../../seeds/xiamen-2022-digital-work-points.txt', import.meta.url));
/** The seed is wrapped at 28 characters with blank lines between; sentences run across lines. */
const seed = readFileSync(seedPath, 'utf8').replace(/\s*\n\s*/g, '');

const first = (text: string, year = 2022) => extractDeadline(text, year);

describe('deadline phrases on the seed (厦府办〔２０２２〕４７号)', () => {
  it('item 三(二) is due 2022-06-30, from the phrase ６月底前', () => {
    const start = seed.indexOf('(二)强化数据资源汇聚共享');
    const item = seed.slice(start, seed.indexOf('(三)', start));
    expect(first(item)).toEqual({ date: '2022-06-30', phrase: '６月底前', index: item.indexOf('６月底前') });
  });

  it('finds no other deadline in the whole document: not 成文日期, 印发日期 nor 力争２０２２年', () => {
    expect(extractDeadlines(seed, 2022).map((d) => d.phrase)).toEqual(['６月底前']);
  });
});

describe('phrases', () => {
  it.each([
    ['6月底前全面接入', '2022-06-30', '6月底前'],
    ['６月底前', '2022-06-30', '６月底前'],
    ['六月底前完成', '2022-06-30', '六月底前'],
    ['十二月底前', '2022-12-31', '十二月底前'],
    ['于6月底完成', '2022-06-30', '6月底'],
    ['2月末前', '2022-02-28', '2月末前'],
    ['年底前建成', '2022-12-31', '年底前'],
    ['年内建成', '2022-12-31', '年内'],
    ['今年内', '2022-12-31', '今年内'],
    ['本年度内', '2022-12-31', '本年度内'],
    ['2022年年底前', '2022-12-31', '2022年年底前'],
    ['2023年底前', '2023-12-31', '2023年底前'],
    ['3月份前报送', '2022-03-31', '3月份前'],
    ['一季度末', '2022-03-31', '一季度末'],
    ['第三季度完成', '2022-09-30', '第三季度'],
    ['4季度前', '2022-12-31', '4季度前'],
    ['上半年完成', '2022-06-30', '上半年'],
    ['下半年', '2022-12-31', '下半年'],
    ['年中前', '2022-06-30', '年中前'],
    ['9月15日前报送', '2022-09-15', '9月15日前'],
    ['９月１５日前', '2022-09-15', '９月１５日前'],
    ['于十一月十五日之前', '2022-11-15', '十一月十五日之前'],
    ['2022年11月底前', '2022-11-30', '2022年11月底前'],
    ['２０２２年１１月底前', '2022-11-30', '２０２２年１１月底前'],
    ['明年6月底前', '2023-06-30', '明年6月底前'],
    ['6月上旬前', '2022-06-10', '6月上旬前'],
    ['6月中旬前', '2022-06-20', '6月中旬前'],
    ['6月下旬前', '2022-06-30', '6月下旬前'],
    ['6月中前', '2022-06-15', '6月中前'],
    ['2024年2月底前', '2024-02-29', '2024年2月底前'],
  ])('%s → %s', (text, date, phrase) => {
    expect(first(text)).toMatchObject({ date, phrase });
  });

  it.each([
    '力争２０２２年新建５G基站１万个',
    '２０２２年５月８日',
    '厦门市人民政府办公厅 ２０２２年５月２０日印发',
    '三年内完成',
    '近5年内',
    '去年底',
    '每月底前报送进展',
    '每年6月底前报送',
    '每季度末',
    '截至6月底,已完成',
    '统一月底前',
    '3个月前',
    '2月30日前',
    '6月中旬召开',
    '13月底前',
  ])('%s is not a deadline', (text) => {
    expect(first(text)).toBeNull();
  });

  it('returns the first phrase as the deadline and all of them in order', () => {
    const text = '6月底前完成平台建设,年底前实现全市覆盖';
    expect(first(text)).toEqual({ date: '2022-06-30', phrase: '6月底前', index: 0 });
    expect(extractDeadlines(text, 2022).map((d) => [d.date, d.phrase])).toEqual([
      ['2022-06-30', '6月底前'],
      ['2022-12-31', '年底前'],
    ]);
  });

  it('takes the longest phrase at a position: 2022年11月底前, not 11月底前', () => {
    expect(extractDeadlines('在2022年11月底前完成', 2021)).toEqual([{ date: '2022-11-30', phrase: '2022年11月底前', index: 1 }]);
  });

  it('reads small Chinese numbers', () => {
    expect(['十', '十五', '二十', '三十一', '六', '12'].map(readSmallNumber)).toEqual([10, 15, 20, 31, 6, 12]);
    expect(readSmallNumber('十十')).toBeNull();
    expect(readSmallNumber('')).toBeNull();
  });
});
