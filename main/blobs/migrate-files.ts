import * as Y from 'yjs';
import { deleteLegacyFiles, legacyFilesOf } from '../../core/blobs/legacy-files';
import { filesOf } from '../../core/records/record-doc';
import type { Store } from '../store/store';
import type { BlobStore } from './blob-store';

/**
 * Moves one record's old attachment bytes (`files` in its Y.Doc) into the blob store, then deletes
 * the entries and compacts the record, so its stored state no longer carries them. The deletion
 * is applied as a remote change: it is not pushed by itself (a viewer's push would be refused,
 * and the sync server deletes the same entries in its own one-off pass); a record that is pushed
 * for another reason carries it along. Events are untouched, so their signatures still verify.
 * Entries whose bytes do not match their key stay (they were never served).
 */
export async function moveRecordFiles(store: Store, blobs: BlobStore, id: string): Promise<{ files: number; bytes: number }> {
  const doc = store.getDoc(id);
  if (filesOf(doc).size === 0) return { files: 0, bytes: 0 };
  const { valid } = legacyFilesOf(doc);
  let bytes = 0;
  for (const f of valid) {
    // Shared: a record refers to it, so the server must have it (HEAD tells the engine it does).
    await blobs.importBytes(f.data, 'migrated', { share: true });
    bytes += f.data.length;
  }
  if (valid.length === 0) return { files: 0, bytes: 0 };
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(store.getDoc(id)));
  let update: Uint8Array | null = null;
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.transact(() => deleteLegacyFiles(copy, valid.map((f) => f.sm3)));
  if (update) {
    store.applyUpdate(id, update);
    store.compact(id);
  }
  return { files: valid.length, bytes };
}
