import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IBorderOptions,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { AppError } from '../../core/result';
import { compose, type Composition, type FlowBlock, type FontRole } from './compose';
import { withFontFallbacks } from './docx-fonts';
import { DOCX_FONT } from './fonts';
import { defaultMeasure } from './line-break';
import {
  BODY_SIZE,
  CHARS_PER_LINE,
  CHAR_PITCH,
  DOCX_LINE_PITCH_TWIPS,
  LINES_PER_PAGE,
  MARGIN_BOTTOM_MM,
  MARGIN_MM,
  MARGIN_RIGHT_MM,
  PAGE_MM,
  SIZE,
  TEXT_TOP,
  TEXT_WIDTH,
  mm,
  twips,
} from './metrics';
import { validateOfficialDocument, type OfficialDocument, type OfficialDocumentInput } from './model';
import { DEFAULT_MARK_SIZE, headerGeometry, paginate } from './paginate';

/**
 * The same 公文 as a Word file. Word (or WPS, LibreOffice) lays the text out itself; we give it the
 * GB/T 9704 frame: A4, margins, exact 28.95 pt lines (22 a page) and 3号 text tightened to the
 * 28-character cell by run spacing, not by a character grid: LibreOffice snaps every paragraph
 * and the 48 pt 发文机关标志 to grid cells (the mark wrapped, the first page lost three lines),
 * and widow control, which reader defaults differ on, is off so pages break where ours do. Fonts
 * are named as installed on most machines (仿宋, 楷体, 黑体, 宋体) with declared fallbacks in the
 * font table (docx-fonts.ts).
 */

const RED = 'E60012';
export const LINE = { line: DOCX_LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT } as const;
export const cells = (n: number): number => twips(n * CHAR_PITCH);
const font = (role: FontRole) => ({ ascii: DOCX_FONT[role], eastAsia: DOCX_FONT[role], hAnsi: DOCX_FONT[role] });
/** 3号 glyphs are 16 pt, the cell 15.79 pt: −0.25 pt per character keeps 28 to a line in any reader. */
export const BODY_RUN_SPACING = Math.floor((CHAR_PITCH - BODY_SIZE) * 20);
export const runOptions = (role: FontRole, size: number): IRunOptions => ({
  font: font(role),
  size: size * 2,
  ...(size === BODY_SIZE ? { characterSpacing: BODY_RUN_SPACING } : {}),
});
const run = (text: string, role: FontRole, size: number, more: IRunOptions = {}) => new TextRun({ text, ...runOptions(role, size), ...more });
const width = (s: string): number => Array.from(s).reduce((w, ch) => w + defaultMeasure(ch), 0);

const WORD_PITCH = DOCX_LINE_PITCH_TWIPS / 20;
const RULE_PT = 11 / 8;

/**
 * The 版头, with paragraph spacing computed from the same geometry as the PDF so Word's first page
 * holds as many lines as ours (the 版记 filler depends on it). `titleBefore` is the title's spacing.
 */
