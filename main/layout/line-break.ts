/**
 * Chinese line breaking on a character grid, with 避头尾: no line starts with closing punctuation
 * and no line ends with opening punctuation. We do this ourselves because pdfkit breaks lines the
 * Latin way (at spaces), which for Chinese means one endless line or arbitrary breaks.
 *
 * Widths are in grid cells (1 = one full-width character). When a line would start with a
 * forbidden character, characters are pushed down from the end of the previous line (the 推出
 * method), and that shorter line is justified to the full width. We do not squeeze punctuation
 * into half cells (标点挤压): a full-width glyph in half a cell overlaps its neighbour, and text
 * extraction (pdftotext, copy and paste, the search index) then splits the line.
 */

/** 点号, closing quotes and brackets: never at the start of a line. */
export const NO_LINE_START = new Set(Array.from('，。、；：？！）」』》〉】〕〗’”…·‰℃％,.;:?!)]}%'));
/** Opening quotes and brackets: never at the end of a line. */
export const NO_LINE_END = new Set(Array.from('（「『《〈【〔〖‘“([{'));

export type Measure = (ch: string) => number;

/** Full width for CJK, full-width forms and Chinese punctuation; half a cell for ASCII and the like. */
export const defaultMeasure: Measure = (ch) => {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x2e80 || (c >= 0x2010 && c <= 0x206f && ch !== '·')) return 1;
  return c >= 0xff61 && c <= 0xffdc ? 0.5 : c < 0x1100 ? 0.5 : 1;
};

export interface LineOptions {
  /** Line width in cells (28 for body text). */
  cells: number;
  /** Indent of the first line and of the following lines, in cells. */
  firstIndent?: number;
  restIndent?: number;
  measure?: Measure;
  /** Stretch every line but the last to the full width (撑满). Default true. */
  justify?: boolean;
}

export interface PlacedChar {
  ch: string;
  /** Offset from the line's start (the text area's left edge), in cells. */
  x: number;
  width: number;
}

export interface BrokenLine {
  text: string;
  chars: PlacedChar[];
  /** Cells used, from the left edge of the text area. */
  end: number;
}

/** Units never split across lines: numbers and Latin words (2022, 5G, App), —— and ……. */
function splitUnits(text: string): string[] {
  return text.match(/[0-9A-Za-z][0-9A-Za-z.%‰:/_-]*[0-9A-Za-z%‰]|——|……|./gsu) ?? [];
}

interface Unit {
  text: string;
  width: number;
}

const first = (u: Unit | undefined): string => Array.from(u?.text ?? '')[0] ?? '';
const last = (u: Unit | undefined): string => Array.from(u?.text ?? '').at(-1) ?? '';
export function breakLines(text: string, options: LineOptions): BrokenLine[] {
  const measure = options.measure ?? defaultMeasure;
  const widthOf = (u: string): number => Array.from(u).reduce((s, ch) => s + measure(ch), 0);
  const unit = (t: string): Unit => ({ text: t, width: widthOf(t) });
  const pending: Unit[] = splitUnits(text).flatMap((t) => (widthOf(t) > options.cells / 2 ? Array.from(t).map(unit) : [unit(t)]));
  const lines: Unit[][] = [];
  let line: Unit[] = [];
  let used = 0;
  const capacity = (): number => options.cells - (lines.length === 0 ? (options.firstIndent ?? 0) : (options.restIndent ?? 0));

  for (let i = 0; i < pending.length; i++) {
    const u = pending[i] as Unit;
    if (line.length === 0 || used + u.width <= capacity() + 1e-9) {
      line.push(u);
      used += u.width;
      continue;
    }
    // Break before u: push units down while the next line would start badly or this one end badly.
    const carried: Unit[] = [u];
    while (line.length > 1 && (NO_LINE_START.has(first(carried[0])) || NO_LINE_END.has(last(line.at(-1))))) {
      carried.unshift(line.pop() as Unit);
    }
    pending.splice(i, 1, ...carried);
    i--; // re-place the carried units on the new line
    lines.push(line);
    line = [];
    used = 0;
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l, n) => place(l, n, lines.length, options, measure));
}

function place(line: Unit[], n: number, count: number, options: LineOptions, measure: Measure): BrokenLine {
  const indent = n === 0 ? (options.firstIndent ?? 0) : (options.restIndent ?? 0);
  const chars = line.flatMap((u) => Array.from(u.text).map((ch) => ({ ch, width: measure(ch) })));
  const natural = chars.reduce((s, c) => s + c.width, 0);
  const slack = options.cells - indent - natural;
  const stretch = (options.justify ?? true) && n < count - 1 && chars.length > 1 && slack > 1e-9 ? slack / (chars.length - 1) : 0;
  const placed: PlacedChar[] = [];
  let x = indent;
  for (const c of chars) {
    placed.push({ ch: c.ch, x, width: c.width });
    x += c.width + stretch;
  }
  return { text: chars.map((c) => c.ch).join(''), chars: placed, end: x - stretch };
}
