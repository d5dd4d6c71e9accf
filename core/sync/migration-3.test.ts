import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from './migrate';

describe('sync.db schema 2 → 3: the 编号 service’s allocations', () => {
  it('adds doc_numbers and keeps everything else', () => {
    const db = new Database(':memory:');
    migrate(db, 2);
    db.prepare("INSERT INTO meta (key, value) VALUES ('kept', 'yes')").run();
    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'kept'").pluck().get()).toBe('yes');
    const insert = db.prepare('INSERT INTO doc_numbers (series, year, seq, record_id, login, at) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('厦府办', 2022, 1, 'doc-a', 'bgt.sun', 0);
    // One number per series-year, and one per record in a series-year.
    expect(() => insert.run('厦府办', 2022, 1, 'doc-b', 'bgt.sun', 0)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => insert.run('厦府办', 2022, 2, 'doc-a', 'bgt.sun', 0)).toThrow(/UNIQUE/);
    insert.run('厦府办', 2023, 1, 'doc-a', 'bgt.sun', 0);
  });
});
