import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './open-db';
import { CHECK_EVERY_MS } from './integrity';
import { Store } from './store';
import { removeTempDirs, supervision, tempDir } from './testing/fixtures';

afterEach(() => removeTempDirs());

/** Damages a page of the snapshots table (data, not the header or schema), as a failing disk would. */
function damageDataPage(dir: string): void {
  const file = path.join(dir, 'xietong.db');
  const probe = new Database(file);
  const { page } = probe.prepare("SELECT min(pageno) AS page FROM dbstat WHERE name = 'snapshots'").get() as { page: number };
  probe.close();
  const bytes = fs.readFileSync(file);
  bytes.fill(0x5a, (page - 1) * 4096, page * 4096);
  fs.writeFileSync(file, bytes);
}

describe('the integrity check at open', () => {
  it('reads every page after a session that did not close cleanly', () => {
    const dir = tempDir();
    const store = Store.open({ dir });
    store.createMany(Array.from({ length: 200 }, (_, i) => ({ kind: 'supervision' as const, build: supervision({ order: i }) })));
    // Never closed: as after a crash (the lock goes with the connection).
    (store as unknown as { db: { close(): void } }).db.close();
    damageDataPage(dir);
    expect(() => Store.open({ dir })).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
  });

  it('skips a cleanly closed profile checked within the week, and checks it again after a week', () => {
    const dir = tempDir();
    // A new file counts as checked (on the real clock).
    const store = Store.open({ dir });
    store.createMany(Array.from({ length: 200 }, (_, i) => ({ kind: 'supervision' as const, build: supervision({ order: i }) })));
    store.close();
    let now = Date.now();
    damageDataPage(dir);
    // Within the week: not read at open (the damage shows when those pages are read).
    now += CHECK_EVERY_MS - 1000;
    const within = openDatabase(dir, { now: () => now });
    within.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('session_open', '0')").run();
    within.close();
    now += 2000;
    expect(() => openDatabase(dir, { now: () => now })).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT', message: expect.stringContaining('该文件保持原样') as string }));
  });
});
