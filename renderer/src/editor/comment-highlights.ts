import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { decodeAnchor, listComments } from '../../../core/records/body-comments';

/** Dispatch a transaction with this meta to redraw after the comments map changed. */
export const commentsChanged = new PluginKey<DecorationSet>('commentHighlights');

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Parameters<typeof relativePositionToAbsolutePosition>[3] } | null;
}

/** Open comments' ranges, resolved from their Yjs anchors against the editor's current document. */
function highlights(state: EditorState): DecorationSet {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  if (!sync?.binding) return DecorationSet.empty;
  const decorations: Decoration[] = [];
  for (const c of listComments(sync.doc)) {
    if (c.resolved) continue;
    const from = relativePositionToAbsolutePosition(sync.doc, sync.type, decodeAnchor(c.start), sync.binding.mapping);
    const to = relativePositionToAbsolutePosition(sync.doc, sync.type, decodeAnchor(c.end), sync.binding.mapping);
    if (from === null || to === null || to <= from || to > state.doc.content.size) continue;
    decorations.push(Decoration.inline(from, to, { class: 'xt-commented', 'data-comment': c.id }));
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * 批注 shown in the text: each open comment's range underlined in yellow. Recomputed when the
 * document changes (anchors move with the text) or the comments do (`commentsChanged` meta).
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: commentsChanged,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, old, _before, state) => (tr.docChanged || tr.getMeta(commentsChanged) || tr.getMeta(ySyncPluginKey) ? highlights(state) : old),
        },
        props: { decorations: (state) => commentsChanged.getState(state) },
      }),
    ];
  },
});
