import { withWeekdayFallback, type HolidayCalendar } from '../calendar/holiday-calendar';
import { chineseDate, type IsoDate } from '../calendar/iso-date';
import { computeLight, type LightResult } from '../calendar/light';
import { addWorkingDays, defaultCalendar } from '../calendar/working-days';
import type { UrgeLevel } from './events';
import type { ItemSchedule } from './schedule';

export interface ItemLightOptions {
  /** Yellow when the deadline is at most this many working days away (default 3). */
  warnWorkingDays?: number;
  calendar?: HolidayCalendar;
}

export const DEFAULT_WARN_WORKING_DAYS = 3;

/** The inputs of the light, as stored in the list projection (and in the detail's schedule). */
export type LightInputs = Pick<
  ItemSchedule,
  'deadline' | 'extendedDeadline' | 'extensionPending' | 'acknowledgeBy' | 'nextReportDue' | 'milestoneDue' | 'completedAt'
>;

/**
 * The item's light for `today`: core/calendar's computeLight (deadline, extension, 签收, report)
 * plus a 节点目标 (milestone) passed without being reported as reached, which makes it yellow.
 * list-query.ts computes the same colour in SQL; item-light.test.ts checks they agree.
 */
export function itemLight(inputs: LightInputs, today: IsoDate, opts: ItemLightOptions = {}): LightResult {
  const result = computeLight(
    {
      today,
      deadline: inputs.deadline,
      extendedDeadline: inputs.extendedDeadline,
      extensionPending: inputs.extensionPending,
      acknowledged: inputs.acknowledgeBy === null,
      acknowledgeBy: inputs.acknowledgeBy,
      nextReportDue: inputs.nextReportDue,
      completedAt: inputs.completedAt,
    },
    { warnWorkingDays: opts.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS, ...(opts.calendar ? { calendar: opts.calendar } : {}) },
  );
  const milestone = inputs.milestoneDue;
  if (result.light !== 'none' && milestone && today > milestone.date) {
    const reasons = [...result.reasons, `节点目标逾期:${milestone.title}(${chineseDate(milestone.date)})`];
    return { ...result, light: result.light === 'red' ? 'red' : 'yellow', reasons };
  }
  return result;
}

/**
 * The two dates the SQL light compares with: `today`, and `warnBefore`, the first day that is
 * more than `warn` working days away. A deadline d (not passed) has at most `warn` working days
 * left exactly when d < warnBefore, since working days are counted in (today, d].
 */
export function lightThresholds(today: IsoDate, opts: ItemLightOptions = {}): { today: IsoDate; warnBefore: IsoDate } {
  const calendar = withWeekdayFallback(opts.calendar ?? defaultCalendar());
  return { today, warnBefore: addWorkingDays(today, (opts.warnWorkingDays ?? DEFAULT_WARN_WORKING_DAYS) + 1, calendar) };
}

/**
 * The 督查 escalation level: blue = the deadline approaches, yellow = behind (not signed, a report
 * or a milestone missed), red = overdue (红色督查单). null when nothing calls for a notice.
 */
export function escalationOf(inputs: LightInputs, today: IsoDate, opts: ItemLightOptions = {}): UrgeLevel | null {
  if (inputs.completedAt) return null;
  const assessed = inputs.extendedDeadline ?? inputs.deadline;
  if (assessed && today > assessed) return 'red';
  const behind =
    (inputs.acknowledgeBy !== null && today > inputs.acknowledgeBy) ||
    (inputs.nextReportDue !== null && today > inputs.nextReportDue) ||
    (inputs.milestoneDue !== null && today > inputs.milestoneDue.date);
  if (behind) return 'yellow';
  if (assessed && assessed < lightThresholds(today, opts).warnBefore) return 'blue';
  return null;
}
