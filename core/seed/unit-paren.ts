import { canonicalUnitName, expandUnitGroup } from '../directory/units';
import type { SeedProblem } from './types';

const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);

/** The trailing (牵头单位:…;责任单位:…) of a point, located in its joined text. */
export interface UnitParen {
  start: number;
  /** Offset just after the closing bracket. */
  end: number;
}

/** An opening bracket followed by a label such as 牵头单位 / 责任单位 and a colon. */
const LABELLED_OPEN = /[(（]\s*[\u4e00-\u9fff]{2,4}\s*[:：]/g;

/**
 * The unit parenthesis, if the text ends with one (a trailing full stop is tolerated).
 * Brackets are matched by depth so 市工信局(大数据局) inside it does not end it; candidates
 * are tried from the last so brackets earlier in the point (城市信息模型(CIM)) never match.
 */
export function findUnitParen(text: string): UnitParen | null {
  const starts = [...text.matchAll(LABELLED_OPEN)].map((m) => m.index);
  for (const start of starts.reverse()) {
    let depth = 0;
    for (let i = start; i < text.length; i += 1) {
      const ch = text[i] ?? '';
      if (OPEN.has(ch)) depth += 1;
      else if (CLOSE.has(ch)) depth -= 1;
      if (depth !== 0) continue;
      if (/^[\s.。．]*$/.test(text.slice(i + 1))) return { start, end: i + 1 };
      break;
    }
  }
  return null;
}

/** Splits at separators outside brackets, keeping each piece's offset. */
function splitTopLevel(s: string, offset: number, separators: readonly string[]): Array<{ text: string; at: number }> {
  const pieces: Array<{ text: string; at: number }> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i] ?? '';
    if (OPEN.has(ch)) depth += 1;
    else if (CLOSE.has(ch)) depth = Math.max(0, depth - 1);
    if (depth !== 0) continue;
    const sep = separators.find((candidate) => s.startsWith(candidate, i));
    if (sep === undefined) continue;
    pieces.push({ text: s.slice(from, i), at: offset + from });
    from = i + sep.length;
    i = from - 1;
  }
  pieces.push({ text: s.slice(from), at: offset + from });
  return pieces;
}

const LABELS: Readonly<Record<string, 'lead' | 'responsible'>> = { 牵头单位: 'lead', 责任单位: 'responsible' };
/** 以及 and 及其他 join two lists (…市应急局等以及思明区, 市发改委(信用办)及其他市直各部门). */
const LIST_SEPARATORS = ['、', ',', '，', '以及', '及其他'];

/** Wording around names that is not part of any name. */
function cleanName(raw: string): string {
  let name = raw.trim().replace(/按职责落实$/, '').trim();
  name = name.replace(/等$/, '').replace(/^其他/, '').trim();
  return canonicalUnitName(name);
}

function badName(name: string): string | null {
  if (name === '') return '单位名称为空';
  if (/[:：;；.。]/.test(name)) return '单位名称含有标点,可能是未识别的格式';
  let depth = 0;
  for (const ch of name) {
    depth += OPEN.has(ch) ? 1 : CLOSE.has(ch) ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0) return '单位名称括号不配对';
  if (name.length > 30) return '单位名称过长,可能是未识别的格式';
  return null;
}

export interface ParsedUnits {
  lead: string[];
  responsible: string[];
  problems: SeedProblem[];
}

/** Reads (牵头单位:…;责任单位:…); anything it cannot read becomes a problem at its line. */
export function parseUnitParen(text: string, paren: UnitParen, lineAt: (offset: number) => number): ParsedUnits {
  const result: ParsedUnits = { lead: [], responsible: [], problems: [] };
  const innerStart = paren.start + 1;
  const inner = text.slice(innerStart, paren.end - 1);
  for (const clause of splitTopLevel(inner, innerStart, [';', '；'])) {
    const m = /^\s*([^:：()（）]+?)\s*[:：]/.exec(clause.text);
    const kind = m?.[1] === undefined ? undefined : LABELS[m[1]];
    if (!m || !kind) {
      const reason = m ? `未知的单位类别“${m[1]}”` : '缺少“牵头单位:”或“责任单位:”';
      result.problems.push({ line: lineAt(clause.at), text: clause.text, reason });
      continue;
    }
    const list = result[kind];
    const bodyAt = clause.at + m[0].length;
    for (const piece of splitTopLevel(clause.text.slice(m[0].length), bodyAt, LIST_SEPARATORS)) {
      const name = cleanName(piece.text);
      const bad = badName(name);
      if (bad) {
        result.problems.push({ line: lineAt(piece.at), text: piece.text, reason: bad });
        continue;
      }
      for (const unit of expandUnitGroup(name)) if (!list.includes(unit)) list.push(unit);
    }
  }
  return result;
}
