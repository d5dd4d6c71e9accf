import type { Composition, FlowBlock, FontRole } from './compose';
import type { BrokenLine } from './line-break';
import {
  BODY_SIZE,
  CHAR_PITCH,
  LINE_PITCH,
  SIZE,
  TEXT_BOTTOM,
  TEXT_LEFT,
  TEXT_TOP,
  TEXT_WIDTH,
  baselineInLine,
  mm,
} from './metrics';
import type { FlowLine, HeaderGeometry, Pagination } from './paginate';

/** Drawing on pdfkit pages, from the geometry computed in paginate.ts. y grows downwards, in pt. */

export const RED = '#E60012';
const TEXT_RIGHT = TEXT_LEFT + TEXT_WIDTH;
/** The em dash's stroke sits about 0.27 em above the baseline in CJK fonts. */
const DASH_HEIGHT = 0.27;

type Doc = PDFKit.PDFDocument;

/**
 * The registered pdfkit font name of each face. Faces that share a file (仿宋, 楷体 and 宋体 all
 * falling back to Noto Serif CJK SC) share one registration: pdfkit does not cache a second name
 * for the same font and would re-read the whole .ttc on every doc.font() call.
 */
const registry = new WeakMap<Doc, { faces: Record<FontRole, string>; advances: Map<string, number> }>();
export function useFaces(doc: Doc, faces: Record<FontRole, string>): void {
  registry.set(doc, { faces, advances: new Map() });
}
export const useFont = (doc: Doc, role: FontRole): Doc => doc.font(registry.get(doc)?.faces[role] ?? role);

/** A string at natural spacing, starting at x. */
function plain(doc: Doc, font: FontRole, size: number, text: string, x: number, baseline: number, color = 'black'): void {
  useFont(doc, font).fontSize(size).fillColor(color).text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic' });
}

const widthOf = (doc: Doc, font: FontRole, size: number, text: string): number => useFont(doc, font).fontSize(size).widthOfString(text);

/** Advance of one character in em, per face (a run is only drawn in one call if all advances match). */
function advance(doc: Doc, font: FontRole, ch: string): number {
  const cache = registry.get(doc)?.advances ?? new Map<string, number>();
  const key = `${font}:${ch}`;
  let a = cache.get(key);
  if (a === undefined) {
    a = useFont(doc, font).fontSize(100).widthOfString(ch, { features: [] }) / 100;
    cache.set(key, a);
  }
  return a;
}

/**
 * Characters of a broken line at their grid positions; `fontAt(i)` gives the face of the ith.
 * Consecutive characters of one face, one advance and an even stride are drawn as one string with
 * character spacing (stride − advance): the same positions, far fewer pdfkit calls, and text that
 * extracts as words rather than single characters.
 */
function gridLine(doc: Doc, line: BrokenLine, x0: number, pitch: number, size: number, baseline: number, fontAt: (i: number) => FontRole): void {
  const chars = line.chars;
  let i = 0;
  while (i < chars.length) {
    const start = chars[i] as (typeof chars)[number];
    const font = fontAt(i);
    const adv = advance(doc, font, start.ch);
    const stride = (chars[i + 1]?.x ?? Infinity) - start.x;
    let j = i + 1;
    while (
      j < chars.length &&
      fontAt(j) === font &&
      advance(doc, font, chars[j]?.ch ?? '') === adv &&
      Math.abs((chars[j]?.x ?? 0) - (chars[j - 1]?.x ?? 0) - stride) < 1e-6
    ) {
      j++;
    }
    const text = chars.slice(i, j).map((c) => c.ch).join('');
    const spacing = j - i > 1 ? stride * pitch - adv * size : 0;
    if (text.trim() !== '') {
      useFont(doc, font).fontSize(size).fillColor('black').text(text, x0 + start.x * pitch, baseline, {
        lineBreak: false,
        baseline: 'alphabetic',
        characterSpacing: spacing,
        features: [],
      });
    }
    i = j;
  }
}

export function drawHeader(doc: Doc, comp: Composition, g: HeaderGeometry): void {
  comp.topLines.forEach((text, i) => plain(doc, 'heiti', BODY_SIZE, text, TEXT_LEFT, baselineInLine(g.topLineTops[i] ?? TEXT_TOP, LINE_PITCH, BODY_SIZE)));

  // 发文机关标志: red, centred, squeezed horizontally when wider than the 版心.
  const natural = widthOf(doc, 'xiaobiaosong', g.markSize, comp.mark);
  const scale = Math.min(1, TEXT_WIDTH / natural);
  const markBaseline = g.markTop + 0.88 * g.markSize;
  doc.save();
  doc.translate(TEXT_LEFT + (TEXT_WIDTH - natural * scale) / 2, 0).scale(scale, 1);
  plain(doc, 'xiaobiaosong', g.markSize, comp.mark, 0, markBaseline, RED);
  doc.restore();

  const last = g.numberLineTops.length - 1;
  const numberBaseline = baselineInLine(g.numberLineTops[last] ?? 0, LINE_PITCH, BODY_SIZE);
  if (comp.signers.length === 0) {
    plain(doc, 'fangsong', BODY_SIZE, comp.docNumber, TEXT_LEFT + (TEXT_WIDTH - widthOf(doc, 'fangsong', BODY_SIZE, comp.docNumber)) / 2, numberBaseline);
  } else {
    // 上行文: 发文字号居左空一字; 签发人 (仿宋) and names (楷体) 居右空一字, two names a line.
    plain(doc, 'fangsong', BODY_SIZE, comp.docNumber, TEXT_LEFT + CHAR_PITCH, numberBaseline);
    // Later rows start under the first name (回行时与上一行第一个签发人姓名对齐).
    const label = '签发人：';
    const rows = g.numberLineTops.map((_, row) => comp.signers.slice(row * 2, row * 2 + 2).join('　'));
    const namesX = TEXT_RIGHT - CHAR_PITCH - widthOf(doc, 'kaiti', BODY_SIZE, rows[0] ?? '');
    g.numberLineTops.forEach((top, row) => {
      const baseline = baselineInLine(top, LINE_PITCH, BODY_SIZE);
      if (row === 0) plain(doc, 'fangsong', BODY_SIZE, label, namesX - widthOf(doc, 'fangsong', BODY_SIZE, label), baseline);
      plain(doc, 'kaiti', BODY_SIZE, rows[row] ?? '', namesX, baseline);
    });
  }
  doc.save().moveTo(TEXT_LEFT, g.ruleY).lineTo(TEXT_RIGHT, g.ruleY).lineWidth(mm(0.5)).strokeColor(RED).stroke().restore();
}

