import {
  AlignmentType,
  DeletedTextRun,
  Document,
  InsertedTextRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, Run } from '../../core/records/body-blocks';
import type { FontRole } from './compose';
import { DOCUMENT_STYLES, LINE, SECTION_PROPERTIES, cells, pageNumberFooter, runOptions } from './docx';
import { withFontFallbacks } from './docx-fonts';
import { BODY_SIZE } from './metrics';

/**
 * The editor's 正文 as a Word file on the 9704 page (docx.ts's frame, fonts and spacing), with
 * every pending 修订 as a real Word revision — `w:ins` / `w:del` with its author and date — so a
 * colleague in WPS or Word sees the same suggestions and can accept them there. Headings follow
 * 9704: 一、 黑体, （一） 楷体, 1． and （1） 仿宋; paragraphs indented two characters.
 */
const HEADING_FONT: Record<number, FontRole> = { 0: 'fangsong', 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

export interface BodyDocxMeta {
  title: string;
  creator?: string;
}

export async function renderBodyDocx(blocks: Block[], meta: BodyDocxMeta): Promise<Buffer> {
  const ids = { next: 1 };
  const children: Array<Paragraph | Table> = [];
  let breakNext = false;
  for (const b of blocks) {
    if (b.type === 'pageBreak') {
      breakNext = true;
      continue;
    }
    if (b.type === 'table') {
      children.push(table(b.rows, ids));
      continue;
    }
    const role = HEADING_FONT[b.level] ?? 'fangsong';
    children.push(
      new Paragraph({
        spacing: LINE,
        pageBreakBefore: breakNext,
        indent: b.align ? {} : { firstLine: cells(2) },
        alignment: b.align === 'center' ? AlignmentType.CENTER : b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.BOTH,
        children: runs(b.runs, role, ids),
      }),
    );
    breakNext = false;
  }
  if (breakNext) children.push(new Paragraph({ children: [new PageBreak()] }));
  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? 'Xietong 协同办公',
    evenAndOddHeaderAndFooters: true,
    styles: DOCUMENT_STYLES,
    sections: [{ properties: SECTION_PROPERTIES, footers: { default: pageNumberFooter(true), even: pageNumberFooter(false) }, children }],
  });
  return withFontFallbacks(await Packer.toBuffer(doc));
}

function runs(list: Run[], role: FontRole, ids: { next: number }): ParagraphChild[] {
  return list.map((r) => {
    const base = { text: r.text, ...runOptions(role, BODY_SIZE), ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italics: true } : {}) };
    if (!r.suggestion) return new TextRun(base);
    const change = { id: ids.next++, author: r.suggestion.author.name || r.suggestion.author.login, date: r.suggestion.at || new Date(0).toISOString() };
    return r.suggestion.kind === 'ins' ? new InsertedTextRun({ ...base, ...change }) : new DeletedTextRun({ ...base, ...change });
  });
}

function table(rows: Run[][][], ids: { next: number }): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (row) =>
        new TableRow({
          children: row.map((cell) => new TableCell({ children: [new Paragraph({ spacing: LINE, children: runs(cell, 'fangsong', ids) })] })),
        }),
    ),
  });
}
