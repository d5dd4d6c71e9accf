import { getSchema, Mark, Node, type AnyExtension } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { deletion, insertion, modification } from '@handlewithcare/prosemirror-suggest-changes';
import type { MarkSpec, Schema } from '@tiptap/pm/model';
import { authorColor } from '../records/body-authors';
import { parseSuggestionId } from '../records/suggestion-id';

/**
 * The 正文 editor's document model, shared by the renderer's editor, the Node replicas of the
 * tests and the benchmark (core/editor/headless.ts): one list, so every replica writes the same
 * Y.XmlFragment structure (y-tiptap names each element after its node type). Pure at import
 * time: no DOM is touched until an editor view is made.
 *
 * 9704 formatting: headings 1–4 are 一、(黑体) (一)(楷体) 1.(仿宋加粗) (1)(仿宋); bold; lists;
 * tables; page breaks. Code, quotes and links are left out (not part of a 公文).
 */

/** One of the suggestion marks of @handlewithcare/prosemirror-suggest-changes, as a Tiptap mark. */
function suggestionMark(name: 'insertion' | 'deletion' | 'modification', spec: MarkSpec): Mark {
  return Mark.create({
    name,
    inclusive: false,
    excludes: spec.excludes ?? '',
    addAttributes() {
      const attrs: Record<string, { default: unknown }> = { id: { default: null } };
      if (name === 'modification') Object.assign(attrs, { type: { default: 'attr' }, attrName: { default: null }, previousValue: { default: null }, newValue: { default: null } });
      return attrs;
    },
    parseHTML() {
      return (spec.parseDOM ?? []).map((rule) => ({ ...rule })) as never;
    },
    renderHTML({ mark }) {
      const tag = name === 'insertion' ? 'ins' : name === 'deletion' ? 'del' : 'span';
      // The suggester's colour, name and time on the mark itself: the 修订 view of every co-editor.
      const info = parseSuggestionId(mark.attrs.id);
      const who = info ? { style: `color: ${authorColor(info.author.login)}`, title: `${info.author.name} ${info.at.slice(0, 16).replace('T', ' ')}` } : {};
      return [tag, { 'data-id': JSON.stringify(mark.attrs.id), 'data-suggestion': name, ...who }, 0];
    },
  });
}

/** A page break (分页): an atom between blocks; DOCX and the print layout start a new page there. */
export const PageBreak = Node.create({
  name: 'pageBreak',
  group: 'block',
  atom: true,
  selectable: true,
  parseHTML: () => [{ tag: 'div[data-page-break]' }],
  renderHTML: () => ['div', { 'data-page-break': '', class: 'xt-page-break' }],
});

export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      code: false,
      codeBlock: false,
      blockquote: false,
      link: false,
      // Undo/redo comes from the Yjs binding (per user), never ProseMirror's own history.
      undoRedo: false,
      // Every replica would append its own empty trailing paragraph: duplicates after a merge.
      trailingNode: false,
    }),
    TableKit.configure({ table: { resizable: false } }),
    PageBreak,
    suggestionMark('insertion', insertion),
    suggestionMark('deletion', deletion),
    suggestionMark('modification', modification),
  ];
}

let cached: Schema | null = null;
export function editorSchema(): Schema {
  cached ??= getSchema(editorExtensions());
  return cached;
}
