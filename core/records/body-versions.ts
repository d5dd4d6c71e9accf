import * as Y from 'yjs';
import { z } from 'zod';
import { toBase64 } from '../crypto/bytes';
import { BodyAuthor } from './body-authors';

/**
 * Named versions of the body (版本): kept in the record's Y.Doc (`versions`, a Y.Array) so they
 * sync with it; each holds the whole Yjs state at that moment. Appended only: a restore makes
 * the body read as the version did by a new edit, and saves a new version — history is never
 * rewritten.
 */
export const StoredVersion = z.object({ id: z.string(), name: z.string(), author: BodyAuthor, at: z.string(), state: z.string() });
export type StoredVersion = z.infer<typeof StoredVersion>;

export const versionsOf = (doc: Y.Doc): Y.Array<unknown> => doc.getArray('versions');

export function listVersions(doc: Y.Doc): StoredVersion[] {
  return versionsOf(doc)
    .toArray()
    .flatMap((v) => {
      const parsed = StoredVersion.safeParse(v);
      return parsed.success ? [parsed.data] : [];
    });
}

/** Appends the body as it is now; call inside the write's transaction. */
export function saveVersion(doc: Y.Doc, v: { id: string; name: string; author: BodyAuthor; at: string }): void {
  versionsOf(doc).push([{ ...v, state: toBase64(Y.encodeStateAsUpdate(doc)) }]);
}
