import PDFDocument from 'pdfkit';
import { AppError } from '../../core/result';
import { compose, type FlowBlock, type FontRole } from './compose';
import { describeFont, fontCandidates, ROLE_LABEL, type FontFile } from './fonts';
import { defaultMeasure, type Measure } from './line-break';
import { PAGE_MM, SIZE, TEXT_TOP, mm } from './metrics';
import { validateOfficialDocument, type OfficialDocument, type OfficialDocumentInput } from './model';
import { headerGeometry, paginate, type FlowLine } from './paginate';
import { drawBanji, drawFlow, drawHeader, drawPageNumber, drawSealImage, drawSealPlaceholder, useFaces, useFont } from './pdf-draw';

export interface PdfOptions {
  /** Folders to search for fonts instead of the OS font folders. */
  fontDirs?: string[];
  /** Explicit font files, tried before any found ones. */
  fonts?: Partial<Record<FontRole, FontFile>>;
  /** 发文机关标志 size in pt. */
  markSize?: number;
  /** Fixed creation date, for reproducible files. */
  creationDate?: Date;
  /**
   * The picture of a seal that was applied and verified (PNG, from its GB/T 38540 signature),
   * drawn where the placeholder would be (the document must have `seal: true`).
   */
  sealImage?: { png: Uint8Array; widthMm: number };
}

export interface PdfResult {
  pdf: Buffer;
  pages: number;
  /** Per face, the font used: '仿宋=Noto Serif CJK SC(替代字体) [NotoSerifCJK-Regular.ttc]'. */
  fonts: Record<FontRole, string>;
}

const ROLES: FontRole[] = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'songti'];

/** Registers the first candidate of each face that pdfkit can actually open; one registration per file and face. */
function registerFonts(doc: PDFKit.PDFDocument, options: PdfOptions): Record<FontRole, string> {
  const used = {} as Record<FontRole, string>;
  const faces = {} as Record<FontRole, string>;
  const registered = new Map<string, string>();
  for (const role of ROLES) {
    const explicit = options.fonts?.[role];
    const candidates = [...(explicit ? [explicit] : []), ...fontCandidates(role, options.fontDirs)];
    const chosen = candidates.find((f) => {
      const key = `${f.path}#${f.postscript ?? ''}`;
      const existing = registered.get(key);
      if (existing) {
        faces[role] = existing;
        return true;
      }
      try {
        doc.registerFont(role, f.path, f.postscript);
        doc.font(role);
        registered.set(key, role);
        faces[role] = role;
        return true;
      } catch {
        return false; // unreadable file or wrong face name: try the next one
      }
    });
    if (!chosen) {
      throw new AppError(
        'NOT_FOUND',
        `找不到可用的中文字体(${ROLE_LABEL[role]}):请安装公文字体(仿宋_GB2312、方正小标宋简体、黑体、楷体_GB2312)或 Noto CJK 字体(fonts-noto-cjk)`,
      );
    }
    used[role] = describeFont(role, chosen);
  }
  useFaces(doc, faces);
  return used;
}

/**
 * Measure in cells for a block: full-width characters take exactly one cell (the grid); others
 * their real advance in the block's main face.
 */
function fontMeasure(doc: PDFKit.PDFDocument, font: FontRole, size: number, pitch: number): Measure {
  const cache = new Map<string, number>();
  return (ch) => {
    if (defaultMeasure(ch) === 1) return 1;
    let w = cache.get(ch);
    if (w === undefined) {
      w = useFont(doc, font).fontSize(size).widthOfString(ch, { features: [] }) / pitch;
      cache.set(ch, w);
    }
    return w;
  };
}

export async function renderPdfDetailed(input: OfficialDocument | OfficialDocumentInput, options: PdfOptions = {}): Promise<PdfResult> {
  const valid = validateOfficialDocument(input);
  if (!valid.ok) throw new AppError(valid.error.code, valid.error.message, valid.error.details);
  const document = valid.value;
  const doc = new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    info: {
      Title: document.title.replace(/\n/g, ''),
      Subject: document.docNumber,
      Author: document.issuer,
      Creator: 'Xietong 协同办公',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const fonts = registerFonts(doc, options);
  // pdfkit writes every info key to the PDF's Info dictionary; record the substitutions there.
  (doc.info as Record<string, unknown>).XietongFonts = ROLES.map((r) => fonts[r]).join('; ');

  const comp = compose(document);
  const header = headerGeometry(comp, options.markSize === undefined ? {} : { markSize: options.markSize });
  const measures = new Map<string, Measure>();
  const measureFor = (block: FlowBlock): Measure => {
    const font = block.runs[0]?.font ?? 'fangsong';
    const key = `${font}:${block.size}:${block.pitch}`;
    if (!measures.has(key)) measures.set(key, fontMeasure(doc, font, block.size, block.pitch));
    return measures.get(key) as Measure;
  };
  const layout = paginate(comp, header.flowTop, measureFor, fontMeasure(doc, 'fangsong', SIZE.四号, SIZE.四号));
  const pageCount = layout.pages.length;
  let dateLine: { line: FlowLine; top: number } | null = null;
  for (let p = 0; p < pageCount; p++) {
    doc.addPage({ size: [mm(PAGE_MM.width), mm(PAGE_MM.height)], margin: 0 });
    if (p === 0) drawHeader(doc, comp, header);
    const lines = layout.pages[p] ?? [];
    const tops = drawFlow(doc, lines, p === 0 ? header.flowTop : TEXT_TOP);
    const date = lines.find((l) => l.block.kind === 'date');
    if (date) dateLine = { line: date, top: tops.get(date) ?? 0 };
    if (comp.seal && date && dateLine) {
      if (options.sealImage) drawSealImage(doc, dateLine.line, dateLine.top, options.sealImage);
      else drawSealPlaceholder(doc, dateLine.line, dateLine.top);
    }
    if (layout.banji?.page === p && comp.banji) drawBanji(doc, layout.banji, comp.banji.printer, comp.banji.printDate);
    drawPageNumber(doc, p + 1);
  }
  doc.end();
  await ended;
  return { pdf: Buffer.concat(chunks), pages: pageCount, fonts };
}

/** The 公文 as a GB/T 9704-2012 PDF. Throws AppError BAD_INPUT for an invalid document. */
export async function renderPdf(input: OfficialDocument | OfficialDocumentInput, options: PdfOptions = {}): Promise<Buffer> {
  return (await renderPdfDetailed(input, options)).pdf;
}
