import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HeadlessEditor } from '../../core/editor/headless';
import { editorSchema } from '../../core/editor/extensions';
import { bodyBlocks, cleanText, pendingSuggestions } from '../../core/records/body-blocks';
import { renderBodyDocx } from './body-docx';
import { readDocxBody } from './docx-import';
import { unzip } from './testing/unzip';

const LI = { login: 'li', name: '李四' };

function reviewedBody(): Y.Doc {
  const doc = new Y.Doc();
  new HeadlessEditor(doc, { author: { login: 'zhang', name: '张三' } }).edit((tr, state) => {
    const s = state.schema;
    tr.replaceWith(0, state.doc.content.size, [
      s.node('heading', { level: 1 }, s.text('一、总体要求')),
      s.node('paragraph', null, s.text('请各单位于六月底前报送材料。')),
      s.node('table', null, [s.node('tableRow', null, [s.node('tableCell', null, [s.node('paragraph', null, s.text('牵头单位'))]), s.node('tableCell', null, [s.node('paragraph', null, s.text('市工信局'))])])]),
    ]);
  });
  const reviewer = new HeadlessEditor(doc, { author: LI, suggest: true, now: () => Date.parse('2024-05-02T10:00:00Z') });
  reviewer.edit((tr, state) => {
    let from = -1;
    state.doc.descendants((n, pos) => {
      if (n.isText && n.text!.includes('六月')) from = pos + n.text!.indexOf('六月');
    });
    tr.insertText('五月', from, from + 2);
  });
  return doc;
}

describe('the body as DOCX with Word revisions', () => {
  it('writes pending 修订 as w:ins/w:del with author and date, read back by an independent reader and by the import', async () => {
    const doc = reviewedBody();
    expect(pendingSuggestions(bodyBlocks(doc))).toHaveLength(2);
    const docx = await renderBodyDocx(bodyBlocks(doc), { title: '测试' });
    const xml = unzip(docx).get('word/document.xml') ?? '';
    expect(xml).toMatch(/<w:ins [^>]*w:author="李四"[^>]*w:date="2024-05-02T10:00:00/);
    expect(xml).toMatch(/<w:del [^>]*w:author="李四"[^>]*w:date="2024-05-02T10:00:00/);
    expect(xml).toMatch(/<w:del [^>]*>.*?<w:delText[^>]*>六月<\/w:delText>/);
    expect(xml).toMatch(/<w:ins [^>]*>.*?<w:t[^>]*>五月<\/w:t>/);
    expect(xml).toContain('w:eastAsia="黑体"');
    // mammoth (a second, independent reader) shows the text as Word's "final" view would.
    const { value } = await mammoth.extractRawText({ buffer: docx });
    expect(value).toContain('五月底前报送材料');
    expect(value).toContain('市工信局');

    const back = readDocxBody(new Uint8Array(docx));
    const again = new Y.Doc();
    new HeadlessEditor(again, { author: LI }).edit((tr, state) => {
      tr.replaceWith(0, state.doc.content.size, editorSchema().nodeFromJSON(back.doc).content);
    });
    expect(cleanText(bodyBlocks(again))).toBe(cleanText(bodyBlocks(doc)));
    const suggestions = pendingSuggestions(bodyBlocks(again));
    expect(suggestions.map((s) => [s.kind, s.text, s.author.name, s.at])).toEqual([
      ['del', '六月', '李四', '2024-05-02T10:00:00.000Z'],
      ['ins', '五月', '李四', '2024-05-02T10:00:00.000Z'],
    ]);
  });

  it('refuses a file that is not a DOCX with a clear message', () => {
    expect(() => readDocxBody(new TextEncoder().encode('not a zip'))).toThrow(/不是有效的 Word 文档/);
  });
});
