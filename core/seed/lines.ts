/** A non-blank line of the source with its 1-based line number, edge whitespace removed. */
export interface SourceLine {
  line: number;
  text: string;
}

/** Page footers such as —１—, — 12 —, -3-. */
const PAGE_NUMBER = /^[—–－-]+\s*[0-9０-９]+\s*[—–－-]+$/;

export const isPageNumber = (text: string): boolean => PAGE_NUMBER.test(text.trim());

/**
 * The lines that carry text. Blank lines carry no meaning in the seed (the extraction put one
 * between every wrapped line) and page numbers are print furniture; leading spaces mark a
 * continuation after a page break and are dropped too. `trim` also removes U+3000 and a BOM.
 */
export function contentLines(source: string): SourceLine[] {
  const out: SourceLine[] = [];
  source.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const text = raw.trim();
    if (text !== '' && !isPageNumber(text)) out.push({ line: index + 1, text });
  });
  return out;
}

/** Lines joined into one paragraph, remembering which source line each character came from. */
export interface Joined {
  text: string;
  lineAt(offset: number): number;
}

/**
 * Wrapped lines join with no separator (Chinese has no spaces between words); only a wrap
 * between two Latin letters gets a space back, because print never breaks inside a Latin word.
 */
export function joinLines(lines: readonly SourceLine[]): Joined {
  let text = '';
  const starts: number[] = [];
  for (const { text: part } of lines) {
    if (/[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(part)) text += ' ';
    starts.push(text.length);
    text += part;
  }
  const lineAt = (offset: number): number => {
    let index = 0;
    while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= offset) index += 1;
    return lines[index]?.line ?? 0;
  };
  return { text, lineAt };
}
