import type { Database, Statement } from 'better-sqlite3';
import * as Y from 'yjs';
export interface RecordRef {
  rid: number;
  id: string;
  kind: string;
  pending: number;
  /** When this profile first stored the record (ISO instant). */
  createdAt: string;
}

/**
 * The update log: SQL for records, snapshots and updates, nothing else. A record's state is its
 * snapshot (if any) plus its updates in append order.
 */
export class RecordLog {
  private readonly byId: Statement<[string], RecordRef>;
  private readonly insertRecord: Statement<[string, string, string]>;
  private readonly putSnapshot: Statement<[number, Uint8Array]>;
  private readonly getSnapshot: Statement<[number], { data: Buffer }>;
  private readonly insertUpdate: Statement<[number, Uint8Array]>;
  private readonly listUpdates: Statement<[number], { seq: number; data: Buffer }>;
  private readonly deleteUpdates: Statement<[number, number]>;
  private readonly addPending: Statement<[number, number]>;
  private readonly setPending: Statement<[number, number]>;

  constructor(readonly db: Database) {
    this.byId = db.prepare('SELECT rid, id, kind, pending, created_at AS createdAt FROM records WHERE id = ?');
    this.insertRecord = db.prepare('INSERT INTO records(id, kind, created_at) VALUES (?, ?, ?)');
    this.putSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots(rid, data) VALUES (?, ?)');
    this.getSnapshot = db.prepare('SELECT data FROM snapshots WHERE rid = ?');
    this.insertUpdate = db.prepare('INSERT INTO updates(rid, data) VALUES (?, ?)');
    this.listUpdates = db.prepare('SELECT seq, data FROM updates WHERE rid = ? ORDER BY seq');
    this.deleteUpdates = db.prepare('DELETE FROM updates WHERE rid = ? AND seq <= ?');
    this.addPending = db.prepare('UPDATE records SET pending = pending + ? WHERE rid = ?');
    this.setPending = db.prepare('UPDATE records SET pending = ? WHERE rid = ?');
  }

  find(id: string): RecordRef | null {
    return this.byId.get(id) ?? null;
  }

  /** A new record; a locally created one starts as one snapshot (nothing to compact yet). */
  insert(id: string, kind: string, createdAt: string, state: Uint8Array | null): number {
    const rid = Number(this.insertRecord.run(id, kind, createdAt).lastInsertRowid);
    if (state) this.putSnapshot.run(rid, state);
    return rid;
  }

  append(rid: number, updates: readonly Uint8Array[]): void {
    for (const update of updates) this.insertUpdate.run(rid, update);
    this.addPending.run(updates.length, rid);
  }

  /** Decodes a record from disk: snapshot, then the updates in order, in one Yjs transaction. */
  load(rid: number, guid: string): { doc: Y.Doc; lastSeq: number } {
    const doc = new Y.Doc({ guid });
    let lastSeq = 0;
    doc.transact(() => {
      const snapshot = this.getSnapshot.get(rid);
      if (snapshot) Y.applyUpdate(doc, snapshot.data);
      for (const row of this.listUpdates.iterate(rid)) {
        Y.applyUpdate(doc, row.data);
        lastSeq = row.seq;
      }
    });
    return { doc, lastSeq };
  }

  /**
   * Folds the updates into a new snapshot. The state is re-encoded from a decoded doc
   * (Y.encodeStateAsUpdate), never with Y.mergeUpdates, whose cost grows superlinearly with
   * long lists. Only the updates that were read are deleted; callers run this in a transaction.
   */
  compact(rid: number): { removed: number } {
    const { doc, lastSeq } = this.load(rid, String(rid));
    if (lastSeq === 0) return { removed: 0 };
    this.putSnapshot.run(rid, Y.encodeStateAsUpdate(doc));
    const removed = this.deleteUpdates.run(rid, lastSeq).changes;
    this.setPending.run(0, rid);
    return { removed };
  }
}
