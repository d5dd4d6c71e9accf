import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The DOCX font table with declared fallbacks. The docx package writes an empty `fontTable.xml`,
 * so a reader that lacks a face guesses; here each face the file names says what to use instead
 * (`w:altName`, read by Word and WPS) and that it is a GB2312 (charset 86) face of the right
 * family, so LibreOffice's and WPS's substitution picks a Chinese serif or sans face, not Latin.
 * fflate is the zip library the docx package itself uses.
 */
export const DOCX_FONT_FALLBACKS: ReadonlyArray<{ name: string; alt: string; family: 'roman' | 'swiss' | 'modern' }> = [
  { name: '仿宋', alt: '仿宋_GB2312', family: 'modern' },
  { name: '楷体', alt: '楷体_GB2312', family: 'modern' },
  { name: '黑体', alt: 'SimHei', family: 'modern' },
  { name: '宋体', alt: 'SimSun', family: 'roman' },
  { name: '方正小标宋简体', alt: '华文中宋', family: 'roman' },
];

const FONT_TABLE = 'word/fontTable.xml';
const STYLES = 'word/styles.xml';

/** Declared font fallbacks, and paragraph defaults every reader applies the same way. */
export function withFontFallbacks(docx: Buffer): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const table = files[FONT_TABLE];
  if (!table) return docx;
  const entries = DOCX_FONT_FALLBACKS.map(
    (f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="fixed"/></w:font>`,
  ).join('');
  const xml = strFromU8(table);
  const patched = xml.endsWith('/>') ? xml.replace(/\/>$/, `>${entries}</w:fonts>`) : xml.replace('</w:fonts>', `${entries}</w:fonts>`);
  files[FONT_TABLE] = strToU8(patched);
  // Widow control off by default: readers differ on its default and it moves page breaks.
  const styles = files[STYLES];
  if (styles) files[STYLES] = strToU8(strFromU8(styles).replace('<w:pPrDefault><w:pPr>', '<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>'));
  return Buffer.from(zipSync(files));
}
