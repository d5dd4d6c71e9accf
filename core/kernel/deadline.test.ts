import { describe, expect, it } from 'vitest';
import { weekdayCalendar } from '../calendar/holiday-calendar';
import { addMonths, computeDeadline, deadlineItem, periodText, type DeadlineInput, type DeadlineRule } from './deadline';

/**
 * The limits of each area as rules, and boundary dates across 春节 2024/2025, 国庆 2022/2024,
 * 调休 weekends, month ends and leap years, on the official calendar (chinese-days). Expected
 * dates are worked out by hand from the State Council notices (comments show the count).
 */

// 12345 热线: 紧急 same day, 咨询/求助 3 working days, 投诉/建议 13 working days; a due date on a day off moves on.
const hotline = {
  urgent: { from: '', period: { unit: 'same-day' }, holiday: 'next-working-day' },
  consult: { from: '', period: { unit: 'working-days', n: 3 }, holiday: 'next-working-day' },
  complaint: { from: '', period: { unit: 'working-days', n: 13 }, holiday: 'next-working-day' },
} satisfies Record<string, DeadlineRule>;

// 信访工作条例: 受理 within 15 days of 登记, 办理 within 60 days of 受理 (+ at most 30 more), 复查/复核 30 days.
const petition = {
  accept: { from: '登记后', period: { unit: 'days', n: 15 }, holiday: 'next-working-day' },
  handle: { from: '受理之日起', period: { unit: 'days', n: 60 }, holiday: 'next-working-day' },
  review: { from: '收到复查请求之日起', period: { unit: 'days', n: 30 }, holiday: 'next-working-day' },
  recheck: { from: '收到复核请求之日起', period: { unit: 'days', n: 30 }, holiday: 'next-working-day' },
} satisfies Record<string, DeadlineRule>;
const PETITION_EXTENSION = { max: { unit: 'days', n: 30 } } as const;

// 提案建议: reply within 3 months of 交办, an approved extension at most 3 months more. 督办: 交办后N个月.
// Both keep the calendar date even on a day off.
const proposal: DeadlineRule = { from: '交办后', period: { unit: 'months', n: 3 } };
const PROPOSAL_EXTENSION = { max: { unit: 'months', n: 3 } } as const;

interface Row {
  what: string;
  input: DeadlineInput;
  due: string;
  rule: string;
}

