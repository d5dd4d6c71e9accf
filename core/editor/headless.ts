import { EditorState, type Transaction } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition, updateYFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { SuggestionAuthor } from '../records/suggestion-id';
import { makeSuggestionId } from '../records/suggestion-id';
import { editorSchema } from './extensions';
import { suggestAs } from './suggest-as';
import { attachSuggestionLedger } from './suggestion-ledger';

/**
 * A 正文 replica without a view: the renderer editor's document model and binding code
 * (y-tiptap's conversion and reconciliation, the suggest-changes transform) driven directly, for
 * Node tests, the benchmark's co-editors and main's DOCX import. An edit is a ProseMirror
 * transaction built on the current state; in 修订 mode it is turned into suggestions attributed
 * to `author`, then written into the Y.XmlFragment as the editor's binding would.
 */
export interface HeadlessOptions {
  author: SuggestionAuthor;
  suggest?: boolean;
  now?: () => number;
  random?: () => number;
  /** The Yjs transaction origin of this replica's writes. */
  origin?: unknown;
  /** Keep the 修订 ledger (suggestion-ledger.ts), as an editing replica does; default true. */
  ledger?: boolean;
}

export class HeadlessEditor {
  suggest: boolean;
  private state: EditorState;
  private meta: ReturnType<typeof initProseMirrorDoc>['meta'];
  private stale = false;
  private readonly fragment: Y.XmlFragment;
  private readonly detachLedger: () => void;
  /** Another writer changed the body (a colleague's edit, a 修订 repair): re-read it before the next edit. */
  private readonly onTransaction = (tr: Y.Transaction) => {
    if (tr.origin !== this.origin && (tr.changedParentTypes as Map<unknown, unknown>).has(this.fragment)) this.stale = true;
  };

  constructor(
    readonly doc: Y.Doc,
    private readonly opts: HeadlessOptions,
  ) {
    this.suggest = opts.suggest ?? false;
    this.fragment = doc.getXmlFragment('body');
    const init = initProseMirrorDoc(this.fragment, editorSchema());
    this.state = EditorState.create({ schema: editorSchema(), doc: init.doc });
    this.meta = init.meta;
    doc.on('afterTransaction', this.onTransaction);
    this.detachLedger = opts.ledger === false ? () => {} : attachSuggestionLedger(doc);
  }

  private get origin(): unknown {
    return this.opts.origin ?? this;
  }

  /** The current ProseMirror state (re-read from Yjs when another replica's edit arrived). */
  current(): EditorState {
    if (this.stale) {
      const init = initProseMirrorDoc(this.fragment, editorSchema());
      this.state = EditorState.create({ schema: editorSchema(), doc: init.doc });
      this.meta = init.meta;
      this.stale = false;
    }
    return this.state;
  }

  /** One edit: `build` adds steps to a transaction on the current state. */
  edit(build: (tr: Transaction, state: EditorState) => void): void {
    const state = this.current();
    let tr = state.tr;
    build(tr, state);
    if (!tr.docChanged) return;
    if (this.suggest) {
      const now = this.opts.now ?? Date.now;
      tr = suggestAs(tr, state, this.opts.author, () => makeSuggestionId(this.opts.author, now(), this.opts.random));
    }
    this.state = state.apply(tr);
    this.doc.transact(() => updateYFragment(this.doc, this.fragment, this.state.doc, this.meta), this.origin);
  }

  /** Text positions (ProseMirror) of every character of the body's text blocks, in order. */
  textPositions(): number[] {
    const out: number[] = [];
    this.current().doc.descendants((node, pos) => {
      if (node.isText) for (let i = 0; i < node.text!.length; i++) out.push(pos + i);
      return true;
    });
    return out;
  }

  /** A Yjs relative position for a ProseMirror position (what the editor's binding makes). */
  relative(pos: number): Y.RelativePosition {
    this.current();
    return absolutePositionToRelativePosition(pos, this.fragment, this.meta.mapping);
  }

  /** The ProseMirror position a relative position points to now, or null (its text is gone). */
  absolute(rel: Y.RelativePosition): number | null {
    this.current();
    return relativePositionToAbsolutePosition(this.doc, this.fragment, rel, this.meta.mapping);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.detachLedger();
  }
}
