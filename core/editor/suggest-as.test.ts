import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseSuggestionId } from '../records/suggestion-id';
import { editorSchema } from './extensions';
import { HeadlessEditor } from './headless';

const wang = { login: 'wang', name: '王科长' };
const li = { login: 'li', name: '李干事' };

/** The suggestion marks of the body: [kind, text, author login]. */
function suggestions(editor: HeadlessEditor): Array<[string, string, string]> {
  const out: Array<[string, string, string]> = [];
  editor.current().doc.descendants((node) => {
    if (!node.isText) return true;
    for (const m of node.marks) if (m.type.name === 'insertion' || m.type.name === 'deletion') out.push([m.type.name, node.text!, parseSuggestionId(m.attrs.id)?.author.login ?? '?']);
    return false;
  });
  return out;
}

describe('suggestAs: 修订 marks stay with their true author', () => {
  it("typing next to a colleague's suggestion is signed with one's own name, and theirs keeps theirs", () => {
    const doc = new Y.Doc();
    const a = new HeadlessEditor(doc, { author: wang, suggest: false });
    const schema = editorSchema();
    a.edit((tr) => tr.insert(0, schema.nodes.paragraph!.create(null, schema.text('原文内容'))));
    a.suggest = true;
    a.edit((tr) => tr.insert(3, schema.text('甲')));
    // Li, on the same document, types right after and right before Wang's insertion, and strikes next to it.
    const b = new HeadlessEditor(doc, { author: li, suggest: true });
    b.edit((tr) => tr.insert(4, schema.text('乙')));
    b.edit((tr) => tr.insert(3, schema.text('丙')));
    b.edit((tr) => tr.delete(1, 3));
    const marks = suggestions(b);
    expect(marks).toContainEqual(['insertion', '甲', 'wang']);
    for (const [kind, text, who] of marks) {
      if (text.includes('乙') || text.includes('丙')) expect([kind, who]).toEqual(['insertion', 'li']);
      if (kind === 'deletion') expect(who).toBe('li');
    }
    expect(marks.some(([kind]) => kind === 'deletion')).toBe(true);
  });
});
