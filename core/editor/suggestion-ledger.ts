import * as Y from 'yjs';
import { SUGGESTION_KEYS, charId, encodeEntry, entryChars, ledgerOf, rangeChars, setRanges, toRanges, valueKey, type Attrs, type GoneEntry, type LedgerEntry, type MarkEntry, type SuggestionKey } from './ledger-entry';
import { LedgerIndex, shownAll } from './ledger-index';
import { readEntry } from './ledger-read';
import { scanChars, scanText, textOfChar } from './text-scan';

/** An entry extended past this many ranges is closed, so one overwrite stays small. */
const MAX_RANGES = 3 * 200;

/** The origin of the ledger's own writes (its entries and its repairs). */
export const LEDGER_ORIGIN = 'suggestion-ledger';

export interface LedgerOptions {
  /**
   * How a repair that follows one of this replica's own edits is run. The renderer defers it
   * (a microtask): y-tiptap writes an edit inside a mutex, and a body change made before that
   * edit's transaction has finished would not reach the editor view. Default: at once.
   */
  deferOwn?: (run: () => void) => void;
}

/**
 * Why a ledger: a 修订 is a suggestion mark, which y-tiptap writes as Yjs text formatting — a pair
 * of markers around the text, the closing one restoring what its writer saw after it. Under
 * concurrent edits Yjs formatting loses or moves marks (core/editor/known-limits.test.ts): text
 * typed inside one's own suggestion has no markers of its own and loses the run's when a colleague
 * deletes the text before it; of two overlapping strikes made at once, the shorter's closing marker
 * unstrikes the rest of the longer; overlapping suggestions can show one person's text as
 * another's. So each editing replica also records, by the characters' Yjs ids, which marks its own
 * edits set (ledger-entry.ts; indexed by ledger-index.ts), and after every change it puts back on
 * each recorded character the mark the merged ledger wants. The ledger merges by union, so every
 * replica wants the same marks; a repair sets the same values on every replica, so concurrent
 * repairs agree. It also records paragraph splits (copies) and deletions, so that a split does not
 * leave text twice or bring back what a colleague deleted meanwhile (dedupe below).
 *
 * Attach it where a person edits (the renderer's replica when they may edit, the Node replicas of
 * core/editor/headless.ts); a reader's replica must not, as it may not write.
 */
