import * as Y from 'yjs';
import { bodyText, setBodyText } from './record-doc';

/**
 * A form's 正文 saved over someone else's newer save: both changes are kept. The text the form
 * opened with (`base`) is turned into the text now stored (`theirs`) and into the form's text
 * (`mine`) as two concurrent sets of body diffs (body-diff.ts) on one origin, which Yjs merges as
 * it merges two offices' offline edits. Returns the merged text; with `theirs === base` it is
 * `mine`, with `mine === base` it is `theirs`.
 */
export function mergeBodyText(base: string, theirs: string, mine: string): string {
  if (theirs === base || theirs === mine) return mine;
  if (mine === base) return theirs;
  const origin = new Y.Doc();
  setBodyText(origin, base);
  const start = Y.encodeStateAsUpdate(origin);
  const replica = (text: string): Y.Doc => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, start);
    setBodyText(doc, text);
    return doc;
  };
  const a = replica(theirs);
  const b = replica(mine);
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  return bodyText(a);
}
