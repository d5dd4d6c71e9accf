import { Extension } from '@tiptap/core';
import {
  disableSuggestChanges,
  enableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
} from '@handlewithcare/prosemirror-suggest-changes';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { suggestAs } from '../../../core/editor/suggest-as';
import { makeSuggestionId, type SuggestionAuthor } from '../../../core/records/suggestion-id';

/**
 * 修订 mode on the Tiptap editor: @handlewithcare/prosemirror-suggest-changes turns the user's
 * transactions into insertion/deletion marks (renderer/src/editor/README.md says why this
 * plugin). Ids carry the author and time (core/records/suggestion-id.ts); `suggestAs` keeps each
 * mark on its true author where the plugin would join a colleague's. Remote changes (the
 * Yjs binding's own transactions) and undo/redo pass through untouched.
 */
export const SuggestMode = Extension.create<{ author: SuggestionAuthor }>({
  name: 'suggestMode',
  addOptions: () => ({ author: { login: '', name: '' } }),
  addProseMirrorPlugins() {
    return [suggestChanges()];
  },
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const sync = (transaction.getMeta(ySyncPluginKey) ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean };
    const skip = !isSuggestChangesEnabled(state) || sync.isChangeOrigin || sync.isUndoRedoOperation || 'skip' in ((transaction.getMeta(suggestChangesKey) as object | undefined) ?? {});
    if (skip || !transaction.docChanged) return next(transaction);
    next(suggestAs(transaction, state, this.options.author, () => makeSuggestionId(this.options.author, Date.now())));
  },
});

export { disableSuggestChanges, enableSuggestChanges, isSuggestChangesEnabled };
