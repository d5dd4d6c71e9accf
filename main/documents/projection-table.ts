import type { Database, Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import { projectDocument } from '../../core/documents/projection';
import type { Projector, SearchTexts } from '../store/projector';

/** Writes the 发文 list projection (record kind `document`). */
export function documentProjector(db: Database): Projector {
  const upsert: Statement<[number, string, string, string, string, string, string | null, string | null, string | null, string]> =
    db.prepare(`
    INSERT OR REPLACE INTO documents(rid, id, doc_kind, title, issuer, doc_number, written_date, period_from, period_to, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  return {
    kind: 'document',
    write(rid: number, id: string, doc: Y.Doc): SearchTexts {
      const { row, search } = projectDocument(id, doc);
      upsert.run(
        rid,
        row.id,
        row.docKind,
        row.title,
        row.issuer,
        row.docNumber,
        row.writtenDate,
        row.period?.from ?? null,
        row.period?.to ?? null,
        row.createdAt,
      );
      return search;
    },
    clear() {
      db.exec('DELETE FROM documents;');
    },
  };
}
