import { buildDirectory } from '../directory/units';
import { normalizeDigits } from '../text/normalize';
import { splitBlocks } from './blocks';
import { parseHeader, type Paragraph } from './document-header';
import { isFooterStart, parseFooter } from './footer';
import { buildItems } from './items';
import { contentLines, joinLines, type SourceLine } from './lines';
import { matchHeading } from './numbering';
import type { ParsedSeed, SeedProblem } from './types';

export type { ParsedSeed, SeedDocument, SeedItem, SeedProblem } from './types';

/**
 * Parses a 工作要点 公文 as extracted from print (the seed file): the notice around it, every
 * point with its units, and the 版记. Pure: the caller reads the file. Never throws on content;
 * whatever it cannot place is returned in `problems` with its line, and an empty input gives
 * no items and one problem.
 */
export function parseWorkPoints(source: string): ParsedSeed {
  const lines = contentLines(source);
  if (lines.length === 0) {
    return {
      document: {
        issuer: '', docNumber: '', title: '', writtenDate: null, issuedDate: null,
        mainRecipients: [], ccRecipients: [], relatedUnits: [], publicity: '', body: '',
      },
      items: [],
      units: [],
      problems: [{ line: 0, text: '', reason: '输入为空' }],
    };
  }
  const header = parseHeader(lines);
  const problems: SeedProblem[] = [...header.problems];
  const paragraphs: Paragraph[] = [...header.paragraphs];

  const rest = lines.slice(header.next);
  const firstSection = rest.findIndex((l) => matchHeading(l.text)?.level === 'section');
  if (firstSection < 0) problems.push({ line: rest[0]?.line ?? 0, text: '', reason: '未找到工作要点(一、二、…)' });
  const bodyStart = firstSection < 0 ? rest.length : firstSection;
  const footerAt = rest.findIndex((l, i) => i >= bodyStart && isFooterStart(l.text));
  const bodyEnd = footerAt < 0 ? rest.length : footerAt;
  // Without a 一、 heading there is nothing to tell the footer from text, so all of it is intro.
  const intro = rest.slice(0, firstSection < 0 ? bodyEnd : bodyStart);
  paragraphs.push(...introParagraphs(intro, header.quotedTitle));

  const blocks = splitBlocks(rest.slice(bodyStart, bodyEnd));
  for (const block of blocks) paragraphs.push({ line: block.lines[0]?.line ?? 0, text: block.joined.text });
  const items = buildItems(blocks, problems);

  const footer = parseFooter(rest.slice(bodyEnd));
  problems.push(...footer.problems);
  paragraphs.push(...footer.paragraphs);

  return {
    document: {
      issuer: header.issuer,
      docNumber: header.docNumber,
      title: header.title,
      writtenDate: header.writtenDate,
      issuedDate: footer.issuedDate,
      mainRecipients: header.mainRecipients,
      ccRecipients: footer.ccRecipients,
      relatedUnits: footer.relatedUnits,
      publicity: header.publicity,
      body: paragraphs.map((p) => p.text).join('\n'),
    },
    items,
    units: buildDirectory(items.flatMap((item) => [...item.lead, ...item.responsible])),
    problems: problems.sort((a, b) => a.line - b.line),
  };
}

/**
 * The work points' own title and the preamble paragraph (以习近平…). The title is the line(s)
 * matching the «…» the notice quotes, else the first line; everything else is the preamble.
 */
function introParagraphs(intro: readonly SourceLine[], quotedTitle: string | null): Paragraph[] {
  if (intro.length === 0) return [];
  const key = (s: string) => normalizeDigits(s).replace(/\s+/g, '');
  let titleLines = 1;
  for (let n = 1; n <= Math.min(3, intro.length); n += 1) {
    if (quotedTitle !== null && key(joinLines(intro.slice(0, n)).text) === key(quotedTitle)) titleLines = n;
  }
  const out: Paragraph[] = [{ line: intro[0]?.line ?? 0, text: joinLines(intro.slice(0, titleLines)).text }];
  const preamble = intro.slice(titleLines);
  if (preamble.length > 0) out.push({ line: preamble[0]?.line ?? 0, text: joinLines(preamble).text });
  return out;
}