export function attachSuggestionLedger(doc: Y.Doc, opts: LedgerOptions = {}): () => void {
  const ledger = ledgerOf(doc);
  const index = LedgerIndex.of(ledger);

  const put = (tag: string, entry: LedgerEntry) => {
    ledger.set(tag, encodeEntry(entry));
    index.add(tag, entry);
  };
  const newTag = () => `${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`;
  /** This session's open mark entries, by what they set and drop. */
  const open = new Map<string, { tag: string; entry: MarkEntry | GoneEntry }>();
  const write = (entry: LedgerEntry) => {
    if (entry.k === 'copy' || entry.k === 'known') return put(newTag(), entry);
    // Typing on in one suggestion (or deleting on) extends this session's entry for it (only this
    // client writes its keys, so the overwrite cannot race) rather than adding one per keystroke.
    const sig = entry.k === 'gone' ? 'gone' : `${entry.k}\u0000${valueKey(entry.v)}\u0000${entry.u.join(',')}`;
    const prev = open.get(sig);
    if (prev && prev.entry.r.length < MAX_RANGES) {
      prev.entry = { ...prev.entry, r: setRanges([...rangeChars(prev.entry.r), ...rangeChars(entry.r)]) };
      return put(prev.tag, prev.entry);
    }
    const tag = newTag();
    put(tag, entry);
    open.set(sig, { tag, entry });
  };
  // This client's characters are known to the ledger from its first edit on.
  const known = (tr: Y.Transaction) => {
    const key = `known:${doc.clientID}`;
    if (!ledger.has(key)) put(key, { k: 'known', c: doc.clientID, since: tr.beforeState.get(doc.clientID) ?? 0 });
  };
  const onAfter = (tr: Y.Transaction) => {
    if (tr.origin === LEDGER_ORIGIN) return;
    const texts = new Set<Y.XmlText>();
    const copied: string[] = [];
    // Entries from colleagues: check the characters they name.
    for (const tag of (tr.changed as Map<unknown, Set<string | null>>).get(ledger) ?? []) {
      if (tag === null) continue;
      const e = readEntry(ledger, tag);
      if (!e) continue;
      index.add(tag, e);
      if (e.k === 'copy') for (const [c, k] of rangeChars(e.s)) copied.push(charId(c, k));
      if (e.k === 'gone') for (const [c, k] of rangeChars(e.r)) if (index.isCopied(charId(c, k))) copied.push(charId(c, k));
      // A colleague's characters now known (once per session): any of them may carry a stretched mark.
      if (e.k === 'known') for (const t of allTexts(bodyFragment(doc))) texts.add(t);
      for (const [client, clock] of entryChars(e)) {
        // The character, and the copies made of it since (a paragraph split here after it was marked there).
        for (const id of [charId(client, clock), ...index.copies(charId(client, clock))]) {
          const [c, k] = id.split(':').map(Number) as [number, number];
          const t = textOfChar(doc, c, k);
          if (t) texts.add(t);
        }
      }
    }
    for (const t of tr.changed.keys()) if (t instanceof Y.XmlText && live(t)) texts.add(t);
    for (const t of textsOfNewItems(tr)) texts.add(t);
    // An edit made here: what it changed is what its author sees, and means. Not Yjs's own
    // formatting clean-up after a remote change (origin null), which only drops markers.
    const ours = tr.local && tr.origin !== null;
    const fix = () =>
      doc.transact(() => {
        if (copied.length > 0) dedupe(doc, index, copied).forEach((t) => texts.add(t));
        texts.forEach((t) => repair(index, t));
      }, LEDGER_ORIGIN);
    if (!ours) return fix();
    doc.transact(() => {
      known(tr);
      const moved = recordCopies(tr, write, texts);
      recordGone(tr, write, moved);
      for (const t of texts) for (const g of intents(tr, index, t)) write(g);
    }, LEDGER_ORIGIN);
    if (opts.deferOwn && !detached) opts.deferOwn(() => !detached && fix());
    else fix();
  };
  let detached = false;
  doc.on('afterTransaction', onAfter);
  // What earlier merges left wrong while nobody edited (main merges without repairing).
  const body = bodyFragment(doc);
  if (body)
    doc.transact(() => {
      dedupe(doc, index, [...index.copiedTwice(), ...index.goneAndCopied()]);
      allTexts(body).forEach((t) => repair(index, t));
    }, LEDGER_ORIGIN);
  return () => {
    detached = true;
    doc.off('afterTransaction', onAfter);
  };
}

/** The body, unless this doc has none (or holds something else under that name). */
function bodyFragment(doc: Y.Doc): Y.XmlFragment | null {
  if (!doc.share.has('body')) return null;
  try {
    return doc.getXmlFragment('body');
  } catch {
    return null;
  }
}

function live(t: Y.XmlText): boolean {
  for (let item = t._item; item !== null; item = (item.parent as Y.AbstractType<unknown>)._item) if (item.deleted) return false;
  return true;
}

/** The texts a transaction wrote items into (new text, new formatting, new paragraphs). */
function textsOfNewItems(tr: Y.Transaction): Set<Y.XmlText> {
  const out = new Set<Y.XmlText>();
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = tr.doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length && structs[i]!.id.clock < after; i++) {
      const s = structs[i]!;
      if (!(s instanceof Y.Item)) continue;
      if (s.parent instanceof Y.XmlText) out.add(s.parent);
      if (s.content instanceof Y.ContentType && s.content.type instanceof Y.XmlText) out.add(s.content.type);
    }
  }
  for (const t of out) if (!live(t)) out.delete(t);
  return out;
}

function allTexts(type: Y.XmlFragment | Y.XmlElement | null): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  if (!type) return out;
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) out.push(...allTexts(child));
  }
  return out;
}

/**
 * What a local edit set on the characters of `text` it wrote or re-formatted (only those: a mark
 * this replica merely received is not its to record), where that differs from what the ledger
 * wants: a value replaces every entry in force there; a removal drops the entry that was shown (one
 * a colleague added concurrently, and so was not shown, stays).
 */
