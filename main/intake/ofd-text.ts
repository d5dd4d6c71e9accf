import path from 'node:path/posix';
import { AppError } from '../../core/result';
import { readZipMap, ZipError } from '../zip/read';

/**
 * The text layer of an OFD (GB/T 33190: a zip of XML). OFD.xml names the document root
 * (DocBody/DocRoot), its Document.xml lists the pages (Pages/Page@BaseLoc), and each page's
 * Content.xml holds TextObjects (Boundary "x y w h", in mm) whose TextCodes carry the characters
 * at X/Y inside the object. Text objects may come in any order, so lines are rebuilt from their
 * positions: top to bottom, left to right, a space where objects on one line are far apart.
 * Only the first document of the package is read.
 */
export function ofdText(bytes: Buffer): string {
  let files: Map<string, Buffer>;
  try {
    files = readZipMap(bytes, { maxTotalBytes: 512 * 1024 ** 2 });
  } catch (err) {
    throw new AppError('BAD_INPUT', `无法读取该 OFD 文件:${err instanceof ZipError ? err.message : String(err)}`);
  }
  const xml = (name: string): string => {
    const data = files.get(name.replace(/^\//, ''));
    if (!data) throw new AppError('BAD_INPUT', `OFD 文件不完整:缺少 ${name}`);
    return data.toString('utf8');
  };
  const root = textOf(xml('OFD.xml'), 'DocRoot')[0];
  if (!root) throw new AppError('BAD_INPUT', 'OFD 文件不完整:OFD.xml 中没有 DocRoot');
  const rootPath = resolve('', root);
  const documentXml = xml(rootPath);
  const base = path.dirname(rootPath);
  const pages = attributesOf(documentXml, 'Page').map((a) => a.BaseLoc).filter((loc): loc is string => !!loc);
  return pages.map((loc) => pageText(xml(resolve(base, loc)))).join('\n');
}

/** OFD locations are relative to the referring file's folder, or absolute from the package root. */
const resolve = (base: string, loc: string): string => (loc.startsWith('/') ? path.normalize(loc).slice(1) : path.normalize(path.join(base, loc)));

interface Piece {
  x: number;
  y: number;
  size: number;
  text: string;
}

function pageText(xml: string): string {
  const pieces: Piece[] = [];
  for (const object of elements(xml, 'TextObject')) {
    const [bx = 0, by = 0] = numbers(object.attrs.Boundary);
    const size = Number(object.attrs.Size) || 3.5;
    for (const code of elements(object.inner, 'TextCode')) {
      const text = decode(code.inner);
      if (text.trim() === '') continue;
      pieces.push({ x: bx + (Number(code.attrs.X) || 0), y: by + (Number(code.attrs.Y) || 0), size, text });
    }
  }
  pieces.sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Piece[][] = [];
  for (const piece of pieces) {
    const line = lines.at(-1);
    if (line && Math.abs((line[0] as Piece).y - piece.y) <= piece.size / 2) line.push(piece);
    else lines.push([piece]);
  }
  return lines
    .map((line) => {
      line.sort((a, b) => a.x - b.x);
      let out = '';
      let right = -Infinity;
      for (const p of line) {
        if (out !== '' && p.x - right > p.size * 1.5) out += ' ';
        out += p.text;
        right = p.x + p.size * [...p.text].length;
      }
      return out.trim();
    })
    .join('\n');
}

const numbers = (value: string | undefined): number[] => (value ?? '').trim().split(/\s+/).map(Number);

interface Element {
  attrs: Record<string, string>;
  inner: string;
}

/** Elements named `name` (any namespace prefix) with their attributes and inner XML; enough for OFD's machine-written XML. */
function elements(xml: string, name: string): Element[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`, 'g');
  return [...xml.matchAll(re)].map((m) => ({ attrs: attributes(m[1] ?? ''), inner: m[2] ?? '' }));
}

const attributesOf = (xml: string, name: string): Array<Record<string, string>> => elements(xml, name).map((e) => e.attrs);
const textOf = (xml: string, name: string): string[] => elements(xml, name).map((e) => decode(e.inner).trim());

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[(m[1] ?? '').replace(/^.*:/, '')] = decode(m[3] ?? m[4] ?? '');
  return out;
}

function decode(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, h: string) => codePoint(parseInt(h, 16)))
    .replace(/&#(\d{1,7});/g, (_, d: string) => codePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const codePoint = (n: number): string => (n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd');
