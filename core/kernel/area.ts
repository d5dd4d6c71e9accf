import type { z } from 'zod';
import type { TrustStore } from '../crypto/x509/chain';
import type { Actor } from './actor';
import type { RecordEvent } from './event';
import type { Reduced } from './reduce';

/**
 * One business area (督办, 收文, 发文, 提案建议, 信访 …), declared once with `defineArea` in the
 * area's own folder and listed in the registry (core/areas.ts). Generic code — the store, the
 * IPC contract's generic methods, the handlers, the sync server's write rules, 工作台 and
 * notifications — reads areas from a registry and never imports an area.
 *
 * Everything here is pure and deterministic: replicas with the same events compute the same
 * state, rows, 待办 and deadlines.
 */

/** Who did it and when; `eventId` points into the history. */
export interface Stamp {
  eventId: string;
  at: string;
  by: Actor;
}

/** A rule's answer: rejected (with why), ignored harmlessly (with a note), or applied. */
export type Outcome =
  | { kind: 'reject'; reject: 'state' | 'invalid'; reason: string }
  | { kind: 'ignore'; note: string }
  | { kind: 'apply'; note: string | null; run: () => void };

export const reject = (reason: string, kind: 'state' | 'invalid' = 'state'): Outcome => ({ kind: 'reject', reject: kind, reason });
export const apply = (run: () => void, note: string | null = null): Outcome => ({ kind: 'apply', note, run });

export interface EventSpec<P extends z.ZodType = z.ZodType> {
  /** Chinese name shown in 办理记录 (交办, 签收 …). */
  label: string;
  payload: P;
  /** Transitions that need one order: a stale `basis` is a conflict (flagged, never applied). */
  linear?: boolean;
}

/** An action someone may take: the event type, and the payload when known. */
export interface Action {
  type: string;
  payload?: unknown;
}

/** The record as the area's derived functions see it (projection, search, 待办, deadlines, notices). */
export interface RecordView<S, F> {
  id: string;
  kind: string;
  fields: F;
  /** The body as plain text, one line per paragraph. */
  body: string;
  reduced: Reduced<S>;
  createdAt: string;
  updatedAt: string;
}

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

/**
 * The area's list projection: its own tables, created and upgraded by its own numbered
 * migrations (DDL, run by the store's area migrator; version = index + 1, each with an N-1 → N
 * test in the area). Every table has an integer `rid` column: the store deletes a record's rows
 * by it and empties the tables on a rebuild. `rows` returns every row the record has now.
 */
export interface ProjectionSpec<S, F> {
  tables: readonly string[];
  migrations: readonly string[];
  rows(view: RecordView<S, F>): Record<string, Row[]>;
}

/** What a record contributes to the full-text index. */
export interface SearchTexts {
  title: string;
  body: string;
  /** Everything else worth finding: units, people, attachment names, event texts. */
  notes: string;
}

/**
 * One 待办 entry: what the record waits for, from whom. `audience` is `unit:<unit>`,
 * `role:<role>` or `user:<login>`; `since` is when it becomes due for them (a date YYYY-MM-DD, or
 * an ISO instant; it shows once its date has come), `due`
 * the date it must be done by (YYYY-MM-DD) or null. `urgency` sorts the list (higher first:
 * e.g. 3 = red 督查单/overdue). Rows must not depend on today: the light is computed when read.
 */
export interface TodoItem {
  audience: string;
  kind: string;
  label: string;
  since: string;
  due: string | null;
  urgency: number;
  /** What the entry refers to inside the record (an event id), for idempotent keys. */
  ref: string;
}

/** One deadline of a record, from the deadline engine (core/kernel/deadline.ts). */
export interface DeadlineItem {
  name: string;
  /** YYYY-MM-DD, the date assessed (after approved extensions). */
  due: string;
  /** How it was produced, in Chinese: 交办后3个月, 延期批准后 … */
  rule: string;
  /** Done (the obligation was met), so no light. */
  done: boolean;
  /** Estimated: the holiday calendar does not cover the whole span. */
  estimated: boolean;
  /** An intermediate step (签收, 进展反馈, 节点目标): missing it makes the light yellow, not red (core/kernel/light.ts). */
  step?: boolean;
}

