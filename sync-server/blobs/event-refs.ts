import { isSystemActor } from '../../core/kernel/actor';
import { blobRefsOf } from '../../core/kernel/event';

/**
 * The blobs an appended event names (`{sm3, …}` anywhere in its payload) and the authenticated
 * actor who wrote it, from the event's stored JSON (already judged, so well-formed). A ref counts
 * only if its writer holds or may read the blob (repository.ts), so naming a blob one may not read
 * grants nothing. Imports (`system:*`) name no files: their old attachments move at migration.
 */
export function blobRefsIn(eventJson: string): { sm3s: string[]; actor: string } | null {
  let event: unknown;
  try {
    event = JSON.parse(eventJson);
  } catch {
    return null;
  }
  if (!event || typeof event !== 'object') return null;
  const { actor, payload } = event as { actor?: unknown; payload?: unknown };
  if (typeof actor !== 'string' || isSystemActor(actor)) return null;
  const sm3s = [...blobRefsOf(payload).keys()];
  return sm3s.length > 0 ? { sm3s, actor } : null;
}
