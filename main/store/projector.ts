import type { Database } from 'better-sqlite3';
import type * as Y from 'yjs';
import type { RecordKind } from '../../core/records/record-doc';

/** What a record contributes to the full-text index. */
export interface SearchTexts {
  title: string;
  body: string;
  notes: string;
}

/**
 * The store is generic over record kinds: each area (main/supervision, main/incoming) owns its
 * projection tables and gives the store one of these. `write` runs inside the store's
 * transaction for the update, so a projector that throws rolls the update back too.
 */
export interface Projector {
  readonly kind: RecordKind;
  /** Replaces the record's rows in the area's tables; returns its texts for the index. */
  write(rid: number, id: string, doc: Y.Doc): SearchTexts;
  /** Empties the area's tables (rebuildIndex). */
  clear(): void;
}

export type ProjectorFactory = (db: Database) => Projector;
