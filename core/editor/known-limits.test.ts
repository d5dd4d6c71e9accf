import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from './extensions';
import { parseSuggestionId } from '../records/suggestion-id';
import { HeadlessEditor } from './headless';

/**
 * Limits of Yjs formatting under concurrent edits, and of the binding's paragraph splits. The
 * plain-Yjs cases pin what Yjs does (a Yjs upgrade that changes it shows up here); the editor
 * cases show what the 修订 ledger (suggestion-ledger.ts) makes of the same edits. The split cases
 * are what is left (README, known limits).
 *
 * First case: a format is a pair of markers around text, and text typed inside a run gets no
 * markers of its own (Yjs writes only attribute changes). When a colleague concurrently deletes the
 * text the markers framed, Yjs drops the markers it now sees as redundant, and after the merge the
 * new text has no mark.
 */
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

/** The login of the 修订 mark of `kind` on the first `ch` of the body, or null. */
function markBy(editor: HeadlessEditor, kind: string, ch: string): string | null {
  let out: string | null = null;
  let found = false;
  editor.current().doc.descendants((n) => {
    if (found || !n.isText || !n.text!.includes(ch)) return !found;
    found = true;
    const mark = n.marks.find((m) => m.type.name === kind);
    out = mark ? (parseSuggestionId(mark.attrs.id)?.author.login ?? null) : null;
    return false;
  });
  return out;
}
const struckBy = (editor: HeadlessEditor, ch: string) => markBy(editor, 'deletion', ch);
const authorsOf = (editor: HeadlessEditor) => {
  const out = new Set<string>();
  editor.current().doc.descendants((n) => {
    for (const m of n.marks) if (m.type.name === 'insertion') out.add(parseSuggestionId(m.attrs.id)?.author.login ?? '?');
    return true;
  });
  return [...out];
};

/** Each text run of the body as `text:marks`. */
function runs(editor: HeadlessEditor): string[] {
  const out: string[] = [];
  editor.current().doc.descendants((n) => {
    if (n.isText) out.push(`${n.text}:${n.marks.map((m) => m.type.name).join('+') || '-'}`);
    return true;
  });
  return out;
}

describe('a 修订 extended while a colleague deletes its start: Yjs loses its mark, the ledger keeps it', () => {
  it('in the editor: 王科长 types on after his own suggestion, 李干事 meanwhile deletes it', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const s = editorSchema();
    const wang = new HeadlessEditor(d1, { author: { login: 'wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文内容'))));
    wang.suggest = true;
    wang.edit((tr) => tr.insert(3, s.text('甲一')));
    sync(d1, d2);
    const li = new HeadlessEditor(d2, { author: { login: 'li', name: '李干事' } });
    expect(runs(li)).toEqual(['原文:-', '甲一:insertion', '内容:-']);
    // Concurrently: the suggestion extended (the plugin gives it the same id), and deleted outright.
    wang.edit((tr) => tr.insert(5, s.text('甲二')));
    expect(runs(wang)).toEqual(['原文:-', '甲一甲二:insertion', '内容:-']);
    li.edit((tr) => tr.delete(3, 5));
    sync(d1, d2);
    sync(d1, d2);
    // Yjs alone leaves 甲二 unmarked (the plain-Yjs case below); the ledger puts 王科长's mark back.
    expect(runs(wang)).toEqual(['原文:-', '甲二:insertion', '内容:-']);
    expect(runs(li)).toEqual(runs(wang));
    expect(authorsOf(wang)).toEqual(['wang']);
    expect(Y.encodeStateVector(d1)).toEqual(Y.encodeStateVector(d2));
  });

  it('in plain Yjs: text inserted inside a format run carries no marker, and a concurrent delete removes the run’s', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const t1 = d1.getText('t');
    t1.insert(0, '原文内容');
    t1.insert(2, '甲一', { insertion: { id: 'x' } });
    sync(d1, d2);
    t1.insert(4, '甲二', { insertion: { id: 'x' } });
    d2.getText('t').delete(2, 2);
    sync(d1, d2);
    expect(t1.toDelta()).toEqual([{ insert: '原文甲二内容' }]);
    expect(d2.getText('t').toDelta()).toEqual(t1.toDelta());
  });
});

/**
 * Second case: a strike is a format over a range, and Yjs ends a
 * format with a marker that restores the value its writer saw there. When two reviewers strike
 * overlapping ranges concurrently, the shorter one's end marker restores "not struck" inside the
 * longer one, so the part only the longer strike covered is left unstruck (the suggest-changes
 * marks exclude each other, so y-tiptap keeps all strikes under one Yjs key).
 */