const rows: Row[] = [
  // 12345 across 春节 2024 (02-10…02-17 off, Sunday 02-18 a 调休 working day).
  { what: '咨询 on the Thursday before 春节 2024: 02-09, 调休 Sunday 02-18, 02-19', input: { start: '2024-02-08', rule: hotline.consult }, due: '2024-02-19', rule: '3个工作日内' },
  { what: '投诉 13 working days across 春节 2024', input: { start: '2024-02-08', rule: hotline.complaint }, due: '2024-03-04', rule: '13个工作日内' },
  { what: '紧急 on a holiday is due that day', input: { start: '2024-02-10', rule: hotline.urgent }, due: '2024-02-10', rule: '当日' },
  // 春节 2025 (01-28…02-04 off; Sunday 01-26 and Saturday 02-08 working).
  { what: '求助 from Friday 2025-01-24: 调休 Sunday 01-26, 01-27, then 02-05', input: { start: '2025-01-24', rule: hotline.consult }, due: '2025-02-05', rule: '3个工作日内' },
  { what: '求助 from 02-04 (last day off): 02-05, 02-06, 02-07', input: { start: '2025-02-04', rule: hotline.consult }, due: '2025-02-07', rule: '3个工作日内' },
  { what: '投诉 from 2025-02-05: 调休 Saturday 02-08 counts', input: { start: '2025-02-05', rule: hotline.complaint }, due: '2025-02-21', rule: '13个工作日内' },
  // 国庆 2022 (10-01…10-07 off; Saturday 10-08 and Sunday 10-09 working).
  { what: '咨询 from Friday 2022-09-30: 10-08, 10-09 (调休), 10-10', input: { start: '2022-09-30', rule: hotline.consult }, due: '2022-10-10', rule: '3个工作日内' },
  // 国庆 2024 (10-01…10-07 off; Sunday 09-29 and Saturday 10-12 working).
  { what: '咨询 from Friday 2024-09-27: 09-29 (调休), 09-30, 10-08', input: { start: '2024-09-27', rule: hotline.consult }, due: '2024-10-08', rule: '3个工作日内' },
  { what: '咨询 from 2024-10-09: 10-10, 10-11, 调休 Saturday 10-12', input: { start: '2024-10-09', rule: hotline.consult }, due: '2024-10-12', rule: '3个工作日内' },
  { what: '咨询 from Saturday 2024-10-12 (a working day): 10-14…10-16', input: { start: '2024-10-12', rule: hotline.consult }, due: '2024-10-16', rule: '3个工作日内' },

  // 信访: natural days, a due date on a day off moves to the next working day.
  { what: '受理: 登记 01-27 + 15 = 02-11 in 春节 → 02-18 (调休 Sunday)', input: { start: '2024-01-27', rule: petition.accept }, due: '2024-02-18', rule: '登记后15日内(2024年2月11日非工作日,顺延至2024年2月18日)' },
  { what: '受理: 登记 2024-01-26 + 15 = 02-10 (first day off) → 02-18', input: { start: '2024-01-26', rule: petition.accept }, due: '2024-02-18', rule: '登记后15日内(2024年2月10日非工作日,顺延至2024年2月18日)' },
  { what: '受理: 登记 2024-01-25 + 15 = 02-09, a working day, stays', input: { start: '2024-01-25', rule: petition.accept }, due: '2024-02-09', rule: '登记后15日内' },
  { what: '办理: 受理 2024-08-02 + 60 = 10-01 (国庆) → 10-08', input: { start: '2024-08-02', rule: petition.handle }, due: '2024-10-08', rule: '受理之日起60日内(2024年10月1日非工作日,顺延至2024年10月8日)' },
  { what: '办理: 受理 2024-01-01 + 60 = 03-01 (leap year: February has 29 days)', input: { start: '2024-01-01', rule: petition.handle }, due: '2024-03-01', rule: '受理之日起60日内' },
  { what: '办理: 受理 2023-01-01 + 60 = 03-02', input: { start: '2023-01-01', rule: petition.handle }, due: '2023-03-02', rule: '受理之日起60日内' },
  { what: '办理 + approved 30-day extension, counted from the moved date 10-08', input: { start: '2024-08-02', rule: petition.handle, extensions: [PETITION_EXTENSION] }, due: '2024-11-07', rule: '延期批准后延长30日' },
  { what: '办理 03-10 + 60 = 05-09, + 30 = 06-08 (Saturday before 端午 06-10) → 06-11', input: { start: '2024-03-10', rule: petition.handle, extensions: [PETITION_EXTENSION] }, due: '2024-06-11', rule: '延期批准后延长30日(2024年6月8日非工作日,顺延至2024年6月11日)' },
  { what: '复查: 2022-09-08 + 30 = 10-08, a 调休 Saturday (working): stays', input: { start: '2022-09-08', rule: petition.review }, due: '2022-10-08', rule: '收到复查请求之日起30日内' },
  { what: '复核: 2022-09-05 + 30 = 10-05 (国庆) → 10-08', input: { start: '2022-09-05', rule: petition.recheck }, due: '2022-10-08', rule: '收到复核请求之日起30日内(2022年10月5日非工作日,顺延至2022年10月8日)' },
  { what: '复查 from 2025-01-03 + 30 = 02-02 (春节 2025) → 02-05', input: { start: '2025-01-03', rule: petition.review }, due: '2025-02-05', rule: '收到复查请求之日起30日内(2025年2月2日非工作日,顺延至2025年2月5日)' },

  // 提案 and 督办: months, month ends, leap years; the calendar date is kept.
  { what: '3个月 from 11-30 → 02-29 in a leap year', input: { start: '2023-11-30', rule: proposal }, due: '2024-02-29', rule: '交办后3个月' },
  { what: '3个月 from 11-30 → 02-28 otherwise', input: { start: '2022-11-30', rule: proposal }, due: '2023-02-28', rule: '交办后3个月' },
  { what: '3个月 from 01-31 → 04-30', input: { start: '2024-01-31', rule: proposal }, due: '2024-04-30', rule: '交办后3个月' },
  { what: '3个月 from 08-31 → 11-30', input: { start: '2023-08-31', rule: proposal }, due: '2023-11-30', rule: '交办后3个月' },
  { what: '3个月 ending on 国庆 keeps 10-01', input: { start: '2024-07-01', rule: proposal }, due: '2024-10-01', rule: '交办后3个月' },
  { what: 'extension without a date: the whole 3 months more, 02-29 → 05-29', input: { start: '2023-11-30', rule: proposal, extensions: [PROPOSAL_EXTENSION] }, due: '2024-05-29', rule: '延期批准后延长3个月' },
  { what: 'extension to a date within the cap', input: { start: '2023-11-30', rule: proposal, extensions: [{ ...PROPOSAL_EXTENSION, until: '2024-04-15' }] }, due: '2024-04-15', rule: '延期批准后延至2024年4月15日' },
  { what: 'extension to a date past the cap is capped', input: { start: '2023-11-30', rule: proposal, extensions: [{ ...PROPOSAL_EXTENSION, until: '2024-05-31' }] }, due: '2024-05-29', rule: '延期批准后延至2024年5月29日(最多延长3个月)' },
  { what: '督办 extension with only a date (no cap)', input: { start: '2022-05-08', rule: { from: '交办后', period: { unit: 'months', n: 1 } }, extensions: [{ until: '2022-07-31' }] }, due: '2022-07-31', rule: '延期批准后延至2022年7月31日' },

  // Clock stops (补正, 鉴定): the days inside do not count.
  { what: '鉴定 03-10…03-19 adds 10 days to 受理 03-01 + 60 = 04-30', input: { start: '2024-03-01', rule: petition.handle, stops: [{ from: '2024-03-10', to: '2024-03-19', reason: '鉴定' }] }, due: '2024-05-10', rule: '受理之日起60日内(不计鉴定期间10日)' },
  { what: 'a 补正 begun before 受理 counts only from the next day, and lands on 劳动节', input: { start: '2024-03-01', rule: petition.handle, stops: [{ from: '2024-02-25', to: '2024-03-05', reason: '补正' }] }, due: '2024-05-06', rule: '受理之日起60日内(不计补正期间4日)(2024年5月4日非工作日,顺延至2024年5月6日)' },
  { what: 'overlapping stops count each day once', input: { start: '2024-03-01', rule: petition.handle, stops: [{ from: '2024-03-10', to: '2024-03-15', reason: '补正' }, { from: '2024-03-13', to: '2024-03-19', reason: '鉴定' }] }, due: '2024-05-10', rule: '受理之日起60日内(不计补正、鉴定期间10日)' },
  { what: 'a stop after the deadline changes nothing', input: { start: '2024-03-01', rule: petition.handle, stops: [{ from: '2024-06-01', to: '2024-06-05' }] }, due: '2024-04-30', rule: '受理之日起60日内' },
  { what: 'working-day limit: a stop over working days and a weekend', input: { start: '2024-03-04', rule: hotline.consult, stops: [{ from: '2024-03-05', to: '2024-03-10', reason: '补正' }] }, due: '2024-03-13', rule: '3个工作日内(不计补正期间6日)' },
  { what: 'working-day limit across 春节 with a stop', input: { start: '2024-02-08', rule: hotline.complaint, stops: [{ from: '2024-02-19', to: '2024-02-20' }] }, due: '2024-03-06', rule: '13个工作日内(不计中止期间2日)' },
];

