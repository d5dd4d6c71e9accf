import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';

afterEach(() => removeTempDirs());

function snapshotDir(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]));
}

describe('opening a damaged or busy profile', () => {
  it('a file that is not a database → STORE_CORRUPT with the path, and the file is left untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'xietong.db');
    fs.writeFileSync(file, Buffer.from('这不是数据库文件。'.repeat(400)));
    const before = snapshotDir(dir);
    let error: unknown;
    try {
      Store.open({ dir });
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'STORE_CORRUPT' });
    expect((error as Error).message).toContain('数据文件已损坏');
    expect((error as Error).message).toContain(file);
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('a database whose pages are damaged → STORE_CORRUPT, file untouched', () => {
    const dir = tempDir();
    const store = Store.open({ dir });
    store.createMany(Array.from({ length: 50 }, (_, i) => ({ kind: 'supervision' as const, build: supervision({ order: i }) })));
    store.close();
    const file = path.join(dir, 'xietong.db');
    const bytes = fs.readFileSync(file);
    // Keep the 100-byte header, overwrite the rest of page 1 (the schema) with garbage.
    bytes.fill(0xa5, 100, 4096);
    fs.writeFileSync(file, bytes);
    const before = snapshotDir(dir);
    expect(() => Store.open({ dir })).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(snapshotDir(dir)).toEqual(before);
  });

  it('a second store on the same directory → STORE_LOCKED', () => {
    const dir = tempDir();
    const first = Store.open({ dir });
    try {
      expect(() => Store.open({ dir, busyTimeoutMs: 50 })).toThrow(expect.objectContaining({ code: 'STORE_LOCKED' }));
      // The first one is unaffected.
      first.create('supervision', supervision());
      expect(first.count()).toBe(1);
    } finally {
      first.close();
    }
    const again = Store.open({ dir });
    expect(again.count()).toBe(1);
    again.close();
  });

  it('another process holding a write lock → STORE_LOCKED', async () => {
    const dir = tempDir();
    Store.open({ dir }).close();
    const file = path.join(dir, 'xietong.db');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)});
         db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
        holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
      });
      expect(() => Store.open({ dir, busyTimeoutMs: 50 })).toThrow(expect.objectContaining({ code: 'STORE_LOCKED' }));
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a file from a newer version → STORE_UNAVAILABLE, untouched', () => {
    const dir = tempDir();
    Store.open({ dir }).close();
    const db = new Database(path.join(dir, 'xietong.db'));
    db.pragma('user_version = 999');
    db.close();
    const before = snapshotDir(dir);
    expect(() => Store.open({ dir })).toThrow(expect.objectContaining({ code: 'STORE_UNAVAILABLE' }));
    expect(snapshotDir(dir)).toEqual(before);
  });
});