describe('two reviewers striking overlapping ranges at once: Yjs loses part of the longer strike, the ledger keeps both', () => {
  it('in the editor: 王科长 strikes 原文, 李干事 meanwhile strikes 原', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const s = editorSchema();
    const wang = new HeadlessEditor(d1, { author: { login: 'wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('原文内容'))));
    sync(d1, d2);
    const li = new HeadlessEditor(d2, { author: { login: 'li', name: '李干事' } });
    wang.suggest = true;
    li.suggest = true;
    wang.edit((tr) => tr.delete(1, 3));
    li.edit((tr) => tr.delete(1, 2));
    expect(runs(wang)).toEqual(['原文:deletion', '内容:-']);
    sync(d1, d2);
    sync(d1, d2);
    // Yjs alone unstrikes 文 (the plain-Yjs case below); with the ledger both strikes stand, 文 as 王科长's.
    expect(runs(li)).toEqual(runs(wang));
    expect(struckBy(li, '内')).toBe(null);
    expect(struckBy(wang, '文')).toBe('wang');
    expect(['wang', 'li']).toContain(struckBy(wang, '原'));
  });

  it('in plain Yjs: the shorter concurrent format restores "unformatted" inside the longer one', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const t1 = d1.getText('t');
    t1.insert(0, '原文内容');
    sync(d1, d2);
    t1.format(0, 2, { deletion: { id: 'wang' } });
    d2.getText('t').format(0, 1, { deletion: { id: 'li' } });
    sync(d1, d2);
    const struck = (t: Y.Text) => (t.toDelta() as Array<{ insert: string; attributes?: { deletion?: unknown } }>).filter((d) => d.attributes?.deletion).map((d) => d.insert);
    // Only 原 is struck, on both replicas; 文 lost the strike its one reviewer made.
    expect(struck(t1)).toEqual(['原']);
    expect(struck(d2.getText('t'))).toEqual(['原']);
    expect(t1.toString()).toBe('原文内容');
  });
});

/**
 * Paragraph splits: y-tiptap writes a split as the tail deleted and a new paragraph with a copy of
 * it (Yjs has no move). The ledger records the copy: a colleague's concurrent strike of the tail
 * shows on it, text they delete from it meanwhile goes from the copy too, and of two concurrent
 * copies of the same text one is kept.
 */
describe('paragraph splits copy the tail', () => {
  const setup = () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    const s = editorSchema();
    const wang = new HeadlessEditor(d1, { author: { login: 'wang', name: '王科长' } });
    wang.edit((tr) => tr.insert(0, s.nodes.paragraph!.create(null, s.text('一二三四五六'))));
    sync(d1, d2);
    const li = new HeadlessEditor(d2, { author: { login: 'li', name: '李干事' } });
    const paragraphs = (e: HeadlessEditor) => e.current().doc.content.content.map((p) => p.textContent);
    return { d1, d2, wang, li, paragraphs };
  };

  it('a strike of the tail made while it is split shows on the copy (the ledger)', () => {
    const { d1, d2, wang, li, paragraphs } = setup();
    wang.edit((tr) => tr.split(4));
    li.suggest = true;
    li.edit((tr) => tr.delete(5, 7));
    sync(d1, d2);
    sync(d1, d2);
    expect(paragraphs(wang)).toEqual(['一二三', '四五六']);
    expect(struckBy(wang, '五')).toBe('li');
    expect(struckBy(wang, '六')).toBe('li');
    expect(struckBy(wang, '四')).toBe(null);
    expect(runs(li)).toEqual(runs(wang));
  });

  it('two splits of one paragraph at once: the tail once, each split kept when the second new paragraph comes last', () => {
    for (const [first, second] of [
      [3, 5],
      [5, 3],
    ] as const) {
      const { d1, d2, wang, li, paragraphs } = setup();
      wang.edit((tr) => tr.split(first));
      li.edit((tr) => tr.split(second));
      sync(d1, d2);
      sync(d1, d2);
      const text = paragraphs(wang).join('');
      // Yjs alone leaves the tail twice (each split copies it); the ledger's copy entries keep it once.
      expect(text).toBe('一二三四五六');
      expect(paragraphs(li)).toEqual(paragraphs(wang));
      // Both breaks stand, or (when the later split's paragraph comes first) the later one is left empty.
      expect([['一二', '三四', '五六'], ['一二', '', '三四五六'], ['一二', '三四五六', '']]).toContainEqual(paragraphs(wang));
    }
  });

  it('text deleted from the tail while it is split goes from the copy too', () => {
    const { d1, d2, wang, li, paragraphs } = setup();
    wang.edit((tr) => tr.split(4));
    li.edit((tr) => tr.delete(5, 7));
    sync(d1, d2);
    sync(d1, d2);
    // Yjs alone leaves 五六 in the new paragraph (its deletion named the originals).
    expect(paragraphs(wang)).toEqual(['一二三', '四']);
    expect(paragraphs(li)).toEqual(paragraphs(wang));
  });
});
