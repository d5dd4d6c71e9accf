import * as Y from 'yjs';
import { z } from 'zod';
import { fromBase64, toBase64 } from '../crypto/bytes';
import { BodyAuthor } from './body-authors';

/**
 * 批注: comments on a stretch of the 正文, kept in the record's Y.Doc (`comments`, a Y.Map of
 * Y.Maps by id) so they sync and merge like edits. A comment is anchored by two Yjs relative
 * positions in the body (they follow the text through anyone's edits); its replies are a
 * Y.Array, so two people replying at once both keep theirs; resolving is a field anyone may set
 * back (重新打开). What comes from another replica is checked with zod when read.
 */
export const CommentReply = z.object({ id: z.string(), text: z.string(), author: BodyAuthor, at: z.string() });
export type CommentReply = z.infer<typeof CommentReply>;

export const BodyComment = z.object({
  id: z.string(),
  text: z.string(),
  /** The text commented on, as it read when the comment was made. */
  quote: z.string(),
  author: BodyAuthor,
  at: z.string(),
  /** Yjs relative positions (encoded, base64) of the start and end of the range. */
  start: z.string(),
  end: z.string(),
  resolved: z.object({ by: BodyAuthor, at: z.string() }).nullable(),
  replies: z.array(CommentReply),
});
export type BodyComment = z.infer<typeof BodyComment>;

export const commentsOf = (doc: Y.Doc): Y.Map<unknown> => doc.getMap('comments');

export const encodeAnchor = (pos: Y.RelativePosition): string => toBase64(Y.encodeRelativePosition(pos));
export const decodeAnchor = (anchor: string): Y.RelativePosition => Y.decodeRelativePosition(fromBase64(anchor));

/** Every well-formed comment, oldest first; malformed entries (another replica's bug) are skipped. */
export function listComments(doc: Y.Doc): BodyComment[] {
  const out: BodyComment[] = [];
  for (const [id, entry] of commentsOf(doc)) {
    if (!(entry instanceof Y.Map)) continue;
    const replies = entry.get('replies');
    const parsed = BodyComment.safeParse({ ...entry.toJSON(), id, replies: replies instanceof Y.Array ? replies.toArray().filter((r) => CommentReply.safeParse(r).success) : [] });
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export interface NewComment {
  id: string;
  text: string;
  quote: string;
  author: BodyAuthor;
  at: string;
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

export function addComment(doc: Y.Doc, c: NewComment): void {
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    commentsOf(doc).set(c.id, entry);
    entry.set('text', c.text);
    entry.set('quote', c.quote);
    entry.set('author', c.author);
    entry.set('at', c.at);
    entry.set('start', encodeAnchor(c.start));
    entry.set('end', encodeAnchor(c.end));
    entry.set('resolved', null);
    entry.set('replies', new Y.Array<unknown>());
  });
}

function entryOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  const entry = commentsOf(doc).get(id);
  if (!(entry instanceof Y.Map)) throw new Error(`no comment ${id}`);
  return entry;
}

export function replyToComment(doc: Y.Doc, commentId: string, reply: CommentReply): void {
  const replies = entryOf(doc, commentId).get('replies');
  if (replies instanceof Y.Array) replies.push([reply]);
}

/** 解决 (with who and when) or 重新打开 (`by` null). */
export function resolveComment(doc: Y.Doc, commentId: string, resolved: { by: BodyAuthor; at: string } | null): void {
  entryOf(doc, commentId).set('resolved', resolved);
}
