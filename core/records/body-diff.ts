import diff from 'fast-diff';
import * as Y from 'yjs';
import { pairParagraphs } from './paragraph-pairs';

/**
 * Body edits as diffs: a new plain text (one paragraph per line) becomes the few Yjs operations
 * that turn the old body into it, so two offices editing one 正文 offline merge instead of each
 * keeping a whole copy. Paragraphs first (which were kept, inserted, deleted, changed), then a
 * character diff inside each changed paragraph; nothing unchanged is touched.
 */

type BodyNode = Y.XmlElement | Y.XmlText;

/** A paragraph of the body: its node, its index among the fragment's children, its plain text. */
export interface BodyParagraph {
  node: BodyNode;
  index: number;
  text: string;
}

/** The body's paragraphs (top-level elements and texts; hooks are not text and are skipped). */
export function bodyParagraphs(body: Y.XmlFragment): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  body.toArray().forEach((node, index) => {
    if (node instanceof Y.XmlElement || node instanceof Y.XmlText) out.push({ node, index, text: nodeText(node) });
  });
  return out;
}

/** Plain text of a node: its strings in order; embeds (images, formulas) carry no text. */
export function nodeText(node: BodyNode): string {
  if (node instanceof Y.XmlText) {
    const delta = node.toDelta() as Array<{ insert?: unknown }>;
    return delta.map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  return node
    .toArray()
    .map((child) => (child instanceof Y.XmlElement || child instanceof Y.XmlText ? nodeText(child) : ''))
    .join('');
}

/**
 * Makes the body read `text` (paragraphs split at '\n') with the smallest change. Runs in one
 * transaction of the body's document (nested in the caller's, if any).
 */
export function applyBodyText(body: Y.XmlFragment, text: string): void {
  const old = bodyParagraphs(body);
  if (old.map((p) => p.text).join('\n') === text) return;
  const lines = text.split('\n');
  const apply = () => {
    // Last hunk first, so the fragment indices of earlier paragraphs stay valid.
    const hunks = lineHunks(old.map((p) => p.text), lines).reverse();
    for (const h of hunks) applyHunk(body, old, lines, h);
  };
  if (body.doc) body.doc.transact(apply);
  else apply();
}

/** A run of old lines [oldStart, oldEnd) replaced by new lines [newStart, newEnd). */
export interface LineHunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/** The changed runs between two line lists (a line diff; unchanged lines are between hunks). */
export function lineHunks(oldLines: string[], newLines: string[]): LineHunk[] {
  const encoded = encodeLines(oldLines, newLines);
  if (!encoded) return [trimmedHunk(oldLines, newLines)].filter(nonEmpty);
  const hunks: LineHunk[] = [];
  let o = 0;
  let n = 0;
  let open: LineHunk | null = null;
  for (const [op, chars] of diff(encoded[0], encoded[1])) {
    if (op === diff.EQUAL) {
      if (open) hunks.push(open);
      open = null;
      o += chars.length;
      n += chars.length;
      continue;
    }
    open ??= { oldStart: o, oldEnd: o, newStart: n, newEnd: n };
    if (op === diff.DELETE) open.oldEnd = o += chars.length;
    else open.newEnd = n += chars.length;
  }
  if (open) hunks.push(open);
  return hunks;
}

const nonEmpty = (h: LineHunk) => h.oldEnd > h.oldStart || h.newEnd > h.newStart;

/** First code unit for lines, and the surrogate range the mapping must skip (fast-diff treats it specially). */
const FIRST = 0x20;
const SURROGATES = [0xd800, 0xdfff] as const;
const CAPACITY = SURROGATES[0] - FIRST + (0xffff - SURROGATES[1]);

/** Each distinct line as one code unit, so the character diff becomes a line diff; null past capacity. */
function encodeLines(a: string[], b: string[]): [string, string] | null {
  const codes = new Map<string, string>();
  const code = (line: string): string | null => {
    let c = codes.get(line);
    if (c === undefined) {
      if (codes.size >= CAPACITY) return null;
      const n = FIRST + codes.size;
      c = String.fromCharCode(n < SURROGATES[0] ? n : n + (SURROGATES[1] - SURROGATES[0] + 1));
      codes.set(line, c);
    }
    return c;
  };
  const enc = (lines: string[]) => {
    const out: string[] = [];
    for (const l of lines) {
      const c = code(l);
      if (c === null) return null;
      out.push(c);
    }
    return out.join('');
  };
  const ea = enc(a);
  const eb = ea === null ? null : enc(b);
  return ea === null || eb === null ? null : [ea, eb];
}

/** Fallback for bodies with more distinct lines than code units: common head and tail, one hunk between. */
function trimmedHunk(a: string[], b: string[]): LineHunk {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { oldStart: head, oldEnd: a.length - tail, newStart: head, newEnd: b.length - tail };
}

function applyHunk(body: Y.XmlFragment, old: BodyParagraph[], lines: string[], h: LineHunk): void {
  const olds = old.slice(h.oldStart, h.oldEnd);
  const news = lines.slice(h.newStart, h.newEnd);
  const pairs = pairParagraphs(olds.map((p) => p.text), news);
  // Walk the hunk backwards: edits and deletions at or after a node never move the nodes before it.
  // `at` is the fragment index where the new lines still to place go: after the previous kept node.
  let nextNew = news.length;
  let nextOld = olds.length;
  for (const [oi, ni] of [[-1, -1] as const, ...pairs].reverse()) {
    for (let k = nextOld - 1; k > oi; k--) body.delete(olds[k]!.index, 1);
    const insertAt = oi >= 0 ? olds[oi]!.index + 1 : h.oldStart > 0 ? old[h.oldStart - 1]!.index + 1 : 0;
    const inserted = news.slice(ni + 1, nextNew);
    if (inserted.length > 0) body.insert(insertAt, inserted.map(newParagraph));
    if (oi >= 0) editParagraph(body, olds[oi]!, news[ni]!);
    nextNew = ni;
    nextOld = oi;
  }
}

function newParagraph(line: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(line)]);
  return p;
}

/** Character diff of one paragraph; a structure plain text cannot address is replaced whole. */
function editParagraph(body: Y.XmlFragment, p: BodyParagraph, line: string): void {
  const target = editableText(p.node);
  if (target === 'empty-element') {
    (p.node as Y.XmlElement).insert(0, [new Y.XmlText(line)]);
    return;
  }
  if (!target) {
    body.delete(p.index, 1);
    body.insert(p.index, [newParagraph(line)]);
    return;
  }
  let at = 0;
  for (const [op, chars] of diff(p.text, line)) {
    if (op === diff.EQUAL) at += chars.length;
    else if (op === diff.DELETE) target.delete(at, chars.length);
    else {
      target.insert(at, chars);
      at += chars.length;
    }
  }
}

/** The one XmlText holding the paragraph's text, when positions in the plain text are positions in it. */
function editableText(node: BodyNode): Y.XmlText | 'empty-element' | null {
  if (node instanceof Y.XmlText) return stringsOnly(node) ? node : null;
  const children = node.toArray();
  if (children.length === 0) return 'empty-element';
  const only = children[0];
  return children.length === 1 && only instanceof Y.XmlText && stringsOnly(only) ? only : null;
}

const stringsOnly = (t: Y.XmlText) => (t.toDelta() as Array<{ insert?: unknown }>).every((op) => typeof op.insert === 'string');