function intents(tr: Y.Transaction, index: LedgerIndex, text: Y.XmlText): MarkEntry[] {
  const before = new Map<string, string>();
  const existed = (item: Y.Item) => item.id.clock < (tr.beforeState.get(item.id.client) ?? 0) && (!item.deleted || Y.isDeleted(tr.deleteSet, item.id));
  scanText(text, (id, _i, current) => before.set(id, SUGGESTION_KEYS.map((k) => valueKey(current.get(k) ?? null)).join('\u0000')), existed);
  const groups = new Map<string, { k: SuggestionKey; v: Attrs | null; u: string[]; chars: Array<[number, number]> }>();
  scanText(text, (id, _i, current) => {
    const was = before.get(id)?.split('\u0000');
    let all: ReturnType<typeof shownAll> | null = null;
    for (const [n, k] of SUGGESTION_KEYS.entries()) {
      const actual = (current.get(k) as Attrs | undefined) ?? null;
      if (was && was[n] === valueKey(actual)) continue;
      all ??= shownAll(index, id);
      const wanted = all[k];
      if (valueKey(actual) === valueKey(wanted ?? null)) continue;
      const inForce = index.live(k, id) ?? new Map<string, Attrs>();
      const u = (actual ? [...inForce.keys()] : [...inForce].filter(([, v]) => valueKey(v) === valueKey(wanted)).map(([tag]) => tag)).sort();
      if (!actual && u.length === 0) continue;
      const group = `${k}\u0000${valueKey(actual)}\u0000${u.join(',')}`;
      const [client, clock] = id.split(':').map(Number) as [number, number];
      const g = groups.get(group) ?? { k, v: actual, u, chars: [] };
      g.chars.push([client, clock]);
      groups.set(group, g);
    }
  });
  return [...groups.values()].map((g) => ({ k: g.k, v: g.v, u: g.u, r: setRanges(g.chars) }));
}

interface Run {
  text: string;
  ids: Array<[number, number]>;
}

/** Runs of a text's characters that `take` accepts, broken by any other live character. */
function runs(text: Y.XmlText, take: (item: Y.Item) => boolean, breaks: (item: Y.Item) => boolean): Run[] {
  const out: Run[] = [];
  let run: Run | null = null;
  for (let item = text._start; item !== null; item = item.right) {
    if (item.content instanceof Y.ContentFormat) continue;
    if (take(item) && item.content instanceof Y.ContentString) {
      run ??= { text: '', ids: [] };
      const str = item.content.str;
      for (let i = 0; i < str.length; i++) run.ids.push([item.id.client, item.id.clock + i]);
      run.text += str;
    } else if (breaks(item) && run) {
      out.push(run);
      run = null;
    }
  }
  if (run) out.push(run);
  return out;
}

/**
 * Records the characters a local edit deleted and wrote anew with the same text (the binding writes
 * a paragraph split, or join, as the moved text deleted and copied), so that marks a colleague puts
 * on the originals meanwhile reach the copies.
 */
function recordCopies(tr: Y.Transaction, write: (e: LedgerEntry) => void, texts: Set<Y.XmlText>): Set<string> {
  const isNew = (item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  const deletedHere = (item: Y.Item) => item.deleted && !isNew(item) && Y.isDeleted(tr.deleteSet, item.id);
  const touched = new Set<Y.XmlText>();
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (s instanceof Y.Item && s.parent instanceof Y.XmlText && s.content instanceof Y.ContentString) touched.add(s.parent);
  });
  const moved = new Set<string>();
  if (touched.size === 0) return moved;
  const gone = [...touched].flatMap((t) => runs(t, deletedHere, (item) => !item.deleted || deletedHere(item)));
  const made = [...texts].flatMap((t) => runs(t, (item) => isNew(item) && !item.deleted, (item) => !item.deleted));
  for (const m of made) {
    const g = gone.find((x) => x.text.includes(m.text));
    if (!g) continue;
    const at = g.text.indexOf(m.text);
    const sources = g.ids.slice(at, at + m.ids.length);
    for (const [c, k] of sources) moved.add(charId(c, k));
    write({ k: 'copy', r: toRanges(m.ids), s: toRanges(sources) });
  }
  return moved;
}

