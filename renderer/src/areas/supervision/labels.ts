import type { ReportCycle } from '../../../../core/calendar/report-cycle';
import type { UrgeLevel } from '../../../../core/supervision/events';
import { EVENT_LABEL, isEventType } from '../../../../core/supervision/events';
import { LIGHT_LABEL, type Light, type SupervisionStatus } from '../../../../core/supervision/model';

/** Colours and words of the 督办 area (antd tag colours). */
export const LIGHT_COLOR: Record<Light, string> = { red: 'red', yellow: 'gold', green: 'green', none: 'default' };
export const lightLabel = (light: Light): string => LIGHT_LABEL[light];

export const PHASE_COLOR: Record<SupervisionStatus, string> = {
  draft: 'default',
  in_progress: 'processing',
  review: 'purple',
  completed: 'success',
  closed: 'cyan',
};

export const URGE_COLOR: Record<UrgeLevel, string> = { blue: 'blue', yellow: 'gold', red: 'red' };

/** The 办理记录 label of an event type; foundation-era and unknown types are shown as stored. */
export function historyLabel(type: string): string {
  if (isEventType(type)) return EVENT_LABEL[type];
  return ({ edit: '修改', create: '创建', complete: '办结(旧版)', reopen: '重新办理(旧版)' } as Record<string, string>)[type] ?? type;
}

const WEEKDAY = ['一', '二', '三', '四', '五', '六', '日'];

/** 每周一 / 每月25日 / 每5个工作日 */
export function cycleLabel(cycle: ReportCycle | null): string {
  if (!cycle) return '—';
  if (cycle.kind === 'weekly') return `每周${WEEKDAY[cycle.weekday - 1] ?? ''}`;
  if (cycle.kind === 'monthly') return `每月${cycle.day}日`;
  return `每${cycle.everyWorkingDays}个工作日`;
}
