import { blockLines, type Composition, type FlowBlock } from './compose';
import type { BrokenLine, Measure } from './line-break';
import { breakLines, defaultMeasure } from './line-break';
import { BODY_SIZE, LINE_PITCH, LINES_PER_PAGE, SIZE, TEXT_BOTTOM, TEXT_TOP, TEXT_WIDTH, baselineInLine, mm } from './metrics';

/**
 * Vertical layout: where the 版头 elements go on the first page, how the flow is cut into pages of
 * 22 lines, and where the 版记 goes. Pure, so the PDF and DOCX renderers (and tests) agree.
 */

export interface HeaderGeometry {
  /** Tops of the line boxes of 份号/紧急程度. */
  topLineTops: number[];
  markTop: number;
  markSize: number;
  /** Tops of the 签发人 line boxes; the 发文字号 shares the last one (or has its own). */
  numberLineTops: number[];
  ruleY: number;
  /** Top of the title's first line. */
  flowTop: number;
}

export interface HeaderOptions {
  /** 发文机关标志 size in pt (its width is then squeezed to fit the 版心). Default 48. */
  markSize?: number;
}

/**
 * 48 pt (17 mm) tall, squeezed to the 版心 width: the standard only asks for 醒目、美观、庄重, and
 * this keeps a one-page notice such as 厦府办〔2022〕47号 on one page, as printed.
 */
export const DEFAULT_MARK_SIZE = 48;
/** Space between a line box's top and its characters' em box. */
const leading = (size: number): number => (LINE_PITCH - size) / 2;

export function headerGeometry(comp: Composition, options: HeaderOptions = {}): HeaderGeometry {
  const markSize = options.markSize ?? DEFAULT_MARK_SIZE;
  const topLineTops = comp.topLines.map((_, i) => TEXT_TOP + i * LINE_PITCH);
  // 发文机关标志上边缘至版心上边缘为35mm.
  const markTop = TEXT_TOP + mm(35);
  // 发文字号: 发文机关标志下空二行 — two empty lines between the characters themselves, so the
  // 发文字号's line box starts half its leading earlier. 签发人 two to a line, the 发文字号 beside the last.
  const firstNumberTop = markTop + markSize + 2 * LINE_PITCH - leading(BODY_SIZE);
  const lines = Math.max(1, Math.ceil(comp.signers.length / 2));
  const numberLineTops = Array.from({ length: lines }, (_, i) => firstNumberTop + i * LINE_PITCH);
  const lastTop = numberLineTops.at(-1) ?? firstNumberTop;
  // 红色分隔线: 发文字号之下4mm (below the characters' em box).
  const ruleY = baselineInLine(lastTop, LINE_PITCH, BODY_SIZE) + 0.12 * BODY_SIZE + mm(4);
  // 标题: 红色分隔线下空二行 (again measured to the characters).
  return { topLineTops, markTop, markSize, numberLineTops, ruleY, flowTop: ruleY + 2 * LINE_PITCH - leading(SIZE.二号) };
}

export interface FlowLine {
  block: FlowBlock;
  line: BrokenLine;
  /** Index of the line's first character in the block's text, to find its run (font). */
  charOffset: number;
  keepWithNext: boolean;
}

export interface Pagination {
  pages: FlowLine[][];
  /** Lines the first page holds below the 版头. */
  firstPageLines: number;
  banji: { page: number; lines: BrokenLine[]; groupEnds: number[] } | null;
}

export const linesThatFit = (top: number): number => Math.floor((TEXT_BOTTOM - top) / LINE_PITCH + 1e-6);

/** 版记 groups in 4号, 左右各空一字, wrapped lines aligned after the colon. */
export function banjiLines(groups: string[], measure: Measure = defaultMeasure): { lines: BrokenLine[]; groupEnds: number[] } {
  const cells = TEXT_WIDTH / SIZE.四号;
  const lines: BrokenLine[] = [];
  const groupEnds: number[] = [];
  for (const g of groups) {
    const colon = g.indexOf('：') + 1;
    const lead = Array.from(g.slice(0, colon)).reduce((w, ch) => w + measure(ch), 0);
    lines.push(...breakLines(g, { cells: cells - 1, firstIndent: 1, restIndent: 1 + lead, measure }));
    groupEnds.push(lines.length);
  }
  return { lines, groupEnds };
}

export function paginate(
  comp: Composition,
  flowTop: number,
  measureFor: (block: FlowBlock) => Measure | undefined = () => undefined,
  banjiMeasure: Measure = defaultMeasure,
): Pagination {
  const lines: FlowLine[] = comp.flow.flatMap((block) => {
    let offset = 0;
    const broken = blockLines(block, measureFor(block));
    return broken.map((line, i) => {
      const charOffset = offset;
      offset += line.chars.length;
      return { block, line, charOffset, keepWithNext: i === broken.length - 1 && block.keepWithNext };
    });
  });
  const firstPageLines = linesThatFit(flowTop);
  const pages: FlowLine[][] = [[]];
  const capacity = (): number => (pages.length === 1 ? firstPageLines : LINES_PER_PAGE);
  for (let i = 0; i < lines.length; i++) {
    let chain = 1; // this line and the lines kept with it
    while (lines[i + chain - 1]?.keepWithNext && i + chain < lines.length) chain++;
    const page = pages.at(-1) ?? [];
    const full = page.length + 1 > capacity();
    const chainBreaks = page.length > 0 && page.length + chain > capacity() && chain <= LINES_PER_PAGE;
    if (full || chainBreaks) pages.push([]);
    pages.at(-1)?.push(lines[i] as FlowLine);
  }
  let banji: Pagination['banji'] = null;
  if (comp.banji) {
    const { lines: bl, groupEnds } = banjiLines(comp.banji.groups, banjiMeasure);
    const needed = bl.length + 1; // + 印发机关和印发日期
    banji = { page: banjiPage(pages, needed, capacity), lines: bl, groupEnds };
  }
  return { pages, firstPageLines, banji };
}

/** Page numbers count from 1: index 1 is page 2. */
const isEvenPage = (index: number): boolean => index % 2 === 1;

/**
 * GB/T 9704: the 版记 is on the last page, and printed two-sided that is an even page (封四).
 * - the flow ends on an even page with room: at its bottom;
 * - it ends on an odd page: on the next page (even) by itself;
 * - it ends on a full even page: the last lines (with those kept with them) move to the next,
 *   odd page and the 版记 takes the one after, so it never stands alone behind a blank page.
 * Adds the pages it needs to `pages`; returns the 版记's page index.
 */
function banjiPage(pages: FlowLine[][], needed: number, capacity: () => number): number {
  const last = pages.length - 1;
  const used = pages[last]?.length ?? 0;
  if (isEvenPage(last) && used + needed <= capacity()) return last;
  if (!isEvenPage(last)) return pages.push([]) - 1;
  const page = pages[last] ?? [];
  let from = page.length - 1;
  while (from > 0 && page[from - 1]?.keepWithNext) from--;
  // A page that is one kept chain still gives up its last line rather than leave a blank page.
  const carried = page.splice(from > 0 ? from : Math.max(0, page.length - 1));
  pages.push(carried);
  return pages.push([]) - 1;
}
