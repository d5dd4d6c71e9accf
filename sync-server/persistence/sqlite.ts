import Database from 'better-sqlite3';
import path from 'node:path';
import { migrate, nextSeq } from '../../core/sync/sql';
import { firstDamage, isCorruption } from '../../node-shared/sqlite-health';
import type { AppendEntry, AppendResult, ChangedDoc, DocStore, StoredDoc } from './types';

export type Durability = 'full' | 'normal';

/** sync.db has damaged pages: named, with what to do; the file is left exactly as it was. */
export class DamagedStore extends Error {
  constructor(file: string, detail: string) {
    super(
      `同步服务器的数据文件已损坏:${file}(${detail})。该文件保持原样,未做任何修改。请保持服务停止,先复制备份该文件,` +
        '再用 sqlite3 的 .recover 修复或从备份恢复;不要删除它,其中是全部记录及其办理日志。',
    );
  }
}

/**
 * The embedded store: one SQLite file, `DIR/sync.db`, in WAL mode. With `durability: 'full'`
 * (the default) every commit is fsynced before `append` returns, so a power cut after an
 * acknowledgement loses nothing; `normal` survives a process crash but not a power cut.
 * Writes from one event-loop turn are committed together (see WritePipeline), so an fsync is
 * shared by every update that arrived meanwhile.
 */
export class SqliteDocStore implements DocStore {
  readonly db: Database.Database;
  private readonly stmt;

  constructor(opts: { dir: string; durability?: Durability; file?: string; integrityCheck?: boolean }) {
    const file = path.join(opts.dir, opts.file ?? 'sync.db');
    this.db = new Database(file);
    try {
      this.db.pragma('busy_timeout = 5000');
      // Every page is read once before anything is written (~2 ms per MB; `--integrity-check off`).
      const damage = opts.integrityCheck === false ? null : firstDamage(this.db);
      if (damage) throw new DamagedStore(file, damage);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${opts.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
      migrate(this.db);
    } catch (err) {
      this.db.close();
      if (err instanceof DamagedStore) throw err;
      throw isCorruption(err) ? new DamagedStore(file, err instanceof Error ? err.message : String(err)) : err;
    }
    const db = this.db;
    this.stmt = {
      docByName: db.prepare('SELECT id FROM docs WHERE name = ?'),
      insertDoc: db.prepare(`INSERT INTO docs (name, created_seq, change_seq, owners) VALUES (?, ?, ?, ?)`),
      insertUpdate: db.prepare('INSERT INTO updates (seq, doc_id, origin, at, data) VALUES (?, ?, ?, ?, ?)'),
      touchDoc: db.prepare('UPDATE docs SET seq = ?, change_seq = MAX(change_seq, ?) WHERE id = ?'),
      snapshot: db.prepare('SELECT seq, data FROM snapshots WHERE doc_id = ?'),
      tail: db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      putSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (doc_id, seq, data) VALUES (?, ?, ?)'),
      prune: db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
      lastPrunable: db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE doc_id = ? AND seq <= ? AND at < ?'),
      setPruned: db.prepare('UPDATE docs SET pruned_seq = MAX(pruned_seq, ?) WHERE id = ?'),
      changes: db.prepare(
        'SELECT id, name, seq, created_seq, acl_seq, change_seq, pruned_seq FROM docs WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      ),
      logSince: db.prepare('SELECT data FROM updates WHERE doc_id = ? AND seq > ? AND origin != ? ORDER BY seq'),
      head: db.prepare('SELECT seq FROM counter WHERE id = 1'),
    };
  }

  async load(name: string): Promise<StoredDoc | null> {
    return this.loadSync(name);
  }

  loadSync(name: string): StoredDoc | null {
    const doc = this.stmt.docByName.get(name) as { id: number } | undefined;
    if (!doc) return null;
    const snap = this.stmt.snapshot.get(doc.id) as { seq: number; data: Buffer } | undefined;
    const rows = this.stmt.tail.all(doc.id, snap?.seq ?? 0) as { seq: number; data: Buffer }[];
    let tailBytes = 0;
    for (const row of rows) tailBytes += row.data.length;
    return {
      id: doc.id,
      snapshot: snap ? snap.data : null,
      updates: rows.map((r) => r.data),
      seq: rows.length > 0 ? rows[rows.length - 1]!.seq : (snap?.seq ?? 0),
      tailBytes,
    };
  }

  async append(entries: readonly AppendEntry[]): Promise<AppendResult[]> {
    return this.appendSync(entries);
  }

  readonly appendSync = (entries: readonly AppendEntry[]): AppendResult[] =>
    this.db.transaction(() => {
      const now = Date.now();
      const ids = new Map<string, number>();
      return entries.map((entry) => {
        const seq = nextSeq(this.db);
        let docId = ids.get(entry.name);
        let created = false;
        if (docId === undefined) {
          const row = this.stmt.docByName.get(entry.name) as { id: number } | undefined;
          if (row) docId = row.id;
          else {
            docId = Number(this.stmt.insertDoc.run(entry.name, seq, seq, JSON.stringify([...entry.creatorUnits])).lastInsertRowid);
            created = true;
          }
          ids.set(entry.name, docId);
        }
        this.stmt.insertUpdate.run(seq, docId, entry.origin, now, entry.update);
        this.stmt.touchDoc.run(seq, seq, docId);
        return { seq, docId, created };
      });
    }).immediate();

  async compact(docId: number, snapshot: Uint8Array, uptoSeq: number, pruneBeforeMs: number): Promise<void> {
    this.db.transaction(() => {
      this.stmt.putSnapshot.run(docId, uptoSeq, snapshot);
      // The log stays complete after pruned_seq; catch-up from before it ships the whole state.
      const last = this.stmt.lastPrunable.get(docId, uptoSeq, pruneBeforeMs) as { seq: number | null };
      if (last.seq !== null) {
        this.stmt.setPruned.run(last.seq, docId);
        this.stmt.prune.run(docId, last.seq);
      }
    }).immediate();
  }

  async changes(since: number, limit: number): Promise<ChangedDoc[]> {
    const rows = this.stmt.changes.all(since, limit) as Record<string, number | string>[];
    return rows.map((r) => ({
      id: r.id as number,
      name: r.name as string,
      seq: r.seq as number,
      createdSeq: r.created_seq as number,
      aclSeq: r.acl_seq as number,
      changeSeq: r.change_seq as number,
      prunedSeq: r.pruned_seq as number,
    }));
  }

  async logSince(docId: number, since: number, excludeOrigin: string): Promise<Uint8Array[]> {
    const rows = this.stmt.logSince.all(docId, since, excludeOrigin) as { data: Buffer }[];
    return rows.map((r) => r.data);
  }

  async state(docId: number): Promise<Uint8Array[]> {
    const snap = this.stmt.snapshot.get(docId) as { seq: number; data: Buffer } | undefined;
    const rows = this.stmt.tail.all(docId, snap?.seq ?? 0) as { data: Buffer }[];
    return [...(snap ? [snap.data] : []), ...rows.map((r) => r.data)];
  }

  async head(): Promise<number> {
    return (this.stmt.head.get() as { seq: number }).seq;
  }

  close(): void {
    this.db.close();
  }
}
