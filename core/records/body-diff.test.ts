import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyBodyText, bodyParagraphs, lineHunks } from './body-diff';
import { pairParagraphs } from './paragraph-pairs';
import { bodyOf, bodyText, setBodyText } from './record-doc';

/** A doc whose body reads `text`, and a log of every change the next edit makes to it. */
function setup(text: string) {
  const doc = new Y.Doc();
  setBodyText(doc, text);
  const body = bodyOf(doc);
  const nodes = body.toArray();
  const texts = nodes.map((n) => (n as Y.XmlElement).get(0) as Y.XmlText);
  const changes: Array<{ path: string; delta: unknown }> = [];
  body.observeDeep((events) => {
    for (const e of events) changes.push({ path: e.target === body ? 'body' : `p${nodes.indexOf(e.target.parent as Y.XmlElement)}`, delta: e.changes.delta });
  });
  return { doc, body, nodes, texts, changes };
}

const paragraphs = (body: Y.XmlFragment) => body.toArray().map((n) => (n as Y.XmlElement).toString());

describe('setBodyText changes only what changed', () => {
  it('an edit inside one paragraph is a character edit of that paragraph; the others are untouched', () => {
    const s = setup('各区人民政府:\n现将有关事项通知如下。\n请认真贯彻执行。');
    setBodyText(s.doc, '各区人民政府:\n现将有关事项通知如下,请遵照执行。\n请认真贯彻执行。');
    expect(bodyText(s.doc)).toBe('各区人民政府:\n现将有关事项通知如下,请遵照执行。\n请认真贯彻执行。');
    expect(s.body.toArray()).toEqual(s.nodes);
    expect((s.nodes[1] as Y.XmlElement).get(0)).toBe(s.texts[1]);
    expect(s.changes).toEqual([{ path: 'p1', delta: [{ retain: 10 }, { insert: ',请遵照执行' }] }]);
  });

  it('inserting a paragraph inserts one node and keeps every other node', () => {
    const s = setup('第一段\n第二段\n第三段');
    setBodyText(s.doc, '第一段\n第二段\n新增的一段\n第三段');
    expect(bodyText(s.doc)).toBe('第一段\n第二段\n新增的一段\n第三段');
    const now = s.body.toArray();
    expect([now[0], now[1], now[3]]).toEqual(s.nodes);
    expect(s.changes).toHaveLength(1);
    expect(s.changes[0]!.path).toBe('body');
    expect(s.changes[0]!.delta).toEqual([{ retain: 2 }, { insert: [now[2]] }]);
  });

  it('deleting paragraphs deletes their nodes only, at the start, middle and end', () => {
    const s = setup('一\n二\n三\n四\n五');
    setBodyText(s.doc, '二\n四');
    expect(bodyText(s.doc)).toBe('二\n四');
    expect(s.body.toArray()).toEqual([s.nodes[1], s.nodes[3]]);
    expect(s.changes.every((c) => c.path === 'body')).toBe(true);
  });

  it('a deleted paragraph next to an edited one: the edited one is edited in place, the other deleted', () => {
    const s = setup('第一段\n即将删除的第二段内容\n第三段请各单位于六月底前报送\n第四段');
    setBodyText(s.doc, '第一段\n第三段请各单位于七月底前报送\n第四段');
    expect(s.body.toArray()).toEqual([s.nodes[0], s.nodes[2], s.nodes[3]]);
    expect((s.nodes[2] as Y.XmlElement).get(0)).toBe(s.texts[2]);
  });

  it('splitting and joining paragraphs keeps the text that stays where it was', () => {
    const s = setup('甲乙丙丁戊己庚辛');
    setBodyText(s.doc, '甲乙丙丁\n戊己庚辛');
    expect(bodyText(s.doc)).toBe('甲乙丙丁\n戊己庚辛');
    expect(s.body.get(0)).toBe(s.nodes[0]);
    setBodyText(s.doc, '甲乙丙丁戊己庚辛');
    expect(bodyText(s.doc)).toBe('甲乙丙丁戊己庚辛');
  });

  it('emoji and other surrogate pairs are never split (😀 → 😁 share their first code unit)', () => {
    const s = setup('进度👍良好😀\n𠀀𠀁字');
    setBodyText(s.doc, '进度👍👍良好😁\n𠀀𠀂字');
    expect(bodyText(s.doc)).toBe('进度👍👍良好😁\n𠀀𠀂字');
    // Through an update into a fresh replica, nothing was cut in half (a lone surrogate would not survive).
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s.doc));
    expect(bodyText(other)).toBe('进度👍👍良好😁\n𠀀𠀂字');
    expect(bodyText(other)).not.toMatch(/\uFFFD/);
  });

  it('the empty body: filling it, emptying it, and setting the same text writes nothing', () => {
    const doc = new Y.Doc();
    let updates = 0;
    doc.on('update', () => updates++);
    setBodyText(doc, '');
    expect(updates).toBe(0);
    expect(bodyOf(doc).length).toBe(0);
    setBodyText(doc, '正文');
    expect(bodyText(doc)).toBe('正文');
    const count = updates;
    setBodyText(doc, '正文');
    expect(updates).toBe(count);
    setBodyText(doc, '');
    expect(bodyText(doc)).toBe('');
    expect(bodyOf(doc).length).toBe(1);
    setBodyText(doc, '\n\n第三段');
    expect(bodyText(doc)).toBe('\n\n第三段');
    expect(paragraphs(bodyOf(doc))).toEqual(['<paragraph></paragraph>', '<paragraph></paragraph>', '<paragraph>第三段</paragraph>']);
  });

  it('edits one transaction: the whole change is one update', () => {
    const doc = new Y.Doc();
    setBodyText(doc, '一\n二\n三');
    let updates = 0;
    doc.on('update', () => updates++);
    setBodyText(doc, '一改\n三\n四');
    expect(updates).toBe(1);
  });
});

