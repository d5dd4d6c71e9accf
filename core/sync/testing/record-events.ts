import type { Certificate } from '../../crypto/x509/certificate';
import type { SyncSigner } from '../../crypto/sm2/signer';
import type { Actor } from '../../kernel/actor';
import { CREATE, type RecordEvent } from '../../kernel/event';
import { signSupervisionEvent } from '../../supervision/signature';

/**
 * Events for sync tests and the bench: built as the app builds them, signed with the kernel's
 * signed form (today supervision's `signSupervisionEvent`, the same bytes). The content hash is
 * the signer's word and the server does not recompute it, so a fixed one serves.
 */
export const TEST_CONTENT_HASH = '0'.repeat(64);

let counter = 0;

export function recordEvent(by: Actor, type: string, payload: Record<string, unknown> = {}, opts: { id?: string; basis?: string | null; at?: string } = {}): RecordEvent {
  return { id: opts.id ?? `${by.login}-${type}-${++counter}-${Math.random().toString(36).slice(2, 8)}`, type, actor: by.login, by, at: opts.at ?? new Date().toISOString(), basis: opts.basis ?? null, payload };
}

export const createEvent = (by: Actor, kind: string, opts: { id?: string; at?: string } = {}): RecordEvent => recordEvent(by, CREATE, { kind }, opts);

export function signed(recordId: string, event: RecordEvent, key: { signer: SyncSigner; certificate: Certificate }): RecordEvent {
  return { ...event, sig: signSupervisionEvent(recordId, event as Parameters<typeof signSupervisionEvent>[1], TEST_CONTENT_HASH, key.signer, key.certificate) };
}
