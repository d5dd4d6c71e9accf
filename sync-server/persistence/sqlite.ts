import Database from 'better-sqlite3';
import path from 'node:path';
import { migrate } from '../../core/sync/migrate';
import { firstDamage, isCorruption } from '../../node-shared/sqlite-health';
import type { AppendEntry, AppendResult, ChangedDoc, DocStore, EventEntry, StoredDoc, StoredEvent, StoredRecord } from './types';

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
      insertDoc: db.prepare(`INSERT INTO docs (name, created_seq, change_seq) VALUES (?, ?, ?)`),
      createRecord: db.prepare(`UPDATE docs SET kind = ?, creator_units = ? WHERE id = ? AND kind IS NULL`),
      insertEvent: db.prepare('INSERT INTO events (doc_id, seq, gseq, event_id, data) VALUES (?, ?, ?, ?, ?)'),
      recordByName: db.prepare('SELECT id, kind, creator_units, event_owners FROM docs WHERE name = ?'),
      eventsSince: db.prepare('SELECT seq, data FROM events WHERE doc_id = ? AND gseq > ? ORDER BY seq'),
      recordNames: db.prepare('SELECT name FROM docs WHERE kind IS NOT NULL ORDER BY id'),
      insertUpdate: db.prepare('INSERT INTO updates (seq, doc_id, origin, at, data) VALUES (?, ?, ?, ?, ?)'),
      touchDoc: db.prepare('UPDATE docs SET seq = MAX(seq, ?), change_seq = MAX(change_seq, ?) WHERE id = ?'),
      counter: db.prepare('SELECT seq FROM counter WHERE id = 1'),
      setCounter: db.prepare('UPDATE counter SET seq = ? WHERE id = 1'),
      snapshot: db.prepare('SELECT seq, data FROM snapshots WHERE doc_id = ?'),
      tail: db.prepare('SELECT seq, data FROM updates WHERE doc_id = ? AND seq > ? ORDER BY seq'),
      putSnapshot: db.prepare('INSERT OR REPLACE INTO snapshots (doc_id, seq, data) VALUES (?, ?, ?)'),
      prune: db.prepare('DELETE FROM updates WHERE doc_id = ? AND seq <= ?'),
      lastPrunable: db.prepare('SELECT MAX(seq) AS seq FROM updates WHERE doc_id = ? AND seq <= ? AND at < ?'),
      setPruned: db.prepare('UPDATE docs SET pruned_seq = MAX(pruned_seq, ?) WHERE id = ?'),
      changes: db.prepare(
        'SELECT id, name, seq, created_seq, acl_seq, change_seq, pruned_seq, kind IS NOT NULL AS present FROM docs WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
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

  /**
   * Updates and events in one transaction, in order; each takes the next server-wide sequence
   * number. The counter and each document's positions are written once per batch, not per entry
   * (a burst of a thousand tiny updates is a thousand inserts, not three thousand statements).
   */
  readonly appendSync = (entries: readonly AppendEntry[]): AppendResult[] =>
    this.db.transaction(() => {
      const now = Date.now();
      let seq = (this.stmt.counter.get() as { seq: number }).seq;
      const docs = new Map<string, { id: number; updateSeq: number; changeSeq: number }>();
      const results = entries.map((entry) => {
        seq++;
        let doc = docs.get(entry.name);
        let created = false;
        if (!doc) {
          const row = this.stmt.docByName.get(entry.name) as { id: number } | undefined;
          const id = row ? row.id : Number(this.stmt.insertDoc.run(entry.name, seq, seq).lastInsertRowid);
          created = !row;
          docs.set(entry.name, (doc = { id, updateSeq: 0, changeSeq: 0 }));
        }
        if (entry.type === 'update') {
          this.stmt.insertUpdate.run(seq, doc.id, entry.origin, now, entry.update);
          doc.updateSeq = seq;
        } else {
          this.appendEvent(entry, doc.id, seq);
        }
        doc.changeSeq = seq;
        return { seq, docId: doc.id, created };
      });
      for (const doc of docs.values()) this.stmt.touchDoc.run(doc.updateSeq, doc.changeSeq, doc.id);
      this.stmt.setCounter.run(seq);
      return results;
    }).immediate();

  private appendEvent(entry: EventEntry, docId: number, seq: number): void {
    // The event path judged against what it holds in memory; a record created twice means that
    // went wrong, and the whole batch is refused rather than a second kind written.
    if (entry.create && this.stmt.createRecord.run(entry.create.kind, JSON.stringify([...entry.create.creatorUnits]), docId).changes !== 1) {
      throw new Error(`record ${entry.name} is already created`);
    }
    this.stmt.insertEvent.run(docId, entry.seq, seq, entry.eventId, entry.data);
  }

  async loadRecord(name: string): Promise<StoredRecord> {
    const row = this.stmt.recordByName.get(name) as { id: number; kind: string | null; creator_units: string; event_owners: string } | undefined;
    if (!row) return { docId: null, kind: null, creatorUnits: [], eventOwners: [], events: [] };
    return {
      docId: row.id,
      kind: row.kind,
      creatorUnits: stringList(row.creator_units),
      eventOwners: stringList(row.event_owners),
      events: this.stmt.eventsSince.all(row.id, 0) as StoredEvent[],
    };
  }

  async eventsSince(docId: number, since: number): Promise<StoredEvent[]> {
    return this.stmt.eventsSince.all(docId, since) as StoredEvent[];
  }

  async recordNames(): Promise<string[]> {
    return (this.stmt.recordNames.all() as { name: string }[]).map((r) => r.name);
  }

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
      exists: r.present === 1,
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

function stringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