describe('bodies that are not plain paragraphs (written by a rich-text editor)', () => {
  it('a formatted paragraph keeps its formatting outside the edit', () => {
    const doc = new Y.Doc();
    const p = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    p.insert(0, [t]);
    bodyOf(doc).insert(0, [p]);
    t.insert(0, '重要通知:请按时报送');
    t.format(0, 4, { bold: true });
    setBodyText(doc, '重要通知:请于月底前按时报送');
    expect(t.toDelta()).toEqual([{ insert: '重要通知', attributes: { bold: true } }, { insert: ':请于月底前按时报送' }]);
  });

  it('a heading stays a heading; an empty element gets a text; a paragraph with an embed is replaced whole', () => {
    const doc = new Y.Doc();
    const body = bodyOf(doc);
    const heading = new Y.XmlElement('heading');
    heading.insert(0, [new Y.XmlText('标题')]);
    const empty = new Y.XmlElement('paragraph');
    const withImage = new Y.XmlElement('paragraph');
    const t = new Y.XmlText();
    withImage.insert(0, [t]);
    body.insert(0, [heading, empty, withImage]);
    t.insert(0, '图');
    t.insertEmbed(1, { image: 'sm3:abc' });
    setBodyText(doc, '新标题\n补充内容\n图注');
    expect(bodyText(doc)).toBe('新标题\n补充内容\n图注');
    expect(body.get(0)).toBe(heading);
    expect((body.get(0) as Y.XmlElement).nodeName).toBe('heading');
    expect(body.get(1)).toBe(empty);
    expect(body.get(2)).not.toBe(withImage);
  });

  it('hooks between paragraphs are not text and stay; a new paragraph goes right after the one before it', () => {
    const doc = new Y.Doc();
    setBodyText(doc, '一\n二');
    const body = bodyOf(doc);
    body.insert(1, [new Y.XmlHook('signature-block') as unknown as Y.XmlElement]); // typed for elements, accepts hooks
    setBodyText(doc, '一\n新\n二');
    expect(bodyParagraphs(body).map((p) => p.text)).toEqual(['一', '新', '二']);
    expect(body.get(2)).toBeInstanceOf(Y.XmlHook);
  });
});

describe('the line diff and the pairing of changed paragraphs', () => {
  it('finds kept, inserted and deleted lines', () => {
    expect(lineHunks(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([]);
    expect(lineHunks(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual([{ oldStart: 1, oldEnd: 2, newStart: 1, newEnd: 2 }]);
    expect(lineHunks(['a', 'c'], ['a', 'b', 'c', 'd'])).toEqual([
      { oldStart: 1, oldEnd: 1, newStart: 1, newEnd: 2 },
      { oldStart: 2, oldEnd: 2, newStart: 3, newEnd: 4 },
    ]);
    expect(lineHunks([], ['a'])).toEqual([{ oldStart: 0, oldEnd: 0, newStart: 0, newEnd: 1 }]);
  });

  it('handles more distinct lines than a code unit can name (a common head and tail, one hunk)', () => {
    const many = Array.from({ length: 70_000 }, (_, i) => `第${i}段`);
    const edited = [...many.slice(0, 100), '改', ...many.slice(101)];
    expect(lineHunks(many, edited)).toEqual([{ oldStart: 100, oldEnd: 101, newStart: 100, newEnd: 101 }]);
    const doc = new Y.Doc();
    setBodyText(doc, many.join('\n'));
    setBodyText(doc, edited.join('\n'));
    expect(bodyText(doc)).toBe(edited.join('\n'));
  });

  it('pairs the paragraphs that kept at least half their text', () => {
    expect(pairParagraphs(['被删除的一段完全不同', '第三段请于六月底前报送'], ['第三段请于七月底前报送'])).toEqual([[1, 0]]);
    expect(pairParagraphs(['完全不同的旧内容'], ['全新'])).toEqual([[0, 0]]);
    expect(pairParagraphs(['旧的甲段落', '旧的乙段落'], ['新增内容一二三四五六', '旧的乙段落改'])).toEqual([[1, 1]]);
    expect(pairParagraphs([], ['a'])).toEqual([]);
    // A blank paragraph being filled in is an edit of it.
    expect(pairParagraphs(['标题', '', '图'], ['新标题', '补充内容', '图注'])).toEqual([[0, 0], [1, 1], [2, 2]]);
  });

  it('applies to a fragment that is not yet in a document', () => {
    const doc = new Y.Doc();
    const body = bodyOf(doc);
    applyBodyText(body, '一\n二');
    expect(bodyText(doc)).toBe('一\n二');
  });
});
