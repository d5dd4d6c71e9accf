import * as Y from 'yjs';
import { z } from 'zod';
import { setBodyText } from './record-doc';

/**
 * Who typed what: Yjs attributes every item to a client id; the record's `authors` map says
 * which person each client id of the body belongs to. Main writes the entry when it applies an
 * editor's update as the current identity (main/editor), so the 花脸稿 can name each insertion's
 * author and it syncs with the record like any edit.
 */
export const BodyAuthor = z.object({ login: z.string(), name: z.string() });
export type BodyAuthor = z.infer<typeof BodyAuthor>;

export const authorsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('authors');

/** The person behind a client id, or null when no replica recorded one. */
export function authorOfClient(doc: Y.Doc, client: number): BodyAuthor | null {
  const parsed = BodyAuthor.safeParse(authorsOf(doc).get(String(client)));
  return parsed.success ? parsed.data : null;
}

/** The client ids that wrote structs in `update` (from its state range, without applying it). */
export function clientsOfUpdate(update: Uint8Array): number[] {
  const { from, to } = Y.parseUpdateMeta(update);
  return [...to.keys()].filter((c) => (to.get(c) ?? 0) > (from.get(c) ?? 0));
}

/** Records `author` for every client id of `update` not yet attributed. Call inside the write's transaction. */
export function noteAuthors(doc: Y.Doc, update: Uint8Array, author: BodyAuthor): void {
  const map = authorsOf(doc);
  for (const client of clientsOfUpdate(update)) {
    if (!map.has(String(client))) map.set(String(client), { login: author.login, name: author.name });
  }
}

/**
 * An edit of `doc` made under a client id of its own and attributed to `author`. Main's copy of a
 * record keeps one client id for every main-side write, whoever makes it, so that id is never
 * attributed; an edit main makes for a person (the 拟稿 template, a DOCX import, a restore) runs on
 * a scratch replica and arrives as that person's update. Call inside the write's transaction.
 */
export function editAs(doc: Y.Doc, author: BodyAuthor, edit: (scratch: Y.Doc) => void): void {
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(scratch);
  edit(scratch);
  const update = Y.encodeStateAsUpdate(scratch, before);
  Y.applyUpdate(doc, update);
  noteAuthors(doc, update, author);
}

/** Writes the body's text as one edit of `author` (editAs): the 花脸稿 names who wrote it. */
export function setBodyTextAs(doc: Y.Doc, author: BodyAuthor, text: string): void {
  editAs(doc, { login: author.login, name: author.name }, (scratch) => setBodyText(scratch, text));
}

/** A stable colour per person (the same on every replica): cursors, 修订 and the 花脸稿. */
const PALETTE = ['#cf1322', '#1d39c4', '#389e0d', '#d46b08', '#531dab', '#08979c', '#c41d7f', '#7c5c00'];
export function authorColor(login: string): string {
  let h = 0;
  for (const ch of login) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return PALETTE[h % PALETTE.length]!;
}
