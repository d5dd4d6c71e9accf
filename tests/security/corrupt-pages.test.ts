import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store';
import { supervision } from '../../main/store/testing/fixtures';
import { createRecord } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { startHostProcess } from '../helpers/host-process';
import { until } from '../sync/helpers';

/** The first page of each table or index of a database (SQLite's dbstat); leaves no -wal or -shm behind. */
function pagesOf(file: string): Map<string, number> {
  const db = new Database(file);
  try {
    const rows = db.prepare('SELECT name, min(pageno) AS page FROM dbstat GROUP BY name').all() as Array<{ name: string; page: number }>;
    return new Map(rows.map((r) => [r.name, r.page]));
  } finally {
    db.close();
  }
}

/** Overwrites whole pages with garbage, as a failing disk or a bad copy would. */
function overwritePages(file: string, pages: readonly number[]): void {
  const bytes = fs.readFileSync(file);
  const pageSize = bytes.readUInt16BE(16);
  for (const page of pages) bytes.fill(0x5a, (page - 1) * pageSize, page * pageSize);
  fs.writeFileSync(file, bytes);
}

/** The database and its companions (-wal, -shm, -journal): the lock file the process takes is not the database. */
const contents = (dir: string, db: string) =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(db))
      .map((f) => [f, fs.readFileSync(path.join(dir, f)).toString('base64')]),
  );

/**
 * Issue 9, corrupt pages: a profile or a server database whose pages are overwritten is refused
 * at start with a message that names the damaged file and says what to do, and is left untouched
 * (today: `vtable constructor failed: search`, or a start that fails later).
 */
describe('databases with damaged pages', () => {
  const servers: SyncServerProcess[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
  });

  /** A profile with the seed and 200 items, closed cleanly, or left as a crash leaves it (SIGKILL). */
  async function profile(crashed: boolean): Promise<{ dir: string; file: string }> {
    const dir = tempDir('xietong-profile-');
    const store = Store.open({ dir });
    store.createMany(Array.from({ length: 200 }, (_, i) => ({ kind: 'supervision' as const, build: supervision({ order: i }) })));
    store.close();
    if (crashed) {
      const host = await startHostProcess(dir);
      await host.stop('SIGKILL');
    }
    return { dir, file: path.join(dir, 'xietong.db') };
  }

  const cases = [
    // The full-text index's configuration: SQLite says `vtable constructor failed: search` as the profile opens.
    { table: 'search_config', crashed: false, what: 'a cleanly closed profile whose full-text index page is overwritten' },
    // A data page, after a crash: found by the check every open after an unclean session runs.
    { table: 'snapshots', crashed: true, what: 'a profile killed mid-session whose snapshots page is overwritten' },
  ];
  for (const { table, crashed, what } of cases) {
    it(`${what}: the app names the file and what to do, and leaves it as it was`, async () => {
      const { dir, file } = await profile(crashed);
      overwritePages(file, [pagesOf(file).get(table)!]);
      const before = contents(dir, 'xietong.db');
      expect(Object.keys(before)).toEqual(['xietong.db']);
      const failure = await startHostProcess(dir).then(
        async (host) => {
          await host.stop();
          return 'started';
        },
        (err: Error) => err.message,
      );
      console.log(`[corrupt-pages] ${what}: ${failure.replace(/\s+/g, ' ').slice(0, 300)}`);
      expect(failure).toContain(`数据文件已损坏:${file}`);
      expect(failure).toContain('该文件保持原样');
      expect(failure).toContain('系统管理员');
      expect(contents(dir, 'xietong.db')).toEqual(before);
    });
  }

  it('a server whose sync.db pages are overwritten refuses to start, naming the file and what to do, and leaves it as it was', async () => {
    const dataDir = tempDir();
    addUser(dataDir, 'u', { unit: '市工信局' });
    const token = tokenFor(dataDir, 'u');
    const server = await startSyncServer({ dataDir });
    for (let i = 0; i < 20; i++) {
      await createRecord(server.wsUrl, token, `记录-${i}`, 'note', { login: 'u', name: 'u', unit: '市工信局', role: 'unit_staff' });
      const c = new RawClient(docUrl(server.wsUrl, `记录-${i}`, token));
      await c.whenSynced();
      c.doc.getText('body').insert(0, `正文 ${i} `.repeat(500));
      await until(() => (c.acked.get(c.doc.clientID) ?? 0) > 0, 'write acknowledged');
      c.close();
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    const file = path.join(dataDir, 'sync.db');
    overwritePages(file, [pagesOf(file).get('snapshots')!]);
    const before = contents(dataDir, 'sync.db');
    expect(Object.keys(before)).toEqual(['sync.db']);
    const failure = await startSyncServer({ dataDir }).then(
      (s) => {
        servers.push(s);
        return 'started';
      },
      (err: Error) => err.message,
    );
    console.log(`[corrupt-pages] sync.db, a snapshots page overwritten: ${failure.replace(/\s+/g, ' ').slice(-300)}`);
    expect(failure).toContain(`同步服务器的数据文件已损坏:${file}`);
    expect(failure).toContain('该文件保持原样');
    expect(contents(dataDir, 'sync.db')).toEqual(before);
  });
});
