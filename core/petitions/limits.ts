import type { HolidayCalendar } from '../calendar/holiday-calendar';
import type { IsoDate } from '../calendar/iso-date';
import { computeDeadline, type ClockStop, type Deadline, type DeadlineRule, type Period } from '../kernel/deadline';
import type { HotlineType } from './model';

/**
 * The statutory limits of 信访工作条例 (2022) and the 12345 hotline's working-day limits, as
 * deadline-engine rules. A due date on a rest day moves to the next working day (民法典第二百零三条).
 */
const natural = (from: string, n: number): DeadlineRule => ({ from, period: { unit: 'days', n }, holiday: 'next-working-day' });

export const PETITION_RULES = {
  /** 第二十二条: 受理 or 不予受理 decided within 15 days of 登记. */
  accept: natural('登记之日起', 15),
  /** 第二十一条: 转送/交办 within 15 days of 登记. */
  assign: natural('登记之日起', 15),
  /** 第三十二条: 办结 within 60 days of 受理 ... */
  handle: natural('受理之日起', 60),
  /** ... extended by at most 30 days with approval. */
  extensionMax: { unit: 'days', n: 30 } as Period,
  /** 第三十五条: 复查 requested within 30 days of the reply, decided within 30 days. */
  reviewRequest: natural('收到答复意见之日起', 30),
  reviewDecide: natural('收到复查请求之日起', 30),
  /** 第三十六条: 复核 requested within 30 days of the 复查 decision, decided within 30 days (听证 time does not count). */
  recheckRequest: natural('收到复查意见之日起', 30),
  recheckDecide: natural('收到复核请求之日起', 30),
} as const;

/** 12345 limits by type, in working days (紧急: the same day); an office may configure its own. */
export type HotlinePeriod = { unit: 'same-day' } | { unit: 'working-days'; n: number };
export type HotlineLimits = Readonly<Record<HotlineType, HotlinePeriod>>;

export const DEFAULT_HOTLINE_LIMITS: HotlineLimits = {
  紧急: { unit: 'same-day' },
  咨询: { unit: 'working-days', n: 3 },
  求助: { unit: 'working-days', n: 3 },
  投诉: { unit: 'working-days', n: 13 },
  建议: { unit: 'working-days', n: 13 },
};

export interface LimitOptions {
  calendar?: HolidayCalendar;
}

export const limitDue = (start: IsoDate, rule: DeadlineRule, opts: LimitOptions = {}, stops: readonly ClockStop[] = []): Deadline =>
  computeDeadline({ start, rule, stops }, opts);

/** 办理 deadline: 60 days from 受理, plus an approved extension of at most 30 days. */
export function handleDue(acceptedOn: IsoDate, extension: { until: IsoDate | null } | null, opts: LimitOptions = {}): Deadline {
  return computeDeadline(
    { start: acceptedOn, rule: PETITION_RULES.handle, extensions: extension ? [{ max: PETITION_RULES.extensionMax, until: extension.until }] : [] },
    opts,
  );
}

/** 12345 deadline from the day the case was registered: its own signed limit, else the table's. */
export function hotlineDue(registeredOn: IsoDate, type: HotlineType, limits: HotlineLimits = DEFAULT_HOTLINE_LIMITS, opts: LimitOptions = {}, own: Period | null = null): Deadline {
  const period = own ?? limits[type];
  return computeDeadline({ start: registeredOn, rule: { from: '', period, holiday: 'next-working-day' } }, opts);
}

/** Whether a request made on `on` is within the window that ends on `window.due` (inclusive). */
export const withinWindow = (on: IsoDate, window: Deadline): boolean => on <= window.due;