function header(comp: Composition, markSize: number): { paragraphs: Paragraph[]; titleBefore: number } {
  const g = headerGeometry(comp, { markSize });
  const out = comp.topLines.map((t) => new Paragraph({ spacing: LINE, children: [run(t, 'heiti', BODY_SIZE)] }));
  let cursor = TEXT_TOP + comp.topLines.length * WORD_PITCH;
  // Word sets text at the bottom of an exact-height line: 1.2 em puts the em box 0.2 em below its top.
  const scale = Math.min(100, Math.floor((TEXT_WIDTH / (width(comp.mark) * markSize)) * 100));
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: twips(g.markTop - 0.2 * markSize - cursor), line: twips(1.2 * markSize), lineRule: LineRuleType.EXACT },
      children: [run(comp.mark, 'xiaobiaosong', markSize, { color: RED, scale })],
    }),
  );
  cursor = g.markTop + markSize;
  const lastTop = g.numberLineTops.at(-1) ?? cursor;
  // The red rule is the 发文字号 paragraph's bottom border, drawn `space` pt below its last line.
  const rule: IBorderOptions = { style: BorderStyle.SINGLE, size: 11, color: RED, space: Math.max(0, Math.round(g.ruleY - lastTop - WORD_PITCH)) };
  const titleBefore = twips(g.flowTop - (g.ruleY + RULE_PT));
  const before = twips((g.numberLineTops[0] ?? cursor) - cursor);
  if (comp.signers.length === 0) {
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...LINE, before },
        border: { bottom: rule },
        children: [run(comp.docNumber, 'fangsong', BODY_SIZE)],
      }),
    );
    return { paragraphs: out, titleBefore };
  }
  // 上行文: 发文字号居左空一字; 签发人 居右空一字, two names a line, later lines under the first
  // name. A right tab ends "签发人：" where the names start; the number shares the last line.
  const rows = g.numberLineTops.map((_, row) => comp.signers.slice(row * 2, row * 2 + 2).join('　'));
  const namesStart = cells(CHARS_PER_LINE - 1 - width(rows[0] ?? ''));
  for (const [row, names] of rows.entries()) {
    const last = row === rows.length - 1;
    out.push(
      new Paragraph({
        spacing: { ...LINE, before: row === 0 ? before : 0 },
        indent: { left: cells(1) },
        tabStops: [{ type: TabStopType.RIGHT, position: namesStart }],
        ...(last ? { border: { bottom: rule } } : {}),
        children: [
          run(last ? comp.docNumber : '', 'fangsong', BODY_SIZE),
          run(`\t${row === 0 ? '签发人：' : ''}`, 'fangsong', BODY_SIZE),
          run(names, 'kaiti', BODY_SIZE),
        ],
      }),
    );
  }
  return { paragraphs: out, titleBefore };
}

function flowParagraph(block: FlowBlock, before: number): Paragraph {
  const base: IParagraphOptions = { spacing: { ...LINE, before } };
  if (block.kind === 'blank') return new Paragraph(base);
  if (block.kind === 'title') {
    const lines = block.lines ?? [];
    return new Paragraph({
      ...base,
      alignment: AlignmentType.CENTER,
      children: lines.map((l, i) => run(l, 'xiaobiaosong', block.size, i > 0 ? { break: 1 } : {})),
    });
  }
  const children = block.runs.map((r) => run(r.text, r.font, block.size));
  if (block.kind === 'signature' || block.kind === 'date') {
    // Right-aligned so Word's own glyph widths cannot push the line past its 右空 position.
    const text = block.runs.map((r) => r.text).join('');
    return new Paragraph({ ...base, alignment: AlignmentType.RIGHT, indent: { right: cells(CHARS_PER_LINE - block.firstIndent - width(text)) }, children });
  }
  const hanging = block.restIndent - block.firstIndent;
  const indent =
    hanging > 0 ? { left: cells(block.restIndent), hanging: cells(hanging) } : { left: cells(block.restIndent), firstLine: cells(block.firstIndent - block.restIndent) };
  return new Paragraph({ ...base, alignment: block.align === 'justify' ? AlignmentType.BOTH : AlignmentType.LEFT, indent, children });
}

function banji(comp: Composition, fillerLines: number, newPage: boolean): Paragraph[] {
  if (!comp.banji) return [];
  const size = SIZE.四号;
  const charTw = twips(size);
  const thick: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };
  const fillers = Array.from({ length: fillerLines }, (_, i) => new Paragraph({ spacing: LINE, pageBreakBefore: newPage && i === 0 }));
  const groups = comp.banji.groups.map((g, i) => {
    const lead = width(g.slice(0, g.indexOf('：') + 1));
    return new Paragraph({
      spacing: LINE,
      pageBreakBefore: newPage && fillerLines === 0 && i === 0,
      indent: { left: charTw * (1 + lead), hanging: charTw * lead, right: charTw },
      border: { top: i === 0 ? thick : thin },
      children: [run(g, 'fangsong', size)],
    });
  });
  const printer = new Paragraph({
    spacing: LINE,
    indent: { left: charTw, right: charTw },
    tabStops: [{ type: TabStopType.RIGHT, position: twips(TEXT_WIDTH) - 2 * charTw }],
    border: { top: groups.length > 0 ? thin : thick, bottom: thick },
    children: [run(`${comp.banji.printer}\t${comp.banji.printDate}`, 'fangsong', size)],
  });
  return [...fillers, ...groups, printer];
}

