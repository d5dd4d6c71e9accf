import * as Y from 'yjs';
import { bodyOf } from './record-doc';
import { parseSuggestionId, type SuggestionInfo } from './suggestion-id';

/**
 * The body as the editor writes it (y-tiptap: one Y.XmlElement per ProseMirror node, named by
 * its type, attrs as attributes, text in Y.XmlText with marks as formatting attributes), read
 * into plain blocks for everything that is not the editor: 清稿 and its SM3, DOCX export, the
 * print preview and the 花脸稿. Unknown nodes are read for their text, never dropped.
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** A pending 修订: inserted or deleted by its author, not yet accepted. */
  suggestion?: { kind: 'ins' | 'del' } & SuggestionInfo;
}

/** heading levels map to 9704's 一、 (黑体), (一) (楷体), 1. and (1) (仿宋). */
export type Block =
  | { type: 'paragraph'; level: 0 | 1 | 2 | 3 | 4; align?: 'center' | 'right'; runs: Run[] }
  | { type: 'table'; rows: Run[][][] }
  | { type: 'pageBreak' };

export function bodyBlocks(doc: Y.Doc): Block[] {
  return fragmentBlocks(bodyOf(doc));
}

export function fragmentBlocks(body: Y.XmlFragment | Y.XmlElement): Block[] {
  const out: Block[] = [];
  for (const node of body.toArray()) readNode(node, out);
  return out;
}

function readNode(node: unknown, out: Block[]): void {
  if (node instanceof Y.XmlText) {
    out.push({ type: 'paragraph', level: 0, runs: textRuns(node) });
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  switch (node.nodeName) {
    case 'heading': {
      const level = Number(node.getAttribute('level' as never) ?? 1);
      out.push({ type: 'paragraph', level: clampLevel(level), runs: elementRuns(node) });
      return;
    }
    case 'paragraph':
      out.push({ type: 'paragraph', level: 0, ...alignOf(node), runs: elementRuns(node) });
      return;
    case 'pageBreak':
    case 'horizontalRule':
      out.push({ type: 'pageBreak' });
      return;
    case 'table':
      out.push({ type: 'table', rows: node.toArray().filter(isElement).map((row) => row.toArray().filter(isElement).map(cellRuns)) });
      return;
    default:
      // Lists, quotes and anything newer: their blocks in order (list items keep their text).
      for (const child of node.toArray()) readNode(child, out);
  }
}

const isElement = (n: unknown): n is Y.XmlElement => n instanceof Y.XmlElement;
const clampLevel = (n: number): 1 | 2 | 3 | 4 => (n >= 1 && n <= 4 ? (Math.floor(n) as 1 | 2 | 3 | 4) : 4);

function alignOf(node: Y.XmlElement): { align?: 'center' | 'right' } {
  const a = node.getAttribute('textAlign' as never) as unknown;
  return a === 'center' || a === 'right' ? { align: a } : {};
}

/** A table cell's paragraphs as one run list, paragraphs separated by a line break. */
function cellRuns(cell: Y.XmlElement): Run[] {
  const blocks = fragmentBlocks(cell);
  const runs: Run[] = [];
  blocks.forEach((b, i) => {
    if (i > 0) runs.push({ text: '\n' });
    if (b.type === 'paragraph') runs.push(...b.runs);
  });
  return runs;
}

function elementRuns(node: Y.XmlElement): Run[] {
  const runs: Run[] = [];
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) runs.push(...textRuns(child));
    else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') runs.push({ text: '\n' });
    else if (child instanceof Y.XmlElement) runs.push(...elementRuns(child));
  }
  return runs;
}

type Attrs = Record<string, unknown> | undefined;

export function textRuns(text: Y.XmlText): Run[] {
  const delta = text.toDelta() as Array<{ insert?: unknown; attributes?: Attrs }>;
  return delta.filter((op) => typeof op.insert === 'string').map((op) => runOf(op.insert as string, op.attributes));
}

export function runOf(text: string, attrs: Attrs): Run {
  const run: Run = { text };
  if (!attrs) return run;
  if (attrs.bold !== undefined) run.bold = true;
  if (attrs.italic !== undefined) run.italic = true;
  if (attrs.underline !== undefined) run.underline = true;
  const s = suggestionOf(attrs);
  if (s) run.suggestion = s;
  return run;
}

/** The suggestion mark of a run's attributes (y-tiptap may suffix overlapping marks' names: `insertion--hash`). */
export function suggestionOf(attrs: Record<string, unknown>): Run['suggestion'] | null {
  for (const [name, value] of Object.entries(attrs)) {
    const kind = name.startsWith('insertion') ? 'ins' : name.startsWith('deletion') ? 'del' : null;
    if (!kind) continue;
    const id = (value as { id?: unknown } | null)?.id;
    const info = parseSuggestionId(id) ?? { id: String(id), author: { login: '', name: '未知' }, at: '' };
    return { kind, ...info };
  }
  return null;
}

/** 清稿: the text as it will be issued — pending insertions kept, pending deletions left out. */
export function cleanRuns(runs: Run[]): Run[] {
  return runs.filter((r) => r.suggestion?.kind !== 'del').map(({ suggestion: _s, ...rest }) => rest);
}

export function blockText(block: Block, clean = true): string {
  const runsText = (runs: Run[]) => (clean ? cleanRuns(runs) : runs).map((r) => r.text).join('');
  if (block.type === 'paragraph') return runsText(block.runs);
  if (block.type === 'table') return block.rows.map((row) => row.map(runsText).join('\t')).join('\n');
  return '';
}

/** 清稿 as plain text: one line per paragraph, table rows tab-separated, page breaks as form feeds. */
export function cleanText(blocks: Block[]): string {
  return blocks.map((b) => (b.type === 'pageBreak' ? '\f' : blockText(b))).join('\n');
}

/** Pending suggestions in the body, each once (a suggestion may span several runs). */
export function pendingSuggestions(blocks: Block[]): Array<SuggestionInfo & { kind: 'ins' | 'del'; text: string }> {
  const byId = new Map<string, SuggestionInfo & { kind: 'ins' | 'del'; text: string }>();
  const visit = (runs: Run[]) => {
    for (const r of runs) {
      if (!r.suggestion) continue;
      const known = byId.get(r.suggestion.id + r.suggestion.kind);
      if (known) known.text += r.text;
      else byId.set(r.suggestion.id + r.suggestion.kind, { ...r.suggestion, text: r.text });
    }
  };
  for (const b of blocks) {
    if (b.type === 'paragraph') visit(b.runs);
    else if (b.type === 'table') b.rows.forEach((row) => row.forEach(visit));
  }
  return [...byId.values()];
}
