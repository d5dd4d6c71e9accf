import { addDays, type IsoDate } from '../calendar/iso-date';
import type { UrgeLevel } from './events';
import { lightThresholds, type ItemLightOptions } from './item-light';
import type { ItemSchedule } from './schedule';
import type { SupervisionWork } from './state';

/**
 * Automatic reminders: derived from the state and today, never stored. Each has a key that is the
 * same on every replica and every day the condition lasts, so whatever delivers them (desktop
 * notifications, a later issue) can remember the keys it has sent and never send one twice, even
 * after re-syncs or restarts.
 */
export interface AutoReminder {
  key: string;
  kind: 'due_soon' | 'overdue' | 'acknowledge' | 'report' | 'milestone';
  level: UrgeLevel;
  units: string[];
  /** The first day the reminder applies. */
  since: IsoDate;
  text: string;
}

export function autoReminders(
  itemId: string,
  state: SupervisionWork,
  schedule: ItemSchedule,
  today: IsoDate,
  opts: ItemLightOptions = {},
): AutoReminder[] {
  if (state.phase !== 'in_progress' && state.phase !== 'review') return [];
  const out: AutoReminder[] = [];
  const active = state.assignments.filter((a) => !a.group).map((a) => a.unit);
  const assessed = schedule.assessedDeadline;
  if (assessed && today > assessed) {
    out.push({ key: `${itemId}:overdue:${assessed}`, kind: 'overdue', level: 'red', units: active, since: addDays(assessed, 1), text: `已超过完成时限 ${assessed}` });
  } else if (assessed) {
    const { warnBefore } = lightThresholds(today, opts);
    if (assessed < warnBefore) {
      out.push({ key: `${itemId}:due-soon:${assessed}`, kind: 'due_soon', level: 'blue', units: active, since: today, text: `临近完成时限 ${assessed}` });
    }
  }
  for (const u of schedule.units) {
    if (u.acknowledgeBy && today > u.acknowledgeBy) {
      out.push({ key: `${itemId}:ack:${u.unit}:${u.acknowledgeBy}`, kind: 'acknowledge', level: 'yellow', units: [u.unit], since: addDays(u.acknowledgeBy, 1), text: `${u.unit}未按时签收(时限 ${u.acknowledgeBy})` });
    }
    if (u.nextReportDue && today > u.nextReportDue) {
      out.push({ key: `${itemId}:report:${u.unit}:${u.nextReportDue}`, kind: 'report', level: 'yellow', units: [u.unit], since: addDays(u.nextReportDue, 1), text: `${u.unit}未按期报送进展(应于 ${u.nextReportDue} 前)` });
    }
  }
  const m = schedule.milestoneDue;
  if (m && today > m.date) {
    out.push({ key: `${itemId}:milestone:${m.id}`, kind: 'milestone', level: 'yellow', units: active, since: addDays(m.date, 1), text: `节点目标逾期:${m.title}(${m.date})` });
  }
  return out;
}
