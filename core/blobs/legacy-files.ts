import type * as Y from 'yjs';
import { z } from 'zod';
import { toHex } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { filesOf } from '../records/record-doc';
import { SM3_HEX } from './limits';

/**
 * Attachments as they were kept before blobs: bytes in the record's own Y.Doc, in the top-level
 * Y.Map `files`, keyed by the lowercase hex SM3 of the bytes (`{name, mime, size, data}`). Both
 * the app (at profile open) and the sync server (at start) move them into their blob store and
 * then delete the entries, so the record's Y.Doc no longer carries them (migrate-files.ts there).
 */
export const LegacyStoredFile = z.object({
  name: z.string(),
  mime: z.string(),
  size: z.number().int().min(0),
  data: z.instanceof(Uint8Array),
});

export interface LegacyFile {
  sm3: string;
  name: string;
  mime: string;
  data: Uint8Array;
}

/**
 * The entries of `files` whose bytes are what their key says (`valid`), and the keys of those that
 * are not (`invalid`: another replica wrote something else; never served, left in place).
 */
export function legacyFilesOf(doc: Y.Doc): { valid: LegacyFile[]; invalid: string[] } {
  const valid: LegacyFile[] = [];
  const invalid: string[] = [];
  filesOf(doc).forEach((value, key) => {
    const parsed = LegacyStoredFile.safeParse(value);
    const ok = parsed.success && SM3_HEX.test(key) && parsed.data.data.length === parsed.data.size && toHex(sm3(parsed.data.data)) === key;
    if (ok) valid.push({ sm3: key, name: parsed.data.name, mime: parsed.data.mime, data: parsed.data.data });
    else invalid.push(key);
  });
  return { valid, invalid };
}

/** Deletes the given keys from `files` (callers run it in one transaction, so it is one update). */
export function deleteLegacyFiles(doc: Y.Doc, keys: readonly string[]): void {
  const files = filesOf(doc);
  for (const key of keys) files.delete(key);
}
