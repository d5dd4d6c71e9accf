import { utf8Encode } from '../crypto/bytes';
import { MAX_EVENT_BYTES, RecordEvent } from '../kernel/event';

/**
 * One text per event, whoever wrote it: JSON of the parsed RecordEvent with object keys sorted
 * at every depth. The server stores this form and compares it to decide whether a resubmitted
 * event id carries the same content (acknowledged again) or other content (refused); the key
 * order a client happened to use does not matter.
 */
export function eventText(event: RecordEvent): string {
  return JSON.stringify(sorted(event));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sorted(v);
  }
  return out;
}

export type ParsedEvent = { ok: true; event: RecordEvent; text: string } | { ok: false; reason: string };

/**
 * Parses an event received as JSON (from the network or a stored log). Anything larger than
 * MAX_EVENT_BYTES, not JSON, or not a RecordEvent is refused with a reason (Chinese, for the author).
 */
export function parseEventJson(json: string): ParsedEvent {
  // A UTF-16 length over the limit is over it in UTF-8 too; only near the limit count bytes.
  if (json.length > MAX_EVENT_BYTES || (json.length > MAX_EVENT_BYTES / 3 && utf8Encode(json).length > MAX_EVENT_BYTES)) {
    return { ok: false, reason: `办理记录过大(上限 ${MAX_EVENT_BYTES / 1024} KiB)` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, reason: '办理记录不是有效的 JSON' };
  }
  const parsed = RecordEvent.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `办理记录格式不正确(${issue ? `${issue.path.join('.') || '整体'}:${issue.message}` : '未知'})` };
  }
  return { ok: true, event: parsed.data, text: eventText(parsed.data) };
}
