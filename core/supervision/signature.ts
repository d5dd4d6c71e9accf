import type * as Y from 'yjs';
import { recordContentHash as contentHashOf } from '../kernel/signature';
import { bodyText, eventsOf, fieldsOf } from '../records/record-doc';

/**
 * Signed 督办 events are the kernel's signed events (core/kernel/signature.ts): one path for
 * every area, same bytes as before, so every existing signed 督办 event still verifies. The names
 * below are kept for the code and tests written against them.
 */
export {
  certificateIdentity,
  isSystemActor,
  SigEnvelope,
  signatureLabel,
  SignatureStatus,
  signedForm,
  signRecordEvent as signSupervisionEvent,
  verifyRecordEvent as verifySupervisionEvent,
} from '../kernel/signature';

/**
 * The content hash of a record doc whose events are still in its `events` Y.Array (records and
 * replicas from before the kernel): its fields, body and the ids of those entries ('' for an
 * entry without one), as the kernel hashes a record.
 */
export function recordContentHash(doc: Y.Doc): string {
  const ids = eventsOf(doc)
    .toArray()
    .map((e) => (e && typeof e === 'object' && typeof (e as { id?: unknown }).id === 'string' ? (e as { id: string }).id : ''));
  return contentHashOf(fieldsOf(doc).toJSON(), bodyText(doc), ids);
}
