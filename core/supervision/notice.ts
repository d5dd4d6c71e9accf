import { withWeekdayFallback } from '../calendar/holiday-calendar';
import { chineseDate, type IsoDate } from '../calendar/iso-date';
import { addWorkingDays, defaultCalendar } from '../calendar/working-days';
import type { UrgeLevel } from './events';

/** 催办 escalation: 蓝色提示单 → 黄色警示单 → 红色督查单. */
export const URGE_LEVEL_LABEL: Record<UrgeLevel, string> = {
  blue: '督办提示单(蓝色)',
  yellow: '督办警示单(黄色)',
  red: '督查单(红色)',
};
export const URGE_LEVEL_SHORT: Record<UrgeLevel, string> = { blue: '蓝色提示', yellow: '黄色警示', red: '红色督查单' };

export interface NoticeInput {
  level: UrgeLevel;
  units: readonly string[];
  code: string;
  title: string;
  /** The 收文 the item came from (厦府办〔2022〕47号), if any. */
  sourceDocNumber?: string | null;
  sourceTitle?: string | null;
  /** The deadline assessed (the approved extension, else the original). */
  deadline: IsoDate | null;
  today: IsoDate;
  /** Why the item needs the notice, from the light: 已超期3个工作日, 未按时签收… */
  reasons: readonly string[];
  /** Who issues it (the 督查室's unit). */
  issuer: string;
  /** The date the units must answer by. */
  replyBy: IsoDate;
}

const REQUEST: Record<UrgeLevel, (replyBy: string) => string> = {
  blue: () => '请你单位抓紧推进,确保按期完成,并及时报送办理进展。',
  yellow: (replyBy) => `请你单位于${replyBy}前报送办理进展情况,说明滞后原因及下一步措施。`,
  red: (replyBy) =>
    `请你单位于${replyBy}前书面报送超期原因、整改措施及完成时间,主要负责同志要亲自过问、推动落实。逾期仍未办结的,将按规定予以通报。`,
};

/** The text of a 催办 notice, as the 督查室 would send it; the user may edit it before sending. */
export function urgeNoticeText(input: NoticeInput): string {
  const item = `“${[input.code, input.title].filter(Boolean).join(' ')}”`;
  const basis = input.sourceDocNumber
    ? `根据${input.sourceTitle ? `《${input.sourceTitle.replace(/^.*关于印发|的通知$/g, '')}》` : ''}(${input.sourceDocNumber})工作部署,`
    : '';
  const due = input.deadline ? `,完成时限为${chineseDate(input.deadline)}` : '';
  const status = input.reasons.length ? input.reasons.join(',') : '尚未报送办理情况';
  return [
    URGE_LEVEL_LABEL[input.level],
    `${input.units.join('、')}:`,
    `    ${basis}由你单位承办的${item}事项${due}。截至${chineseDate(input.today)},${status}。`,
    `    ${REQUEST[input.level](chineseDate(input.replyBy))}`,
    '',
    `${input.issuer}`,
    `${chineseDate(input.today)}`,
  ].join('\n');
}

/** Units answer a 催办 within this many working days. */
export const REPLY_WORKING_DAYS = 3;

/** The reply date of a notice sent today (working days on the official calendar, estimated beyond it). */
export const replyByFor = (today: IsoDate, days = REPLY_WORKING_DAYS): IsoDate =>
  addWorkingDays(today, days, withWeekdayFallback(defaultCalendar()));
