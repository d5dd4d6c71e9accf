import type { Database, Statement } from 'better-sqlite3';
import type * as Y from 'yjs';
import { projectIncoming } from '../../core/incoming/projection';
import type { Projector, SearchTexts } from '../store/projector';

/** Writes the 收文 list projection. */
export function incomingProjector(db: Database): Projector {
  const upsert: Statement<[number, string, string, string, string, string | null, string]> = db.prepare(`
    INSERT OR REPLACE INTO incoming(rid, id, title, issuer, doc_number, written_date, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return {
    kind: 'incoming',
    write(rid: number, id: string, doc: Y.Doc): SearchTexts {
      const { row, search } = projectIncoming(id, doc);
      upsert.run(rid, row.id, row.title, row.issuer, row.docNumber, row.writtenDate, row.receivedAt);
      return search;
    },
    clear() {
      db.exec('DELETE FROM incoming;');
    },
  };
}
