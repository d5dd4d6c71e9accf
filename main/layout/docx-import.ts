import { strFromU8, unzipSync } from 'fflate';
import { makeSuggestionId } from '../../core/records/suggestion-id';
import { AppError } from '../../core/result';

/**
 * A DOCX body read directly from its OOXML (word/document.xml), for the editor's import:
 * paragraphs, headings (Heading1–4 styles, or the 9704 numbering 一、（一）1.（1） at the start),
 * tables, page breaks, bold, and Word revisions (`w:ins` / `w:del` with author and date) as
 * pending 修订 — so a file exported with suggestions comes back with them. Returns ProseMirror
 * JSON for the editor's schema (core/editor/extensions.ts).
 */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface ImportedBody {
  doc: PmNode;
  paragraphs: number;
  warnings: string[];
}

const MAX_XML = 50 * 1024 * 1024;

export function readDocxBody(bytes: Uint8Array): ImportedBody {
  let xml: string;
  try {
    const files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
    const doc = files['word/document.xml'];
    if (!doc) throw new Error('no word/document.xml');
    if (doc.length > MAX_XML) throw new AppError('BAD_INPUT', '文件过大,无法导入');
    xml = strFromU8(doc);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_INPUT', '不是有效的 Word 文档(.docx),无法导入');
  }
  return parseDocumentXml(xml);
}

const TOKEN = /<(\/?)([a-zA-Z0-9:]+)((?:\s+[^\s=>]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
const ATTR = /([^\s=]+)="([^"]*)"/g;

const attrsOf = (s: string): Record<string, string> => Object.fromEntries([...s.matchAll(ATTR)].map((m) => [m[1]!, decode(m[2]!)]));
const decode = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );

const NUMBERED: Array<[RegExp, number]> = [
  [/^[一二三四五六七八九十]+、/, 1],
  [/^（[一二三四五六七八九十]+）/, 2],
  [/^\d+[．.]/, 3],
  [/^（\d+）/, 4],
];

interface Para {
  style: string;
  runs: PmNode[];
  pageBreak: boolean;
}

export function parseDocumentXml(xml: string): ImportedBody {
  const blocks: PmNode[] = [];
  const warnings: string[] = [];
  let para: Para | null = null;
  let bold = false;
  let inText = false;
  let revision: { kind: 'insertion' | 'deletion'; id: string } | null = null;
  const tables: PmNode[][][][] = [];
  let paragraphs = 0;

  const out = (node: PmNode) => {
    const t = tables.at(-1);
    if (t) t.at(-1)?.at(-1)?.push(node);
    else blocks.push(node);
  };
  for (const m of xml.matchAll(TOKEN)) {
    const [, close, name, rawAttrs = '', selfClose, text] = m;
    if (text !== undefined) {
      if (inText && para && text.length > 0) {
        const marks: NonNullable<PmNode['marks']> = [];
        if (bold) marks.push({ type: 'bold' });
        if (revision) marks.push({ type: revision.kind, attrs: { id: revision.id } });
        para.runs.push({ type: 'text', text: decode(text), ...(marks.length ? { marks } : {}) });
      }
      continue;
    }
    const a = close ? {} : attrsOf(rawAttrs);
    switch (name) {
      case 'w:p':
        if (close) {
          if (para) out(paragraphNode(para));
          if (para?.pageBreak) out({ type: 'pageBreak' });
          paragraphs++;
          para = null;
        } else if (selfClose) {
          out({ type: 'paragraph' });
          paragraphs++;
        } else para = { style: '', runs: [], pageBreak: false };
        break;
      case 'w:pStyle':
        if (para) para.style = a['w:val'] ?? '';
        break;
      case 'w:r':
        if (!close) bold = false;
        break;
      case 'w:b':
        if (!close) bold = a['w:val'] !== '0' && a['w:val'] !== 'false';
        break;
      case 'w:t':
      case 'w:delText':
        inText = !close && !selfClose;
        break;
      case 'w:br':
        if (a['w:type'] === 'page' && para) para.pageBreak = true;
        break;
      case 'w:ins':
      case 'w:del':
        if (close) revision = null;
        else if (!selfClose) {
          const author = a['w:author'] ?? '未知';
          const at = Date.parse(a['w:date'] ?? '') || 0;
          revision = { kind: name === 'w:ins' ? 'insertion' : 'deletion', id: makeSuggestionId({ login: `docx:${author}`, name: author }, at) };
        }
        break;
      case 'w:tbl':
        if (close) {
          const rows = tables.pop() ?? [];
          out({ type: 'table', content: rows.map((r) => ({ type: 'tableRow', content: r.map((c) => ({ type: 'tableCell', content: c.length ? c : [{ type: 'paragraph' }] })) })) });
        } else tables.push([]);
        break;
      case 'w:tr':
        if (!close) tables.at(-1)?.push([]);
        break;
      case 'w:tc':
        if (!close) tables.at(-1)?.at(-1)?.push([]);
        break;
      case 'w:drawing':
      case 'w:pict':
        if (!close && !warnings.includes('图片未导入')) warnings.push('图片未导入');
        break;
    }
  }
  if (blocks.length === 0) blocks.push({ type: 'paragraph' });
  return { doc: { type: 'doc', content: blocks }, paragraphs, warnings };
}

function paragraphNode(p: Para): PmNode {
  const text = p.runs.map((r) => r.text ?? '').join('');
  const styled = /^(?:Heading|heading|标题)\s?([1-4])$/.exec(p.style)?.[1];
  const numbered = NUMBERED.find(([re]) => re.test(text))?.[1];
  const level = styled ? Number(styled) : numbered && text.length <= 60 ? numbered : 0;
  const content = p.runs.length ? p.runs : undefined;
  const node: PmNode = level ? { type: 'heading', attrs: { level }, ...(content ? { content } : {}) } : { type: 'paragraph', ...(content ? { content } : {}) };
  return node;
}
