import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HeadlessEditor } from '../editor/headless';
import { editorSchema } from '../editor/extensions';
import { addComment, decodeAnchor, listComments, replyToComment, resolveComment } from './body-comments';

const wang = { login: 'wang', name: '王科长' };
const li = { login: 'li', name: '李干事' };
const schema = editorSchema();

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** The text a comment's anchors enclose now, as a replica's editor reads it. */
function anchored(editor: HeadlessEditor, start: string, end: string): string | null {
  const from = editor.absolute(decodeAnchor(start));
  const to = editor.absolute(decodeAnchor(end));
  return from === null || to === null ? null : editor.current().doc.textBetween(from, to);
}

describe('批注: comments anchored to a range of the 正文', () => {
  it('stays on its words through colleagues’ edits, keeps concurrent replies, resolves and reopens', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ea = new HeadlessEditor(a, { author: wang });
    ea.edit((tr) => tr.insert(0, schema.nodes.paragraph!.create(null, schema.text('请各单位于本周五前报送联调情况。'))));
    sync(a, b);
    const eb = new HeadlessEditor(b, { author: li });

    // 王科长 comments on 本周五 (positions 6..9: the paragraph opens at 1).
    const text = ea.current().doc.textBetween(6, 9);
    expect(text).toBe('本周五');
    addComment(a, { id: 'c1', text: '时间是否来得及?', quote: text, author: wang, at: '2026-12-07T10:00:00Z', start: ea.relative(6), end: ea.relative(9) });
    // Meanwhile 李干事 types before the range and inside another paragraph: the anchors follow the words.
    eb.edit((tr) => tr.insert(1, schema.text('【急】')));
    eb.edit((tr) => tr.insert(eb.current().doc.content.size, schema.nodes.paragraph!.create(null, schema.text('附件另行报送。'))));
    sync(a, b);
    for (const [doc, editor] of [[a, ea], [b, eb]] as const) {
      const [c] = listComments(doc);
      expect(c).toMatchObject({ id: 'c1', quote: '本周五', author: wang, resolved: null });
      expect(anchored(editor, c!.start, c!.end)).toBe('本周五');
    }

    // Both reply at once, offline: both replies are kept, in one order on both sides.
    replyToComment(a, 'c1', { id: 'r1', text: '请李干事确认。', author: wang, at: '2026-12-07T10:05:00Z' });
    replyToComment(b, 'c1', { id: 'r2', text: '来得及。', author: li, at: '2026-12-07T10:05:01Z' });
    sync(a, b);
    expect(listComments(a)[0]!.replies.map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    expect(listComments(a)).toEqual(listComments(b));

    resolveComment(b, 'c1', { by: li, at: '2026-12-07T10:06:00Z' });
    sync(a, b);
    expect(listComments(a)[0]!.resolved).toEqual({ by: li, at: '2026-12-07T10:06:00Z' });
    resolveComment(a, 'c1', null);
    sync(a, b);
    expect(listComments(b)[0]!.resolved).toBeNull();

    // The commented words deleted: the comment stays listed, its range is empty.
    ea.edit((tr) => {
      const from = ea.absolute(decodeAnchor(listComments(a)[0]!.start))!;
      tr.delete(from, from + 3);
    });
    expect(anchored(ea, listComments(a)[0]!.start, listComments(a)[0]!.end)).toBe('');
    expect(listComments(a)).toHaveLength(1);
  });

  it('skips a malformed entry from another replica instead of failing the list', () => {
    const doc = new Y.Doc();
    doc.getMap('comments').set('bad', 'not a comment');
    const odd = new Y.Map<unknown>();
    doc.getMap('comments').set('odd', odd);
    odd.set('text', 42);
    expect(listComments(doc)).toEqual([]);
  });
});
