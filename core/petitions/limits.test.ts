import { describe, expect, it } from 'vitest';
import { petitionArea } from './area';
import { HANDLER, OFFICE, ev, fieldsOf, viewOf } from './testing';

/**
 * Every statutory limit of a case as the area yields it, at boundary dates on the official
 * calendar: 春节/清明/劳动节/国庆 2024, weekends, month ends, a leap February, the Beijing day of
 * an event made just after midnight. Dates worked out by hand (comments show the count).
 */
const due = (view: ReturnType<typeof viewOf>, name: string) => petitionArea.deadlines!(view).find((d) => d.name === name);
const assign = (at: string) => ev('assign', OFFICE, at, { mode: '交办', unit: HANDLER.unit, handler: HANDLER.login });

describe('信访 limits', () => {
  it('受理 and 转送交办: 15 days from 登记, moved past 春节 to the 调休 Sunday', () => {
    // 2024-01-26 + 15 = 02-10 (春节 off until 02-17) → 02-18, a 调休 working Sunday.
    const v = viewOf('2024-01-26', []);
    expect(due(v, '受理')).toMatchObject({ due: '2024-02-18', done: false });
    expect(due(v, '受理')!.rule).toBe('登记之日起15日内(2024年2月10日非工作日,顺延至2024年2月18日)');
    expect(due(v, '转送交办')!.due).toBe('2024-02-18');
    // One day earlier: 01-25 + 15 = 02-09, a working Friday, stays.
    expect(due(viewOf('2024-01-25', []), '受理')!.due).toBe('2024-02-09');
  });

  it('登记 on a Saturday: 06-15 + 15 = 06-30, a Sunday → Monday 07-01', () => {
    expect(due(viewOf('2024-06-15', []), '受理')!.due).toBe('2024-07-01');
  });

  it('办理: 60 days from 受理; 受理 at 00:30 Beijing time counts as that Beijing day', () => {
    // 2024-08-01T16:30Z is 08-02 00:30 in Beijing: 08-02 + 60 = 10-01 (国庆) → 10-08.
    const v = viewOf('2024-07-30', [ev('accept', OFFICE, '2024-08-01T16:30:00.000Z'), assign('2024-08-03')]);
    expect(due(v, '办理答复')).toMatchObject({ due: '2024-10-08', done: false });
    expect(due(v, '受理')!.done).toBe(true);
    expect(due(v, '转送交办')!.done).toBe(true);
  });

  it('办理 across a month end and a leap February: 01-31 + 60 = 03-31 (Sunday) → 04-01', () => {
    expect(due(viewOf('2024-01-30', [ev('accept', OFFICE, '2024-01-31')]), '办理答复')!.due).toBe('2024-04-01');
    // 2024-01-01 + 60 = 03-01 (February 2024 has 29 days), a Friday.
    expect(due(viewOf('2023-12-29', [ev('accept', OFFICE, '2024-01-01')]), '办理答复')!.due).toBe('2024-03-01');
  });

  it('延期: at most 30 days more after approval, capped when the approval names a later date', () => {
    const base = [ev('accept', OFFICE, '2024-08-02'), assign('2024-08-03'), ev('extend_request', HANDLER, '2024-09-20', { days: 30, reason: '需现场勘验' })];
    // Asked, not approved: the limit stays.
    expect(due(viewOf('2024-07-30', base), '办理答复')!.due).toBe('2024-10-08');
    const asked = viewOf('2024-07-30', [...base, ev('extend_approve', OFFICE, '2024-09-25', { until: '2024-11-30', toldPetitioner: '需现场勘验,已书面告知' })]);
    // 10-08 + 30 = 11-07 (Thursday): the approval's 11-30 is capped.
    expect(due(asked, '办理答复')).toMatchObject({ due: '2024-11-07', rule: '延期批准后延至2024年11月7日(最多延长30日)' });
    const within = viewOf('2024-07-30', [...base, ev('extend_approve', OFFICE, '2024-09-25', { until: '2024-10-31', toldPetitioner: '需现场勘验' })]);
    expect(due(within, '办理答复')!.due).toBe('2024-10-31');
    // An approval that would shorten the limit is refused (kept as a conflict, never applied).
    const shorter = viewOf('2024-07-30', [...base, ev('extend_approve', OFFICE, '2024-09-25', { until: '2024-10-08', toldPetitioner: '需现场勘验' })]);
    expect(due(shorter, '办理答复')!.due).toBe('2024-10-08');
    expect(shorter.reduced.history.at(-1)!.conflict).toContain('延至日期应晚于原办理期限');
  });

  it('复查: requested within 30 days of the reply (the 30th day still counts), decided within 30 days', () => {
    const replied = [ev('accept', OFFICE, '2024-03-01'), assign('2024-03-02'), ev('reply', HANDLER, '2024-05-06', { summary: '已督促物业维修' })];
    // 05-06 + 30 = 06-05, a Wednesday: a request received that day is in time, the next day is not.
    const inTime = viewOf('2024-02-28', [...replied, ev('review_request', OFFICE, '2024-06-06', { receivedOn: '2024-06-05', reason: '维修未完成' })]);
    expect(inTime.reduced.state.status).toBe('复查中');
    const late = viewOf('2024-02-28', [...replied, ev('review_request', OFFICE, '2024-06-07', { receivedOn: '2024-06-06', reason: '维修未完成' })]);
    expect(late.reduced.state.status).toBe('已答复');
    expect(late.reduced.history.at(-1)!.conflict).toContain('已超过复查申请期限');
    // Decision: received 2024-09-01 + 30 = 10-01 (国庆) → 10-08.
    const v = viewOf('2024-06-01', [ev('accept', OFFICE, '2024-06-02'), assign('2024-06-03'), ev('reply', HANDLER, '2024-08-20', { summary: '答复' }), ev('review_request', OFFICE, '2024-09-02', { receivedOn: '2024-09-01', reason: '不服' })]);
    expect(due(v, '复查决定')!.due).toBe('2024-10-08');
  });

  it('复核: hearing days stop the clock; 30 + 5 days ending in 清明 move to the 调休 Sunday', () => {
    const toRecheck = [
      ev('accept', OFFICE, '2023-12-01'), assign('2023-12-02'), ev('reply', HANDLER, '2024-01-10', { summary: '答复' }),
      ev('review_request', OFFICE, '2024-01-20', { receivedOn: '2024-01-20', reason: '不服' }),
      ev('review_decide', OFFICE, '2024-02-20', { result: '维持', summary: '维持原意见' }),
      ev('recheck_request', OFFICE, '2024-03-01', { receivedOn: '2024-03-01', reason: '仍不服' }),
    ];
    // Without hearing: 03-01 + 30 = 03-31 (Sunday) → 04-01.
    expect(due(viewOf('2023-11-30', toRecheck), '复核决定')!.due).toBe('2024-04-01');
    // 听证 03-10…03-14 (5 days): 03-31 + 5 = 04-05 (清明 04-04…04-06 off) → 04-07, a 调休 Sunday.
    const heard = viewOf('2023-11-30', [...toRecheck, ev('recheck_hearing', OFFICE, '2024-03-15', { from: '2024-03-10', to: '2024-03-14' })]);
    expect(due(heard, '复核决定')).toMatchObject({ due: '2024-04-07' });
    expect(due(heard, '复核决定')!.rule).toContain('不计听证期间5日');
  });

  it('复核 requested more than 30 days after the 复查 decision is refused', () => {
    const v = viewOf('2023-11-30', [
      ev('accept', OFFICE, '2023-12-01'), assign('2023-12-02'), ev('reply', HANDLER, '2024-01-10', { summary: '答复' }),
      ev('review_request', OFFICE, '2024-01-20', { receivedOn: '2024-01-20', reason: '不服' }),
      ev('review_decide', OFFICE, '2024-02-20', { result: '维持', summary: '维持' }),
      // 02-20 + 30 = 03-21 (Thursday): 03-22 is late.
      ev('recheck_request', OFFICE, '2024-03-22', { receivedOn: '2024-03-22', reason: '仍不服' }),
    ]);
    expect(v.reduced.state.status).toBe('复查已决定');
  });
});

