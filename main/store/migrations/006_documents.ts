import { requestReindex, type Migration } from './types';

/**
 * 公文 drafted here (record kind `document`, main/documents): the 发文 list row. Derived from the
 * log like every projection; existing profiles have no document records, but the rebuild keeps
 * the rule simple (a migration that adds a projection asks for one).
 */
export const migration006: Migration = {
  version: 6,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        doc_kind TEXT NOT NULL,
        title TEXT NOT NULL,
        issuer TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        written_date TEXT,
        period_from TEXT,
        period_to TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX documents_by_created ON documents(created_at DESC, rid DESC);
    `);
    requestReindex(db);
  },
};
