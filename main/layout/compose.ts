import { chineseDate } from '../../core/calendar/iso-date';
import { breakLines, defaultMeasure, type Measure } from './line-break';
import { BODY_SIZE, CHAR_PITCH, CHARS_PER_LINE, SIZE, TEXT_WIDTH } from './metrics';
import type { BodyParagraph, OfficialDocument } from './model';

/**
 * The document as blocks with their GB/T 9704 placement (fonts, indents, blank lines), shared by
 * the PDF and DOCX renderers so both put every element in the same place.
 */
export type FontRole = 'fangsong' | 'xiaobiaosong' | 'heiti' | 'kaiti' | 'songti';
export interface Run {
  text: string;
  font: FontRole;
}

export interface FlowBlock {
  kind: 'title' | 'recipients' | 'paragraph' | 'attachment' | 'signature' | 'date' | 'note' | 'blank';
  runs: Run[];
  size: number;
  /** Points per cell for line breaking: the 28-per-line grid for 3号, the font size otherwise. */
  pitch: number;
  align: 'justify' | 'center' | 'left';
  firstIndent: number;
  restIndent: number;
  /** Fixed lines (the title's), else broken by breakLines. */
  lines?: string[];
  /** The block's last line stays on the page of the next block's first line. */
  keepWithNext: boolean;
}

export interface Composition {
  /** 份号 and 紧急程度, 3号黑体 at the top left of the first page. */
  topLines: string[];
  mark: string;
  docNumber: string;
  signers: string[];
  flow: FlowBlock[];
  /** Draw the seal placeholder centred on the 成文日期. */
  seal: boolean;
  banji: { groups: string[]; printer: string; printDate: string } | null;
}

const HEADINGS: Array<[RegExp, 1 | 2 | 3 | 4]> = [
  [/^[一二三四五六七八九十百]+、/, 1],
  [/^[（(][一二三四五六七八九十百]+[）)]/, 2],
  [/^\d{1,2}[．.](?!\d)/, 3],
  [/^[（(]\d{1,2}[）)]/, 4],
];
/** 一、 in 黑体, （一） in 楷体, 1． and （1） in 仿宋 (GB/T 9704-2012 7.3.3). */
const HEADING_FONT: Record<number, FontRole> = { 1: 'heiti', 2: 'kaiti', 3: 'fangsong', 4: 'fangsong' };

export function headingLevel(text: string): number {
  return HEADINGS.find(([re]) => re.test(text))?.[1] ?? 0;
}

const body = (kind: FlowBlock['kind'], runs: Run[], more: Partial<FlowBlock> = {}): FlowBlock => ({
  kind,
  runs,
  size: BODY_SIZE,
  pitch: CHAR_PITCH,
  align: 'justify',
  firstIndent: 0,
  restIndent: 0,
  keepWithNext: false,
  ...more,
});
const blank = (keepWithNext = false): FlowBlock => body('blank', [], { keepWithNext });

/** A heading's own words take the heading font: the whole paragraph, or up to its first 。. */
function paragraph(p: BodyParagraph): FlowBlock {
  const text = typeof p === 'string' ? p : p.text;
  const level = typeof p === 'string' || p.level === undefined ? headingLevel(text) : p.level;
  const font = HEADING_FONT[level];
  if (!font || font === 'fangsong') return body('paragraph', [{ text, font: 'fangsong' }], { firstIndent: 2 });
  const end = text.search(/[。！？]/);
  const runs: Run[] =
    end < 0 || end === text.length - 1
      ? [{ text, font }]
      : [
          { text: text.slice(0, end + 1), font },
          { text: text.slice(end + 1), font: 'fangsong' },
        ];
  return body('paragraph', runs, { firstIndent: 2 });
}

/** Join names with ，unless a name already ends with punctuation (；between groups), end with `end`. */
export function joinNames(names: string[], end: string): string {
  return names.map((n, i) => (i === names.length - 1 || /[，；、,;]$/.test(n) ? n : `${n}，`)).join('') + end;
}

const width = (s: string, measure: Measure = defaultMeasure): number => Array.from(s).reduce((w, ch) => w + measure(ch), 0);

/** Title lines: as given ('\n'), else one line, else broken after 关于 or into balanced lines. */
export function titleLines(title: string): string[] {
  if (title.includes('\n')) return title.split('\n').map((l) => l.trim()).filter(Boolean);
  const cells = Math.floor(TEXT_WIDTH / SIZE.二号);
  if (width(title) <= cells) return [title];
  const about = title.indexOf('关于');
  if (about > 0 && width(title.slice(0, about + 2)) <= cells && width(title.slice(about + 2)) <= cells) {
    return [title.slice(0, about + 2), title.slice(about + 2)];
  }
  const count = Math.ceil(width(title) / cells);
  return breakLines(title, { cells: Math.ceil(width(title) / count) + 1, justify: false }).map((l) => l.text);
}

