import { z } from 'zod';
import type { Actor } from '../core/kernel/actor';
import { defineArea, type AnyArea, type EventSpec, type Outcome } from '../core/kernel/area';
import { CREATE, EDIT, type RecordEvent } from '../core/kernel/event';
import { createRegistry, type AreaRegistry } from '../core/kernel/registry';
import type { Stamp } from '../core/kernel/area';
import type { Actor as SupervisionActor } from '../core/supervision/actor';
import { EVENT_LABEL, EVENT_TYPES, isEventType, LINEAR_TYPES, PAYLOADS } from '../core/supervision/events';
import { permissionError } from '../core/supervision/permissions';
import { RULES } from '../core/supervision/rules';
import { emptyState, type SupervisionState } from '../core/supervision/state';

/**
 * The areas the sync server judges events with until the app's registry (core/areas.ts `AREAS`,
 * built on the kernel branch) exists on this branch; at the merge, `registry` defaults to AREAS
 * and this file goes. Built from what exists: 督办 from supervision's payload schemas, rules and
 * permission table; 收文 (`incoming`) and 公文 (`document`) with the kernel's `create` and
 * `edit` only (their 签发/用印 become area events on the kernel branch).
 */
const Fields = z.record(z.string(), z.unknown()).catch({});

type Rule = (state: SupervisionState, payload: never, stamp: Stamp, event: RecordEvent) => Outcome;

const supervision = defineArea<SupervisionState, Record<string, unknown>>({
  kind: 'supervision',
  label: '督办事项',
  fields: Fields,
  events: Object.fromEntries(EVENT_TYPES.map((t): [string, EventSpec] => [t, { label: EVENT_LABEL[t], payload: PAYLOADS[t], linear: LINEAR_TYPES.has(t) }])),
  initial: emptyState,
  rules: RULES as unknown as Record<string, Rule>,
  can(actor: Actor, action, state) {
    if (action.type === CREATE) return actor.role === 'supervisor' || actor.role === 'leader' ? null : '只有督查室或领导可以立项';
    if (action.type === EDIT) return null;
    if (!isEventType(action.type)) return '未知的操作';
    const payload = action.payload as { unit?: unknown } | undefined;
    return permissionError(action.type, actor as SupervisionActor, state, typeof payload?.unit === 'string' ? payload.unit : undefined);
  },
  // The units an item is assigned to (交办) may see it: assignments come only from signed events.
  access: (state) => state.assignments.map((a) => a.unit),
  search: () => ({ title: '', body: '', notes: '' }),
});

/** A kind whose workflow is not built yet: records are created and edited, nothing else. */
function plainArea(kind: string, label: string): AnyArea {
  return defineArea<Record<string, never>, Record<string, unknown>>({
    kind,
    label,
    fields: Fields,
    events: {},
    initial: () => ({}),
    rules: {},
    can: () => null,
    search: () => ({ title: '', body: '', notes: '' }),
  });
}

export const DEFAULT_REGISTRY: AreaRegistry = createRegistry([supervision, plainArea('incoming', '收文'), plainArea('document', '公文')]);
