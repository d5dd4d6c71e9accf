import { transformToSuggestionTransaction } from '@handlewithcare/prosemirror-suggest-changes';
import type { Mark, MarkType, Node as PmNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { parseSuggestionId, type SuggestionAuthor } from '../records/suggestion-id';

/**
 * A transaction as 修订 by `author`: the suggest-changes transform, then each suggestion mark
 * put back on its true author. The plugin joins a new suggestion with an abutting one by giving
 * both one id (its own model has one author), so typing next to a colleague's suggestion would
 * be signed with the colleague's name, and their mark could be re-signed with ours. Here, in the
 * changed stretch only: content this transaction inserted or newly struck carries our id; a
 * mark that was there before keeps the id it had.
 */
export function suggestAs(tr: Transaction, state: EditorState, author: SuggestionAuthor, newId: () => string): Transaction {
  const out = transformToSuggestionTransaction(tr, state, newId);
  const types = [out.doc.type.schema.marks.insertion, out.doc.type.schema.marks.deletion].filter((t): t is MarkType => t !== undefined);
  if (types.length === 0 || !out.docChanged) return out;
  const { inserted, touched } = changedRanges(out);
  const back = out.mapping.invert();
  let ours: string | null = null;
  const fixes: Array<{ from: number; to: number; type: MarkType; id: string }> = [];
  const seen = new Set<number>();
  for (const [from, to] of touched) {
    out.doc.nodesBetween(Math.max(0, from - 1), Math.min(out.doc.content.size, to + 1), (node, pos) => {
      if (!node.isText || seen.has(pos)) return !node.isText;
      seen.add(pos);
      for (const type of types) {
        const mark = type.isInSet(node.marks);
        if (!mark) continue;
        for (let i = 0; i < node.nodeSize; i++) {
          const at = pos + i;
          const isNew = inserted.some(([a, b]) => at >= a && at < b);
          const before = isNew ? undefined : markAt(state.doc, back.map(at, 1), type);
          const want = before ? String(before.attrs.id) : mine(mark, author) ? String(mark.attrs.id) : (ours ??= newId());
          if (want !== mark.attrs.id) fixes.push({ from: at, to: at + 1, type, id: want });
        }
      }
      return false;
    });
  }
  for (const f of fixes) {
    out.removeMark(f.from, f.to, f.type);
    out.addMark(f.from, f.to, f.type.create({ id: f.id }));
  }
  return out;
}

const mine = (mark: Mark, author: SuggestionAuthor) => parseSuggestionId(mark.attrs.id)?.author.login === author.login;

function markAt(doc: PmNode, pos: number, type: MarkType): Mark | undefined {
  const node = pos < doc.content.size ? doc.nodeAt(pos) : null;
  return node?.isText ? type.isInSet(node.marks) : undefined;
}

/** Ranges of the final doc: what the steps inserted, and everything any step touched. */
function changedRanges(tr: Transaction): { inserted: Array<[number, number]>; touched: Array<[number, number]> } {
  const inserted: Array<[number, number]> = [];
  const touched: Array<[number, number]> = [];
  tr.steps.forEach((step, i) => {
    const rest = tr.mapping.slice(i + 1);
    const map = step.getMap();
    let any = false;
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      any = true;
      const range: [number, number] = [rest.map(newStart, -1), rest.map(newEnd, 1)];
      if (newEnd > newStart) inserted.push(range);
      touched.push(range);
    });
    const s = step as unknown as { from?: number; to?: number };
    if (!any && typeof s.from === 'number' && typeof s.to === 'number') touched.push([rest.map(s.from, -1), rest.map(s.to, 1)]);
  });
  return { inserted, touched };
}
