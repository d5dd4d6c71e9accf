import { z } from 'zod';
import { Actor } from './actor';

/**
 * The one event format of every area. An event is one workflow action on one record, signed by
 * its actor (`sig`, see signature.ts), and travels on its own — not inside the record's Y.Doc:
 * the sync server validates it as a whole, gives it the record's next sequence number and
 * appends it (README.md, "Why events leave the Y.Doc").
 *
 * `basis` is the last *linear* event the actor had seen (the area's `linear` event types need
 * one order; a stale basis is flagged as a conflict by the reducer, on every replica).
 * `payload` is checked against the area's schema for `type`. Files are referred to inside the
 * payload as `{name, sm3, size, mime}` (BlobRef): the signature covers their hashes.
 */
export const RecordEvent = z.object({
  id: z.string().min(1).max(100),
  type: z.string().min(1).max(60),
  /** The actor's login; must equal `by.login`. */
  actor: z.string().min(1).max(100),
  /** Absent only on events written before the kernel (and on legacy 签发/用印 `sign` events). */
  by: Actor.optional(),
  /** ISO 8601 UTC with milliseconds (Date.prototype.toISOString). */
  at: z.string().min(1).max(40),
  basis: z.string().max(100).nullable(),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** JSON of the signature envelope (core/kernel/signature.ts), outside the signed part. */
  sig: z.string().max(20000).optional(),
});
export type RecordEvent = z.infer<typeof RecordEvent>;

/** Largest accepted event, as canonical JSON bytes (a long report with a certificate fits easily). */
export const MAX_EVENT_BYTES = 256 * 1024;

/**
 * The stored and transmitted form of an event: JSON with object keys sorted (UTF-16 order), so
 * the same event gives the same bytes on every machine (the server acknowledges a resubmission
 * of identical bytes). Unlike canonical JSON for signing, any JSON number is written as
 * JSON.stringify writes it: an event is stored as it came, never refused or altered here.
 */
export function eventJson(event: RecordEvent): string {
  return JSON.stringify(sortKeys(event));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(o).sort()) if (o[key] !== undefined) out[key] = sortKeys(o[key]);
  return out;
}

/**
 * Kernel event types, valid in every area:
 * - `create`: the first event of every record made since the kernel; payload `{kind}`. It fixes
 *   the record's kind for good and makes its actor's unit an owner (who may see it).
 * - `edit`: an audit entry for a field edit made through a form (payload `{fields: names,
 *   values: new values}`); the change itself is in the Y.Doc. The area's `can()` decides who may.
 */
export const CREATE = 'create';
export const EDIT = 'edit';
export const CreatePayload = z.object({ kind: z.string().min(1).max(40) });
export const EditPayload = z.object({
  fields: z.array(z.string().min(1).max(60)).min(1).max(100),
  values: z.record(z.string(), z.unknown()).default({}),
});

/** How an event stands on this machine. */
export const EventStatus = z.enum(['confirmed', 'pending', 'rejected']);
export type EventStatus = z.infer<typeof EventStatus>;

/**
 * An event as the local store keeps it: `confirmed` with the server's per-record `seq`; `pending`
 * (made here, not yet acknowledged, in local order after the confirmed ones); `rejected` by the
 * server with `reason` (kept and shown to its author, never reduced, never lost).
 */
export interface StoredEvent {
  event: RecordEvent;
  status: EventStatus;
  seq: number | null;
  reason: string | null;
}

/** A file referred to by an event or a field: content-addressed, kept outside the Y.Doc (blob store). */
export const BlobRef = z.object({
  name: z.string().trim().min(1).max(200),
  sm3: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().min(0),
  mime: z.string().max(200).default('application/octet-stream'),
});
export type BlobRef = z.infer<typeof BlobRef>;

/**
 * Every blob an event refers to: any object in its payload with an `sm3` (64 lowercase hex) and an
 * integer `size`, at any depth (bounded). Generic, so the server can tie blobs to records without
 * knowing the area: a blob is served to whoever may read a record that refers to it.
 */
export function blobRefsOf(payload: unknown, depth = 0, out = new Map<string, number>()): Map<string, number> {
  if (depth > 8 || payload === null || typeof payload !== 'object') return out;
  if (Array.isArray(payload)) {
    for (const item of payload) blobRefsOf(item, depth + 1, out);
    return out;
  }
  const o = payload as Record<string, unknown>;
  if (typeof o.sm3 === 'string' && /^[0-9a-f]{64}$/.test(o.sm3) && Number.isSafeInteger(o.size) && (o.size as number) >= 0) out.set(o.sm3, o.size as number);
  for (const value of Object.values(o)) blobRefsOf(value, depth + 1, out);
  return out;
}
