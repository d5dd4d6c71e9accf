import { requestReindex, type Migration } from './types';

/**
 * Full-text search. `search` is a contentless FTS5 table over tokens made in JS
 * (core/text/search-tokens.ts: CJK bigrams + words), so the `ascii` tokenizer only splits on
 * spaces. `kind` holds the record kind as a token, so a kind filter is an FTS AND instead of a
 * join. `search_text` keeps the original strings for snippets and to skip unchanged rewrites.
 */
export const migration003: Migration = {
  version: 3,
  name: 'search',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search USING fts5(
        title, body, notes, kind,
        content = '', contentless_delete = 1, tokenize = 'ascii', detail = full
      );
      CREATE TABLE search_text (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        notes TEXT NOT NULL
      );
    `);
    requestReindex(db);
  },
};