function fontOf(block: FlowBlock, index: number): FontRole {
  let end = 0;
  for (const run of block.runs) {
    end += Array.from(run.text).length;
    if (index < end) return run.font;
  }
  return block.runs.at(-1)?.font ?? 'fangsong';
}

/** Flow lines of one page; returns the top of each drawn line for the seal placement. */
export function drawFlow(doc: Doc, lines: FlowLine[], top: number): Map<FlowLine, number> {
  const tops = new Map<FlowLine, number>();
  lines.forEach((fl, i) => {
    const lineTop = top + i * LINE_PITCH;
    tops.set(fl, lineTop);
    const { block, line } = fl;
    const baseline = baselineInLine(lineTop, LINE_PITCH, block.size);
    const x0 = block.align === 'center' ? TEXT_LEFT + (TEXT_WIDTH - line.end * block.pitch) / 2 : TEXT_LEFT;
    gridLine(doc, line, x0, block.pitch, block.size, baseline, (k) => fontOf(block, fl.charOffset + k));
  });
  return tops;
}

/** Where a seal goes: centred on the 成文日期 line, a little above it. */
function sealCentre(date: FlowLine, dateTop: number): { centreX: number; centreY: number } {
  return { centreX: TEXT_LEFT + ((date.line.chars[0]?.x ?? 0) + date.line.end) / 2 * date.block.pitch, centreY: dateTop - 0.2 * LINE_PITCH };
}

/** 印章 placeholder: a dashed red circle, 42 mm, centred on the 成文日期 and a little above it. */
export function drawSealPlaceholder(doc: Doc, date: FlowLine, dateTop: number): void {
  const { centreX, centreY } = sealCentre(date, dateTop);
  doc.save().circle(centreX, centreY, mm(21)).lineWidth(1).dash(4, { space: 3 }).strokeColor(RED).stroke().undash().restore();
  const label = '印章位置';
  plain(doc, 'songti', SIZE.小四, label, centreX - widthOf(doc, 'songti', SIZE.小四, label) / 2, centreY - mm(12), RED);
}

/** A verified seal's picture, centred where the placeholder goes (压年盖月: over the 成文日期). */
export function drawSealImage(doc: Doc, date: FlowLine, dateTop: number, seal: { png: Uint8Array; widthMm: number }): void {
  const { centreX, centreY } = sealCentre(date, dateTop);
  const size = mm(Math.min(Math.max(seal.widthMm, 20), 50));
  doc.image(Buffer.from(seal.png), centreX - size / 2, centreY - size / 2, { width: size, height: size });
}

/** 版记 at the bottom of the 版心: thick rules first and last, thin rules between the elements. */
export function drawBanji(doc: Doc, banji: NonNullable<Pagination['banji']>, printer: string, printDate: string): void {
  const size = SIZE.四号;
  const total = banji.lines.length + 1;
  const top = TEXT_BOTTOM - total * LINE_PITCH;
  const rule = (y: number, thicknessMm: number): void => {
    doc.save().moveTo(TEXT_LEFT, y).lineTo(TEXT_RIGHT, y).lineWidth(mm(thicknessMm)).strokeColor('black').stroke().restore();
  };
  rule(top, 0.35);
  banji.lines.forEach((line, i) => {
    gridLine(doc, line, TEXT_LEFT, size, size, baselineInLine(top + i * LINE_PITCH, LINE_PITCH, size), () => 'fangsong');
  });
  banji.groupEnds.forEach((end) => rule(top + end * LINE_PITCH, 0.25));
  const baseline = baselineInLine(TEXT_BOTTOM - LINE_PITCH, LINE_PITCH, size);
  plain(doc, 'fangsong', size, printer, TEXT_LEFT + size, baseline);
  plain(doc, 'fangsong', size, printDate, TEXT_RIGHT - size - widthOf(doc, 'fangsong', size, printDate), baseline);
  rule(TEXT_BOTTOM, 0.35);
}

/** "— 1 —" in 4号: 一字线上距版心下边缘7mm; odd pages 居右空一字, even pages 居左空一字. */
export function drawPageNumber(doc: Doc, page: number): void {
  const size = SIZE.四号;
  const text = `— ${page} —`;
  const baseline = TEXT_BOTTOM + mm(7) + DASH_HEIGHT * size;
  const w = widthOf(doc, 'songti', size, text);
  plain(doc, 'songti', size, text, page % 2 === 1 ? TEXT_RIGHT - size - w : TEXT_LEFT + size, baseline);
}