/** Records the characters a local edit deleted, except those it moved (copied anew). */
function recordGone(tr: Y.Transaction, write: (e: LedgerEntry) => void, moved: Set<string>): void {
  const chars: Array<[number, number]> = [];
  Y.iterateDeletedStructs(tr, tr.deleteSet, (s) => {
    if (!(s instanceof Y.Item) || !(s.parent instanceof Y.XmlText) || !(s.content instanceof Y.ContentString)) return;
    if (s.id.clock >= (tr.beforeState.get(s.id.client) ?? 0)) return;
    for (let i = 0; i < s.length; i++) if (!moved.has(charId(s.id.client, s.id.clock + i))) chars.push([s.id.client, s.id.clock + i]);
  });
  if (chars.length > 0) write({ k: 'gone', r: setRanges(chars) });
}

/**
 * A character deleted by a person while a colleague moved it (split its paragraph: the binding
 * copies the tail) goes from wherever it was moved to. Two people moving the same text at once
 * would leave it twice. Of the live characters that are one through copies, the last in the
 * document stays
 * and the others go: every replica decides alike once it has both, and a replica that has seen only
 * some never removes the last of all, so the text is kept once. (Splitting at 5 and at 8: if the
 * second new paragraph comes last, both splits stand; otherwise the text stays in order and the
 * later split's paragraph is left empty.) Returns the texts it changed.
 */
function dedupe(doc: Y.Doc, index: LedgerIndex, originals: Iterable<string>): Y.XmlText[] {
  let order: Map<Y.XmlText, number> | null = null;
  const positions = new Map<Y.XmlText, Map<string, number>>();
  const at = (t: Y.XmlText, id: string): number => {
    let m = positions.get(t);
    if (!m) {
      const map = new Map<string, number>();
      scanChars(t, (c, k, i) => map.set(charId(c, k), i));
      positions.set(t, (m = map));
    }
    return m.get(id) ?? -1;
  };
  const doomed = new Map<Y.XmlText, number[]>();
  for (const orig of new Set(originals)) {
    const live = index.members(orig).flatMap((id) => {
      const [c, k] = id.split(':').map(Number) as [number, number];
      const t = textOfChar(doc, c, k);
      return t ? [{ t, at: at(t, id) }] : [];
    });
    // A person deleted one of them (not as a move): the text goes wherever it was moved to.
    if (index.members(orig).some((id) => index.isGone(id))) {
      for (const x of live) doomed.set(x.t, [...(doomed.get(x.t) ?? []), x.at]);
      continue;
    }
    if (live.length < 2) continue;
    order ??= new Map(allTexts(bodyFragment(doc)).map((t, i) => [t, i]));
    const o = order;
    live.sort((x, y) => (o.get(x.t) ?? -1) - (o.get(y.t) ?? -1) || x.at - y.at);
    for (const x of live.slice(0, -1)) doomed.set(x.t, [...(doomed.get(x.t) ?? []), x.at]);
  }
  // From the end of each text, so the indices still hold.
  for (const [t, ats] of doomed) [...new Set(ats)].sort((a, b) => b - a).forEach((i) => t.delete(i, 1));
  return [...doomed.keys()];
}

/** Puts on each recorded character of `text` the suggestion marks the ledger wants. */
function repair(index: LedgerIndex, text: Y.XmlText): void {
  if (!live(text)) return;
  type Fix = { k: SuggestionKey; at: number; len: number; v: Attrs | null; key: string };
  const fixes: Fix[] = [];
  const last = new Map<SuggestionKey, Fix>();
  scanChars(text, (client, clock, at, current) => {
    // Fast path (a whole body is checked at open): named by no entry and showing no 修订 mark.
    if (!index.names(client, clock) && !current.has('insertion') && !current.has('deletion') && !current.has('modification')) return;
    const all = shownAll(index, charId(client, clock));
    for (const k of SUGGESTION_KEYS) {
      const wanted = all[k];
      if (wanted === undefined) continue;
      const key = valueKey(wanted);
      if (valueKey(current.get(k) ?? null) === key) continue;
      const prev = last.get(k);
      if (prev && prev.at + prev.len === at && prev.key === key) prev.len += 1;
      else {
        const fix = { k, at, len: 1, v: wanted, key };
        fixes.push(fix);
        last.set(k, fix);
      }
    }
  });
  for (const f of fixes) text.format(f.at, f.len, { [f.k]: f.v });
}
