import type { RecordKind } from '../../../core/records/record-doc';
import { buildHash } from '../router/hash';

/** Where a record opens. */
export function recordHref(kind: RecordKind, id: string): string {
  if (kind === 'incoming') return buildHash(['documents', id]);
  if (kind === 'document') return buildHash(['documents', 'outgoing', id]);
  return buildHash(['supervision', id]);
}

export const RECORD_KIND_LABEL: Record<RecordKind, string> = { supervision: '督办事项', incoming: '收文', document: '发文' };