describe('12345 limits in working days', () => {
  const hotline = (type: '紧急' | '咨询' | '求助' | '投诉' | '建议', registered: string) =>
    due(viewOf(registered, [], fieldsOf({ channel: '12345', hotlineType: type })), `12345${type}办理`)!.due;

  it('咨询/求助 3 working days, across 春节 2024 and 2025 (调休 days count)', () => {
    expect(hotline('咨询', '2024-02-08')).toBe('2024-02-19'); // 02-09, 02-18 (调休 Sunday), 02-19
    expect(hotline('求助', '2025-01-24')).toBe('2025-02-05'); // 01-26 (调休), 01-27, 02-05
  });
  it('投诉/建议 13 working days, across 春节 and across 劳动节 2024 at a month end', () => {
    expect(hotline('投诉', '2024-02-08')).toBe('2024-03-04');
    // 04-30: 05-06…05-10 (5), 05-11 调休 Saturday (6), 05-13…05-17 (11), 05-20, 05-21 (13).
    expect(hotline('建议', '2024-04-30')).toBe('2024-05-21');
  });
  it('紧急 is due the same day, even on a holiday or a weekend', () => {
    expect(hotline('紧急', '2024-02-10')).toBe('2024-02-10');
    expect(hotline('紧急', '2024-06-15')).toBe('2024-06-15');
  });
  it('an office may configure its own limits', async () => {
    const { hotlineDue } = await import('./limits');
    expect(hotlineDue('2024-06-14', '投诉', { 紧急: { unit: 'same-day' }, 咨询: { unit: 'working-days', n: 2 }, 求助: { unit: 'working-days', n: 2 }, 投诉: { unit: 'working-days', n: 5 }, 建议: { unit: 'working-days', n: 10 } }).due).toBe('2024-06-21');
  });
  it('automatic 催办 on the due date and the day after, to whoever owes it, masked', () => {
    const v = viewOf('2024-06-14', [], fieldsOf({ channel: '12345', hotlineType: '咨询' }));
    const notices = petitionArea.notifications!(v);
    expect(notices.map((n) => [n.at, n.title, n.audience])).toEqual([
      ['2024-06-19', '催办:12345咨询办理今日到期', 'role:petition_office'],
      ['2024-06-20', '催办:12345咨询办理已超期', 'role:petition_office'],
    ]);
  });
});
