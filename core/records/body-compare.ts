import * as Y from 'yjs';
import { authorOfClient, type BodyAuthor } from './body-authors';
import { runOf, suggestionOf } from './body-blocks';

/**
 * 花脸稿: what changed in the body between two workflow steps, each insertion and deletion with
 * its person (for their colour), name and time. Both steps' stored states (body-snapshot.ts) are
 * loaded into one document with gc off, so text deleted between them still has its characters;
 * Yjs then says which items each step could see (`toDelta(to, from)`).
 *
 * Attribution: an insertion belongs to the person of its Yjs client id (body-authors.ts) or, for
 * a 修订, to the suggestion's author. Yjs does not record who deleted: a 修订 deletion names its
 * suggester; a direct deletion is attributed to the later step's actor (`to.actor`), the person
 * who sent the body on with it.
 */
export interface StepState {
  /** The record's Yjs state at the step (the bytes of BodySnapshot.state's blob). */
  state: Uint8Array;
  actor?: BodyAuthor;
  /** ISO time of the step */
  at?: string;
}

export interface Change {
  kind: 'ins' | 'del';
  author: BodyAuthor | null;
  at: string | null;
  /** A 修订 still waiting for acceptance (in the later step), rather than a direct edit. */
  suggested: boolean;
}

export interface MarkupSegment {
  text: string;
  change: Change | null;
}

export interface MarkupBlock {
  level: number;
  segments: MarkupSegment[];
}

export function compareSteps(from: StepState, to: StepState): MarkupBlock[] {
  const ua = from.state;
  const ub = to.state;
  // The merged document holds the earlier step first: its snapshot and pending 修订 are read there.
  const merged = new Y.Doc({ gc: false });
  Y.applyUpdate(merged, ua);
  const a = Y.snapshot(merged);
  const svA = Y.encodeStateVector(merged);
  const before = pendingIds(merged.getXmlFragment('body'));
  // Only what the later step adds: applying its whole state again would walk every known struct.
  Y.applyUpdate(merged, Y.diffUpdate(ub, svA));
  // A later step that saw everything of the earlier one (the usual case: steps follow each other)
  // is exactly the merged document; otherwise it is loaded on its own.
  const b = contains(Y.decodeStateVector(Y.encodeStateVectorFromUpdate(ub)), Y.decodeStateVector(svA)) ? Y.snapshot(merged) : load(ub);
  const ctx: Ctx = { merged, a, b, before, to, out: [] };
  // One transaction: Yjs splits the items a snapshot cuts once per transaction, not per paragraph.
  merged.transact(() => walk(merged.getXmlFragment('body'), ctx, 0));
  return ctx.out;
}

/** The 修订 pending in the body (kind + id), read straight from its texts' formatting (as body-blocks.ts's runs name them). */
function pendingIds(fragment: Y.XmlFragment): Set<string> {
  const out = new Set<string>();
  const visit = (type: Y.XmlFragment | Y.XmlElement) => {
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlText) {
        for (const op of child.toDelta() as DeltaOp[]) {
          const s = op.attributes ? suggestionOf(op.attributes) : null;
          if (s) out.add(s.kind + s.id);
        }
      } else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  visit(fragment);
  return out;
}

function contains(later: Map<number, number>, earlier: Map<number, number>): boolean {
  for (const [client, clock] of earlier) if ((later.get(client) ?? 0) < clock) return false;
  return true;
}

function load(update: Uint8Array): Y.Snapshot {
  const doc = new Y.Doc({ gc: false });
  Y.applyUpdate(doc, update);
  return Y.snapshot(doc);
}

interface Ctx {
  merged: Y.Doc;
  a: Y.Snapshot;
  b: Y.Snapshot;
  before: Set<string>;
  to: StepState;
  out: MarkupBlock[];
}

const visibleIn = (item: Y.Item, s: Y.Snapshot): boolean =>
  (s.sv.get(item.id.client) ?? 0) > item.id.clock && !Y.isDeleted(s.ds, item.id);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>;

/** The children of a type that either step could see, in document order (deleted ones included). */
function children(type: AnyType, ctx: Ctx): AnyType[] {
  const out: AnyType[] = [];
  for (let item = type._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentType)) continue;
    if (visibleIn(item, ctx.a) || visibleIn(item, ctx.b)) out.push(item.content.type as AnyType);
  }
  return out;
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading']);

function walk(type: AnyType, ctx: Ctx, level: number): void {
  for (const child of children(type, ctx)) {
    if (child instanceof Y.XmlText) ctx.out.push({ level: 0, segments: mergeSegments(textSegments(child, ctx)) });
    else if (child instanceof Y.XmlElement && TEXT_BLOCKS.has(child.nodeName)) {
      const lvl = child.nodeName === 'heading' ? Number(child.getAttribute('level' as never) ?? 1) : 0;
      const segments = children(child, ctx).flatMap((t) => (t instanceof Y.XmlText ? textSegments(t, ctx) : []));
      ctx.out.push({ level: lvl, segments: mergeSegments(segments) });
    } else if (child instanceof Y.XmlElement) walk(child, ctx, level + 1);
  }
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown> & { ychange?: { type: 'added' | 'removed'; client: number } };
}

function textSegments(text: Y.XmlText, ctx: Ctx): MarkupSegment[] {
  const compute = (type: 'added' | 'removed', id: Y.ID) => ({ type, client: id.client });
  const delta = text.toDelta(ctx.b, ctx.a, compute) as DeltaOp[];
  return delta.filter((op) => typeof op.insert === 'string').map((op) => segmentOf(op.insert as string, op.attributes, ctx));
}

function segmentOf(text: string, attrs: DeltaOp['attributes'], ctx: Ctx): MarkupSegment {
  const { ychange, ...marks } = attrs ?? {};
  const s = runOf(text, marks).suggestion;
  const stepAt = ctx.to.at ?? null;
  if (ychange?.type === 'added') {
    const author = s?.kind === 'ins' ? s.author : authorOfClient(ctx.merged, ychange.client);
    return { text, change: { kind: 'ins', author, at: s?.at || stepAt, suggested: s?.kind === 'ins' } };
  }
  if (ychange?.type === 'removed') return { text, change: { kind: 'del', author: ctx.to.actor ?? null, at: stepAt, suggested: false } };
  // Unchanged characters: a 修订 made since the earlier step shows as that person's change.
  if (s && !ctx.before.has(s.kind + s.id)) return { text, change: { kind: s.kind, author: s.author, at: s.at || null, suggested: true } };
  return { text, change: null };
}

function mergeSegments(segments: MarkupSegment[]): MarkupSegment[] {
  const out: MarkupSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && JSON.stringify(last.change) === JSON.stringify(s.change)) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