describe('computeDeadline: every limit at its boundaries', () => {
  it.each(rows)('$what', ({ input, due, rule }) => {
    const d = computeDeadline(input);
    expect(d.due).toBe(due);
    expect(d.rule).toBe(rule);
    expect(d.estimated).toBe(false);
  });

  it('keeps the original deadline and each extension as steps', () => {
    const d = computeDeadline({ start: '2024-08-02', rule: petition.handle, extensions: [PETITION_EXTENSION] });
    expect(d.steps).toEqual([
      { due: '2024-10-08', rule: '受理之日起60日内(2024年10月1日非工作日,顺延至2024年10月8日)' },
      { due: '2024-11-07', rule: '延期批准后延长30日' },
    ]);
  });
});

describe('beyond the holiday data (chinese-days ends with 2026)', () => {
  it('working days into 2027 are counted Monday–Friday and marked estimated', () => {
    const d = computeDeadline({ start: '2026-12-30', rule: hotline.consult });
    expect(d).toMatchObject({ due: '2027-01-04', estimated: true });
  });

  it('a natural-day limit kept as a date needs no holiday data', () => {
    expect(computeDeadline({ start: '2026-12-01', rule: proposal })).toMatchObject({ due: '2027-03-01', estimated: false });
  });

  it('moving a due date off a day off in 2027 is an estimate', () => {
    expect(computeDeadline({ start: '2026-12-01', rule: petition.handle })).toMatchObject({ due: '2027-02-01', estimated: true });
  });

  it('an injected calendar is used as given', () => {
    expect(computeDeadline({ start: '2024-02-08', rule: hotline.consult }, { calendar: weekdayCalendar })).toMatchObject({ due: '2024-02-13', estimated: false });
  });
});