/** "— 1 —", odd pages right and even pages left, 空一字. */
export function pageNumberFooter(odd: boolean): Footer {
  const indent = odd ? { right: twips(SIZE.四号) } : { left: twips(SIZE.四号) };
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent,
        spacing: { line: twips(SIZE.四号 * 1.2), lineRule: LineRuleType.EXACT },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('songti'), size: SIZE.四号 * 2 })],
      }),
    ],
  });
}

/** The 9704 page: A4, margins, exact lines (shared with the editor's body export, body-docx.ts). */
export const SECTION_PROPERTIES = {
  page: {
    size: { width: twips(mm(PAGE_MM.width)), height: twips(mm(PAGE_MM.height)) },
    margin: {
      top: twips(mm(MARGIN_MM.top)),
      bottom: twips(mm(MARGIN_BOTTOM_MM)),
      left: twips(mm(MARGIN_MM.left)),
      right: twips(mm(MARGIN_RIGHT_MM)),
      header: twips(mm(15)),
      // The "— 1 —" line: its dash 7 mm below the 版心, i.e. 28 mm above the page edge.
      footer: twips(mm(25.5)),
    },
  },
  grid: { type: DocumentGridType.DEFAULT, linePitch: DOCX_LINE_PITCH_TWIPS },
} as const;

export const DOCUMENT_STYLES = {
  default: {
    document: {
      run: { font: font('fangsong'), size: BODY_SIZE * 2, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
      paragraph: { spacing: LINE },
    },
  },
};

export interface DocxOptions {
  markSize?: number;
}

/** The 公文 as a .docx. Throws AppError BAD_INPUT for an invalid document. */
export async function renderDocx(input: OfficialDocument | OfficialDocumentInput, options: DocxOptions = {}): Promise<Buffer> {
  const valid = validateOfficialDocument(input);
  if (!valid.ok) throw new AppError(valid.error.code, valid.error.message, valid.error.details);
  const document = valid.value;
  const markSize = options.markSize ?? DEFAULT_MARK_SIZE;
  const comp = compose(document);
  const head = header(comp, markSize);
  const flow = comp.flow.map((b, i) => flowParagraph(b, i === 0 ? head.titleBefore : 0));
  // Push the 版记 to the bottom of the last page, counting lines as the PDF layout does.
  const layout = paginate(comp, headerGeometry(comp, { markSize }).flowTop);
  const last = layout.pages.length - 1;
  const newPage = layout.banji !== null && layout.banji.page === last && (layout.pages[last]?.length ?? 0) === 0;
  const capacity = last === 0 ? layout.firstPageLines : LINES_PER_PAGE;
  const used = newPage ? 0 : (layout.pages[last]?.length ?? 0);
  const fill = layout.banji ? Math.max(0, capacity - used - (layout.banji.lines.length + 1)) : 0;

  const doc = new Document({
    title: document.title.replace(/\n/g, ''),
    subject: document.docNumber,
    creator: 'Xietong 协同办公',
    evenAndOddHeaderAndFooters: true,
    styles: DOCUMENT_STYLES,
    sections: [
      {
        properties: SECTION_PROPERTIES,
        footers: { default: pageNumberFooter(true), even: pageNumberFooter(false) },
        children: [...head.paragraphs, ...flow, ...banji(comp, fill, newPage)],
      },
    ],
  });
  return withFontFallbacks(await Packer.toBuffer(doc));
}
