import type { RecordKind } from '../../../core/records/record-doc';
import { buildHash } from '../router/hash';

/** Where a record opens. */
export function recordHref(kind: RecordKind, id: string): string {
  return kind === 'incoming' ? buildHash(['documents', id]) : buildHash(['supervision', id]);
}

export const RECORD_KIND_LABEL: Record<RecordKind, string> = { supervision: '督办事项', incoming: '收文' };
