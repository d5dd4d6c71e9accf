import type { Database, Statement } from 'better-sqlite3';
import { indexTokens } from '../../core/text/search-tokens';
import type { SearchTexts } from '../../core/kernel/area';

interface Staged {
  rid: number;
  kind: string;
  texts: SearchTexts;
}

/**
 * Writes the full-text index (see migrations/003_search.ts) inside the store's transaction.
 *
 * Entries are staged and written together at the end of the transaction: FTS5 flushes its
 * in-memory pending terms whenever another statement in the transaction opens a savepoint,
 * so interleaving index inserts with projection writes produced one tiny segment per record
 * and made bulk inserts several times slower.
 */
export class SearchIndex {
  private readonly current: Statement<[number], SearchTexts>;
  private readonly putText: Statement<[number, string, string, string]>;
  private readonly removeFts: Statement<[number]>;
  private readonly insertFts: Statement<[number, string, string, string, string]>;
  private staged: Staged[] = [];

  constructor(private readonly db: Database) {
    this.current = db.prepare('SELECT title, body, notes FROM search_text WHERE rid = ?');
    this.putText = db.prepare('INSERT OR REPLACE INTO search_text(rid, title, body, notes) VALUES (?, ?, ?, ?)');
    this.removeFts = db.prepare('DELETE FROM search WHERE rowid = ?');
    this.insertFts = db.prepare('INSERT INTO search(rowid, title, body, notes, kind) VALUES (?, ?, ?, ?, ?)');
  }

  stage(rid: number, kind: string, texts: SearchTexts): void {
    this.staged.push({ rid, kind, texts });
  }

  /** Writes what was staged; unchanged texts (a status change, a deadline edit) cost one read. */
  flush(): void {
    const staged = this.staged;
    this.staged = [];
    const changed: Staged[] = [];
    for (const entry of staged) {
      const before = this.current.get(entry.rid);
      const { title, body, notes } = entry.texts;
      if (before && before.title === title && before.body === body && before.notes === notes) continue;
      if (before) this.removeFts.run(entry.rid);
      changed.push(entry);
    }
    for (const { rid, kind, texts } of changed) {
      this.insertFts.run(rid, indexTokens(texts.title), indexTokens(texts.body), indexTokens(texts.notes), kind);
    }
    for (const { rid, texts } of changed) this.putText.run(rid, texts.title, texts.body, texts.notes);
  }

  /** Forgets staged entries of a transaction that failed. */
  discard(): void {
    this.staged = [];
  }

  clear(): void {
    this.staged = [];
    this.db.exec("DELETE FROM search_text; INSERT INTO search(search) VALUES ('delete-all');");
  }

  /** Merges FTS b-tree segments; worth running after a bulk import. */
  optimize(): void {
    this.db.exec("INSERT INTO search(search) VALUES ('optimize');");
  }
}