/**
 * A notification: shown once per login (`key` is idempotent, the same on every replica), from
 * `at` (a date YYYY-MM-DD or an instant; shown once its date has come). `kind` says what it is
 * (assignment, urge …): the renderer may pick an icon by it.
 */
export interface NoticeItem {
  key: string;
  kind: string;
  audience: string;
  title: string;
  body: string;
  at: string;
}

export interface AreaDefinition<S = unknown, F = unknown> {
  /** The record kind, fixed at creation: ^[a-z][a-z0-9_]*$ */
  kind: string;
  /** Chinese name of one record (督办事项, 收文, 提案 …). */
  label: string;
  /** Chinese names of fields, for messages (“标题”已被他人修改…) and the history of edits; the key otherwise. */
  fieldLabels?: Readonly<Record<string, string>>;
  /** Reads the fields Y.Map's JSON; must not throw (use defaults for what is missing). */
  fields: z.ZodType<F>;
  /**
   * Checks the fields a form writes (records.create: all of them; records.update: the changed
   * ones, as a partial), strictly, where `fields` is a lenient reader; absent: `fields` checks.
   */
  input?: z.ZodObject;
  events: Readonly<Record<string, EventSpec>>;
  /** The state before any event. */
  initial(): S;
  /**
   * Optional: what the `create` event sets in the state (who made the record, e.g. the office
   * that registered it, so `can` may reserve later steps to that office). Called when it applies.
   */
  onCreate?(state: S, stamp: Stamp): void;
  /** The state rule of each event type, after the kernel checked identity, payload and can(). */
  rules: Readonly<Record<string, (state: S, payload: never, stamp: Stamp, event: RecordEvent) => Outcome>>;
  /**
   * The one permission rule: null when `actor` may take `action` on a record in `state`, else why
   * not (Chinese). Used by the renderer (which buttons show), the handlers and the sync server.
   * `edit` (a field edit) and `create` are asked too. Decide from the actor and the state only:
   * fields are unsigned, so they never grant anything.
   */
  can(actor: Actor, action: Action, state: S): string | null;
  /**
   * Optional: whether a button for `action` belongs on the page now (the workflow is at its step,
   * e.g. 用印 only once the 公文 is numbered, and once per unit). Only for offering: an event that
   * arrives anyway is judged by `can` and the rules, so a late one is flagged, not refused.
   * Absent: every permitted action is offered.
   */
  offered?(actor: Actor, action: Action, state: S): boolean;
  /** Units, besides the creator's, who may see the record (the server's access rule). From events only. */
  access?(state: S): string[];
  projection?: ProjectionSpec<S, F>;
  search(view: RecordView<S, F>): SearchTexts;
  todos?(view: RecordView<S, F>): TodoItem[];
  deadlines?(view: RecordView<S, F>): DeadlineItem[];
  notifications?(view: RecordView<S, F>): NoticeItem[];
  /**
   * A check beyond the generic signature (e.g. that a 用印's seal binds its event), against the
   * given trust (null: none configured). Null when it holds. Run by the server before appending,
   * and by the detail view for display.
   */
  verifyExtra?(recordId: string, event: RecordEvent, trust: TrustStore | null): string | null;
}

/** Declares an area; a function only so that the types are checked where the area is written. */
export function defineArea<S, F>(area: AreaDefinition<S, F>): AreaDefinition<S, F> {
  if (!/^[a-z][a-z0-9_]*$/.test(area.kind)) throw new Error(`bad area kind: ${area.kind}`);
  for (const type of Object.keys(area.events)) if (!area.rules[type]) throw new Error(`${area.kind}: no rule for event ${type}`);
  return area;
}

// A registry stores areas of different state types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyArea = AreaDefinition<any, any>;
