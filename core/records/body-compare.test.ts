import { applySuggestions } from '@handlewithcare/prosemirror-suggest-changes';
import { TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HeadlessEditor } from '../editor/headless';
import { noteAuthors } from './body-authors';
import { bodyBlocks, cleanText, pendingSuggestions } from './body-blocks';
import { compareSteps } from './body-compare';
import { bodySnapshot, cleanTextSm3, verifyBodySnapshot } from './body-snapshot';

const A = { login: 'zhang', name: '张三' };
const B = { login: 'li', name: '李四' };
const C = { login: 'wang', name: '王五' };

/** One replica per person, kept in step by exchanging updates (as the sync server would). */
function replicas() {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const people = [A, B, C];
  docs.forEach((doc, i) =>
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'relay') return;
      // The editor's main process notes the author of each client id it applies.
      if (origin !== 'authors') doc.transact(() => noteAuthors(doc, u, people[i]!), 'authors');
      docs.forEach((other, j) => j !== i && Y.applyUpdate(other, Y.encodeStateAsUpdate(doc), 'relay'));
    }),
  );
  return docs;
}

/** A step's snapshot with its state bytes (as main reads them back from the blob). */
const step = (doc: Y.Doc) => {
  const { snapshot, bytes } = bodySnapshot(doc);
  return { snapshot, state: bytes };
};

describe('花脸稿: A drafts, B reviews in 修订 mode, C signs', () => {
  it('the diff between the steps shows exactly B’s changes, attributed to B', () => {
    const [da, db, dc] = replicas();
    const ea = new HeadlessEditor(da!, { author: A });
    ea.edit((tr, state) => {
      const s = state.schema;
      tr.replaceWith(0, state.doc.content.size, [
        s.node('heading', { level: 1 }, s.text('一、工作目标')),
        s.node('paragraph', null, s.text('全面完成年度数字化转型任务。')),
        s.node('paragraph', null, s.text('各单位于六月底前报送进展情况。')),
      ]);
    });
    const drafted = { ...step(da!), actor: A, at: '2024-05-01T09:00:00.000Z' };

    const eb = new HeadlessEditor(db!, { author: B, suggest: true, now: () => Date.parse('2024-05-02T10:00:00Z') });
    const text = eb.current().doc.textBetween(0, eb.current().doc.content.size, '\n');
    expect(text).toContain('六月底前');
    // B replaces 六月 by 五月 and inserts 书面 before 报送.
    eb.edit((tr, state) => {
      let from = -1;
      state.doc.descendants((node, pos) => {
        if (node.isText && node.text!.includes('六月')) from = pos + node.text!.indexOf('六月');
      });
      tr.insertText('五月', from, from + 2);
    });
    eb.edit((tr, state) => {
      let at = -1;
      state.doc.descendants((node, pos) => {
        if (node.isText && node.text!.includes('报送')) at = pos + node.text!.indexOf('报送');
      });
      tr.setSelection(TextSelection.create(tr.doc, at)).insertText('书面');
    });
    const reviewed = { ...step(db!), actor: B, at: '2024-05-02T10:05:00.000Z' };

    const markup = compareSteps(drafted, reviewed);
    const changes = markup.flatMap((b) => b.segments.filter((s) => s.change));
    expect(changes.map((c) => [c.change!.kind, c.text])).toEqual([
      ['del', '六月'],
      ['ins', '五月'],
      ['ins', '书面'],
    ]);
    for (const c of changes) {
      expect(c.change!.author).toEqual(B);
      expect(c.change!.suggested).toBe(true);
      expect(c.change!.at).toBe('2024-05-02T10:00:00.000Z');
    }
    // The unchanged heading and paragraph carry no change.
    expect(markup[0]).toEqual({ level: 1, segments: [{ text: '一、工作目标', change: null }] });

    // C (the drafter's side here) accepts all and signs: the 清稿 is what C approved.
    expect(pendingSuggestions(bodyBlocks(dc!))).toHaveLength(3);
    const ec = new HeadlessEditor(dc!, { author: C });
    ec.edit((tr, state) => {
      applySuggestions(state, (t) => t.steps.forEach((step) => tr.step(step)));
    });
    const signed = { ...step(dc!), actor: C, at: '2024-05-03T08:00:00.000Z' };
    const clean = '一、工作目标\n全面完成年度数字化转型任务。\n各单位于五月底前书面报送进展情况。';
    expect(cleanText(bodyBlocks(dc!))).toBe(clean);
    expect(signed.snapshot.sm3).toBe(cleanTextSm3(clean));
    expect(verifyBodySnapshot(signed.snapshot, signed.state)).toEqual({ ok: true, text: clean });
    // Accepting left the 清稿 unchanged: the 签发 step's 花脸稿 against the review shows only
    // the deleted 六月 leaving (a deletion by the signer) — no new wording.
    const lastStep = compareSteps(reviewed, signed).flatMap((b) => b.segments.filter((s) => s.change));
    expect(lastStep.map((c) => [c.change!.kind, c.text, c.change!.author?.login])).toEqual([['del', '六月', 'wang']]);
    // The drafter's own insertions are attributed to the drafter.
    const fromEmpty = compareSteps({ state: bodySnapshot(new Y.Doc()).bytes }, drafted);
    expect(fromEmpty.flatMap((b) => b.segments.map((s) => s.change?.author?.login))).toEqual(['zhang', 'zhang', 'zhang']);
  });

  it('a tampered snapshot no longer verifies', () => {
    const doc = new Y.Doc();
    new HeadlessEditor(doc, { author: A }).edit((tr, state) => tr.insert(0, state.schema.node('paragraph', null, state.schema.text('签发稿'))));
    const { snapshot, bytes } = bodySnapshot(doc);
    expect(verifyBodySnapshot(snapshot, bytes)).toEqual({ ok: true, text: '签发稿' });
    // A signed hash of other words: the stored 清稿 is not what was signed.
    expect(verifyBodySnapshot({ ...snapshot, sm3: cleanTextSm3('别的文字') }, bytes)).toEqual({ ok: false, text: '签发稿', reason: 'text' });
    // Other bytes than the blob the event names (one byte changed, or another state altogether).
    const changed = bytes.slice();
    const at = changed.length - 2;
    changed[at] = changed[at]! ^ 1;
    expect(verifyBodySnapshot(snapshot, changed)).toMatchObject({ ok: false, reason: 'state' });
    const other = new Y.Doc();
    new HeadlessEditor(other, { author: A }).edit((tr, state) => tr.insert(0, state.schema.node('paragraph', null, state.schema.text('别的文字'))));
    expect(verifyBodySnapshot(snapshot, Y.encodeStateAsUpdate(other))).toMatchObject({ ok: false, reason: 'state' });
  });
});
