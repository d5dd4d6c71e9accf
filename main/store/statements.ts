import type { Database, Statement } from 'better-sqlite3';

/** Prepared statements by SQL text, made once per connection (queries whose shape varies a little: IN lists, tables). */
export function statementCache(db: Database): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
}