function signature(doc: OfficialDocument): FlowBlock[] {
  const sig = width(doc.issuer);
  const date = chineseDate(doc.writtenDate);
  const dateW = width(date);
  let sigStart: number;
  let dateStart: number;
  if (doc.seal) {
    // 成文日期右空四字; 署名 centred on the date.
    dateStart = CHARS_PER_LINE - 4 - dateW;
    sigStart = dateStart + (dateW - sig) / 2;
  } else {
    // 署名右空二字; date starts two characters further right, or 右空二字 if that is too long.
    sigStart = CHARS_PER_LINE - 2 - sig;
    dateStart = sigStart + 2;
    if (dateStart + dateW > CHARS_PER_LINE - 2) {
      dateStart = CHARS_PER_LINE - 2 - dateW;
      sigStart = dateStart - 2;
    }
  }
  const fixed = (kind: FlowBlock['kind'], text: string, start: number, keep: boolean): FlowBlock =>
    body(kind, [{ text, font: 'fangsong' }], { align: 'left', firstIndent: Math.max(0, start), keepWithNext: keep });
  return [
    ...(doc.seal ? [blank(true), blank(true)] : [blank(true)]),
    fixed('signature', doc.issuer, sigStart, true),
    fixed('date', date, dateStart, doc.note !== undefined),
    ...(doc.note ? [body('note', [{ text: `（${doc.note.replace(/^[（(]|[）)]$/g, '')}）`, font: 'fangsong' }], { firstIndent: 2 })] : []),
  ];
}

function attachments(names: string[]): FlowBlock[] {
  if (names.length === 0) return [];
  const label = '附件：';
  const numbered = names.length > 1;
  return [
    blank(),
    ...names.map((name, i) => {
      const number = numbered ? `${i + 1}．` : '';
      const lead = i === 0 ? label + number : number;
      const firstIndent = i === 0 ? 2 : 2 + width(label);
      return body('attachment', [{ text: lead + name, font: 'fangsong' }], {
        align: 'left',
        firstIndent,
        restIndent: 2 + width(label) + width(number),
      });
    }),
  ];
}

export function compose(doc: OfficialDocument): Composition {
  const main: FlowBlock[] = [
    body('title', [{ text: doc.title, font: 'xiaobiaosong' }], {
      size: SIZE.二号,
      pitch: SIZE.二号,
      align: 'center',
      lines: titleLines(doc.title),
    }),
    ...(doc.mainRecipients.length > 0
      ? [blank(true), body('recipients', [{ text: joinNames(doc.mainRecipients, '：'), font: 'fangsong' }], { align: 'left' })]
      : []),
    ...doc.body.map(paragraph),
    ...attachments(doc.attachments),
  ];
  // The 署名 page must carry some 正文 (or 附件说明): its last line moves with the signature.
  const last = main.at(-1);
  if (last) last.keepWithNext = true;
  const flow = [...main, ...signature(doc)];
  const banji = doc.banji
    ? {
        groups: [
          ...doc.banji.others.map((o) => `${o.label}：${joinNames(o.names, '。')}`),
          ...(doc.banji.cc.length > 0 ? [`抄送：${joinNames(doc.banji.cc, '。')}`] : []),
        ],
        printer: doc.banji.printer,
        printDate: `${chineseDate(doc.banji.printDate)}印发`,
      }
    : null;
  return {
    topLines: [doc.copyNumber, doc.urgency].filter((s): s is string => !!s),
    mark: doc.issuerMark,
    docNumber: doc.docNumber,
    signers: doc.signers ?? [],
    flow,
    seal: doc.seal,
    banji,
  };
}

/** A block's text broken into lines (cells of its own pitch). */
export function blockLines(block: FlowBlock, measure?: Measure): ReturnType<typeof breakLines> {
  if (block.kind === 'blank') return [{ text: '', chars: [], end: 0 }];
  const text = block.runs.map((r) => r.text).join('');
  const cells = TEXT_WIDTH / block.pitch;
  if (block.lines) return block.lines.flatMap((l) => breakLines(l, { cells, justify: false, ...(measure ? { measure } : {}) }));
  return breakLines(text, {
    cells,
    firstIndent: block.firstIndent,
    restIndent: block.restIndent,
    justify: block.align === 'justify',
    ...(measure ? { measure } : {}),
  });
}
