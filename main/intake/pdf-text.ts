import { AppError } from '../../core/result';

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

/**
 * The text of a PDF, one printed line per line, pages in order (pdfjs-dist's legacy build, which
 * runs in Node without a worker thread or a DOM). Items on one baseline are joined with no
 * separator — Chinese has no spaces — except across a gap of more than a character's width
 * (签发人 beside 发文字号, 印发机关 and 印发日期), which becomes a space.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'PasswordException') throw new AppError('BAD_INPUT', '该 PDF 文件设有密码,无法读取其文字');
    throw new AppError('BAD_INPUT', `无法读取该 PDF 文件:${(err as Error).message}`);
  }
  try {
    const pages: string[] = [];
    for (let p = 1; p <= doc.numPages; p += 1) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.flatMap((i) => ('str' in i ? [i as TextItem] : []))).join('\n'));
      page.cleanup();
    }
    return pages.join('\n');
  } finally {
    await doc.destroy();
  }
}

function pageLines(items: readonly TextItem[]): string[] {
  const lines: string[] = [];
  let text = '';
  let y: number | null = null;
  let right = 0;
  for (const item of items) {
    const [a = 0, b = 0, , , x = 0, iy = 0] = item.transform;
    const size = Math.hypot(a, b) || 10;
    if (item.str !== '' && y !== null && Math.abs(iy - y) > size / 2) {
      lines.push(text);
      text = '';
      y = null;
    }
    if (item.str !== '') {
      if (y !== null && text !== '' && x - right > size && !text.endsWith(' ')) text += ' ';
      text += item.str;
      y = iy;
      right = x + item.width;
    }
    if (item.hasEOL && text !== '') {
      lines.push(text);
      text = '';
      y = null;
    }
  }
  if (text !== '') lines.push(text);
  return lines.map((l) => l.trim()).filter((l) => l !== '');
}
