import * as Y from 'yjs';
import type { Logger } from 'pino';
import { deleteLegacyFiles, legacyFilesOf } from '../../core/blobs/legacy-files';
import { blobRefsOf } from '../../core/kernel/event';
import { eventsOf, WorkflowEvent } from '../../core/records/record-doc';
import type { SqliteDocStore } from '../persistence/sqlite';
import type { BlobService } from './service';

const DONE_KEY = 'blobs_files_migrated';
export const MIGRATION_ORIGIN = 'blob-migration';

/**
 * Once per data directory, at start (before any document is loaded): the bytes each record keeps
 * in its Y.Doc's `files` map move to the blob folder, with refs (vouched: the record held them) so
 * whoever may read the record may read them; then the entries are deleted in one ordinary update
 * (logged, relayed through the changes feed like any write) and the record is compacted, so its
 * stored state no longer carries the bytes. Events are untouched: their `{name, sm3, size}` refs,
 * and so their signatures, stay as they were. Entries whose bytes do not match their key are left.
 */
export async function migrateLegacyFiles(opts: { store: SqliteDocStore; blobs: BlobService; log: Logger; now: () => number; retainLogMs: number }): Promise<{ docs: number; files: number; bytes: number } | null> {
  const { store, blobs, log } = opts;
  const db = store.db;
  if (db.prepare('SELECT value FROM meta WHERE key = ?').get(DONE_KEY)) return null;
  const result = { docs: 0, files: 0, bytes: 0 };
  const docs = db.prepare('SELECT id, name FROM docs ORDER BY id').all() as { id: number; name: string }[];
  for (const { id, name } of docs) {
    const doc = new Y.Doc();
    for (const part of await store.state(id)) {
      try {
        Y.applyUpdate(doc, part);
      } catch {
        // A stored update that does not apply is skipped the same way when the room loads.
      }
    }
    for (const raw of eventsOf(doc).toArray()) {
      const event = WorkflowEvent.safeParse(raw);
      const refs = event.success ? blobRefsOf(event.data.payload) : null;
      if (event.success && refs && refs.size > 0) blobs.addRefs(id, refs.keys(), event.data.actor);
    }
    const { valid, invalid } = legacyFilesOf(doc);
    if (invalid.length > 0) log.warn({ doc: name, keys: invalid.length }, 'files entries whose bytes do not match their key were left in place');
    if (valid.length === 0) continue;
    for (const f of valid) {
      if (blobs.repo.completeSize(f.sm3) === null) await blobs.files.writeBlob(f.sm3, f.data);
      blobs.repo.stored(f.sm3, f.data.length, null);
      result.bytes += f.data.length;
    }
    blobs.repo.addRefs(id, valid.map((f) => f.sm3), 'system:migration', { vouched: true });
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    doc.transact(() => deleteLegacyFiles(doc, valid.map((f) => f.sm3)));
    if (update) {
      const [appended] = store.appendSync([{ type: 'update', name, update, origin: MIGRATION_ORIGIN }]);
      await store.compact(id, Y.encodeStateAsUpdate(doc), appended!.seq, opts.now() - opts.retainLogMs);
    }
    result.docs++;
    result.files += valid.length;
  }
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(DONE_KEY, new Date(opts.now()).toISOString());
  if (result.files > 0) log.info(result, 'moved attachment bytes out of records into the blob folder');
  return result;
}
