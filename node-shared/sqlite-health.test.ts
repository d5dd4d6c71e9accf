import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstDamage, isCorruption } from './sqlite-health';

describe('sqlite-health', () => {
  it('tells damage from other failures', () => {
    const err = (code: string, message: string) => Object.assign(new Error(message), { code });
    expect(isCorruption(err('SQLITE_CORRUPT', 'database disk image is malformed'))).toBe(true);
    expect(isCorruption(err('SQLITE_NOTADB', 'file is not a database'))).toBe(true);
    expect(isCorruption(err('SQLITE_ERROR', 'vtable constructor failed: search'))).toBe(true);
    expect(isCorruption(err('SQLITE_ERROR', 'no such column: x'))).toBe(false);
    expect(isCorruption(err('SQLITE_BUSY', 'database is locked'))).toBe(false);
    expect(isCorruption(new Error('boom'))).toBe(false);
  });

  it('finds an overwritten page without writing anything', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-health-'));
    const file = path.join(dir, 't.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`行 ${i} `.repeat(5));
    expect(firstDamage(db)).toBeNull();
    db.close();
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 2, 4096 * 3);
    fs.writeFileSync(file, bytes);
    const again = new Database(file, { readonly: true });
    expect(firstDamage(again)).toMatch(/page/);
    again.close();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