describe('bad input is refused with a Chinese message', () => {
  it.each([
    ['a start that is not a date', { start: '2024-02-30', rule: proposal }, /日期无效/],
    ['a negative period', { start: '2024-02-01', rule: { from: '', period: { unit: 'days', n: -1 } } }, /期限应为/],
    ['a fractional period', { start: '2024-02-01', rule: { from: '', period: { unit: 'working-days', n: 1.5 } } }, /期限应为/],
    ['a stop that ends before it starts', { start: '2024-02-01', rule: proposal, stops: [{ from: '2024-02-10', to: '2024-02-01' }] }, /停止计时的期间无效/],
    ['an extension with neither a length nor a date', { start: '2024-02-01', rule: proposal, extensions: [{}] }, /延期应写明/],
    ['an extension to a date that is not one', { start: '2024-02-01', rule: proposal, extensions: [{ until: '2024-13-01' }] }, /日期无效/],
  ] as const)('%s', (_what, input, message) => {
    expect(() => computeDeadline(input as DeadlineInput)).toThrow(message);
  });
});

describe('helpers', () => {
  it('addMonths: the corresponding day or the month end, across years', () => {
    expect(addMonths('2024-05-31', 1)).toBe('2024-06-30');
    expect(addMonths('2024-12-31', 2)).toBe('2025-02-28');
    expect(addMonths('2023-12-31', 2)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15');
  });

  it('periodText and deadlineItem', () => {
    expect([periodText({ unit: 'same-day' }), periodText({ unit: 'days', n: 60 }), periodText({ unit: 'months', n: 3 }), periodText({ unit: 'working-days', n: 3 })]).toEqual([
      '当日',
      '60日内',
      '3个月',
      '3个工作日内',
    ]);
    const d = computeDeadline({ start: '2024-01-27', rule: petition.accept });
    expect(deadlineItem('受理期限', d, false)).toEqual({ name: '受理期限', due: '2024-02-18', rule: d.rule, done: false, estimated: false });
    expect(deadlineItem('签收', d, true, true)).toMatchObject({ done: true, step: true });
  });
});
