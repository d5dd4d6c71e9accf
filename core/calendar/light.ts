import { withWeekdayFallback, type HolidayCalendar } from './holiday-calendar';
import { chineseDate, toDayNumber, type IsoDate } from './iso-date';
import { defaultCalendar, nextWorkingDayOnOrAfter, uncoveredYears, workingDaysBetween } from './working-days';

/** 亮灯: red = overdue, yellow = needs attention, green = on track, none = completed. */
export type Light = 'green' | 'yellow' | 'red' | 'none';

export interface LightInput {
  today: IsoDate;
  /** The original 完成时限. */
  deadline: IsoDate | null;
  /**
   * The deadline of an APPROVED 延期申请, and only that: a pending or refused request must not be
   * passed here, since an item overdue without an approved extension is assessed on the original date.
   */
  extendedDeadline?: IsoDate | null;
  /** A request is waiting for approval: only adds a reason, never moves the deadline. */
  extensionPending?: boolean;
  acknowledged: boolean;
  /** 签收 limit; without it an unacknowledged item is not flagged. */
  acknowledgeBy?: IsoDate | null;
  nextReportDue?: IsoDate | null;
  completedAt?: IsoDate | null;
}

export interface LightOptions {
  /** Yellow when the deadline is at most this many working days away. Default 3. */
  warnWorkingDays?: number;
  calendar?: HolidayCalendar;
  /**
   * A deadline on a non-working day. 'keep' (default): it is a calendar date and stays; only the
   * count of days left is in working days. 'next-working-day': moved to the next working day, the
   * rule for statutory periods (民法典第二百零三条), for areas whose limits are periods.
   */
  holidayDeadline?: 'keep' | 'next-working-day';
}

export interface LightResult {
  light: Light;
  /** Chinese, for the user: why the light has this colour. */
  reasons: string[];
  /** Working days after today up to and including the deadline; negative when overdue; null without a deadline or when completed. */
  workingDaysLeft: number | null;
  /** The deadline assessed: the approved extension if any, else the original. */
  deadline: IsoDate | null;
  /** Completed items: finished by the deadline. Null while open or without a deadline. */
  onTime: boolean | null;
  /** A year involved has no official holiday data: working days were counted Monday–Friday. */
  estimated: boolean;
}

const RANK: Record<Light, number> = { none: 0, green: 1, yellow: 2, red: 3 };
const worse = (a: Light, b: Light): Light => (RANK[b] > RANK[a] ? b : a);

export function computeLight(input: LightInput, options: LightOptions = {}): LightResult {
  const calendar = withWeekdayFallback(options.calendar ?? defaultCalendar());
  const warn = options.warnWorkingDays ?? 3;
  const today = input.today;
  toDayNumber(today); // validates
  const assessed = input.extendedDeadline ?? input.deadline;
  const deadline =
    assessed && options.holidayDeadline === 'next-working-day' ? nextWorkingDayOnOrAfter(assessed, calendar) : assessed;
  const reasons: string[] = [];
  const end = input.completedAt ?? today;
  const gaps = deadline ? uncoveredYears(end, deadline, calendar) : [];

  if (input.completedAt) {
    const late = deadline ? workingDaysBetween(deadline, input.completedAt, calendar) : 0;
    const onTime = deadline ? input.completedAt <= deadline : null;
    reasons.push('已办结');
    if (onTime === false) reasons.push(late > 0 ? `超期${late}个工作日办结` : '超过完成时限办结');
    return finish('none', reasons, null, deadline, onTime, gaps);
  }

  let light: Light = 'green';
  let left: number | null = null;
  if (deadline) {
    left = workingDaysBetween(today, deadline, calendar);
    if (today > deadline) {
      light = 'red';
      reasons.push(left < 0 ? `已超期${-left}个工作日` : `已超过完成时限(${chineseDate(deadline)})`);
      if (input.extensionPending) reasons.push('延期申请尚未批准,按原完成时限考核');
    } else {
      if (left <= warn) light = 'yellow';
      if (today === deadline) reasons.push('今天是完成时限');
      else reasons.push(left > 0 ? `距完成时限还有${left}个工作日` : `距完成时限(${chineseDate(deadline)})已无工作日`);
    }
    if (input.extendedDeadline && input.extendedDeadline !== input.deadline) {
      reasons.push(`已批准延期至${chineseDate(input.extendedDeadline)}`);
    }
  } else {
    reasons.push('未设完成时限');
  }
  if (!input.acknowledged && input.acknowledgeBy && today > input.acknowledgeBy) {
    light = worse(light, 'yellow');
    reasons.push('未按时签收');
  }
  if (input.nextReportDue && today > input.nextReportDue) {
    light = worse(light, 'yellow');
    reasons.push('进展反馈逾期');
  }
  return finish(light, reasons, left, deadline, null, gaps);
}

function finish(
  light: Light,
  reasons: string[],
  workingDaysLeft: number | null,
  deadline: IsoDate | null,
  onTime: boolean | null,
  gaps: number[],
): LightResult {
  if (gaps.length > 0) reasons.push(`${gaps.join('、')}年节假日安排尚未收录,工作日按周一至周五估算`);
  return { light, reasons, workingDaysLeft, deadline, onTime, estimated: gaps.length > 0 };
}
