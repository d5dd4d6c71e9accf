import type { Actor } from './actor';

/**
 * Who a 待办 entry or a notice is for (core/kernel/area.ts `TodoItem.audience`): one person
 * (`user:<login>`), everyone with a role (`role:<role>`), or a unit (`unit:<unit>`).
 */
export const userAudience = (login: string): string => `user:${login}`;
export const roleAudience = (role: string): string => `role:${role}`;
export const unitAudience = (unit: string): string => `unit:${unit}`;

/** Every audience `actor` belongs to: themself, their role and, when they have one, their unit. */
export function audiencesOf(actor: Actor): string[] {
  return [userAudience(actor.login), roleAudience(actor.role), ...(actor.unit.trim() ? [unitAudience(actor.unit)] : [])];
}

/**
 * The upper bound of `since`/`at` values shown on `today` (YYYY-MM-DD): a date or an instant of
 * that day sorts below it, the next day above. One index range, whatever the value's precision.
 */
export const shownBy = (today: string): string => `${today}~`;
