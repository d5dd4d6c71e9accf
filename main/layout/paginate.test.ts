import { describe, expect, it } from 'vitest';
import { compose } from './compose';
import { LINES_PER_PAGE, LINE_PITCH, TEXT_TOP, mm } from './metrics';
import { OfficialDocumentSchema, type OfficialDocumentInput } from './model';
import { headerGeometry, linesThatFit, paginate } from './paginate';
import { SEED_NOTICE, longDocument } from './samples';

const layout = (doc: OfficialDocumentInput) => {
  const comp = compose(OfficialDocumentSchema.parse(doc));
  const header = headerGeometry(comp);
  return { comp, header, ...paginate(comp, header.flowTop) };
};

describe('版头 geometry', () => {
  it('puts the 发文机关标志 35 mm below the top of the 版心 and the title two lines below the red rule', () => {
    const { header } = layout(SEED_NOTICE);
    expect(header.markTop - TEXT_TOP).toBeCloseTo(mm(35), 9);
    // 空二行 between the characters: the title's em box starts two line pitches below the rule.
    expect(header.flowTop + (LINE_PITCH - 22) / 2 - header.ruleY).toBeCloseTo(2 * LINE_PITCH, 9);
    const numberEmTop = (header.numberLineTops[0] ?? 0) + (LINE_PITCH - 16) / 2;
    expect(numberEmTop - (header.markTop + header.markSize)).toBeCloseTo(2 * LINE_PITCH, 9);
  });

  it('stacks 份号 and 紧急程度 on the first lines, and 签发人 two to a line', () => {
    const { header } = layout({ ...SEED_NOTICE, copyNumber: '000123', urgency: '特急', signers: ['张三', '李四', '王五'] });
    expect(header.topLineTops).toEqual([TEXT_TOP, TEXT_TOP + LINE_PITCH]);
    expect(header.numberLineTops).toHaveLength(2);
  });
});

describe('pages of 22 lines', () => {
  it('keeps the seed notice on one page, as printed, with its 版记 on the next', () => {
    const { pages, firstPageLines, banji } = layout(SEED_NOTICE);
    expect(firstPageLines).toBe(12);
    expect(pages[0]?.map((l) => l.block.kind)).toEqual([
      'title', 'title', 'blank', 'recipients', 'recipients', 'paragraph', 'paragraph', 'blank', 'blank', 'signature', 'date', 'note',
    ]);
    expect(banji?.page).toBe(1);
    expect(pages[1]).toEqual([]);
  });

  it('fills every page after the first with exactly 22 lines, so pages = 1 + ceil((lines − first)/22)', () => {
    for (const paragraphs of [12, 30, 51]) {
      const { pages, firstPageLines, banji } = layout({ ...longDocument(paragraphs), banji: undefined });
      const lines = pages.reduce((n, p) => n + p.length, 0);
      for (const page of pages.slice(1, -1)) expect(page).toHaveLength(LINES_PER_PAGE);
      expect(pages[0]?.length).toBeLessThanOrEqual(firstPageLines);
      // The signature group may pull one line forward; it never adds a page on its own here.
      expect(pages.length).toBeGreaterThanOrEqual(1 + Math.ceil((lines - firstPageLines) / LINES_PER_PAGE));
      expect(pages.length).toBeLessThanOrEqual(2 + Math.ceil((lines - firstPageLines) / LINES_PER_PAGE));
      expect(banji).toBeNull();
    }
  });

  it('never leaves the 署名 on a page without 正文', () => {
    for (let paragraphs = 1; paragraphs < 40; paragraphs++) {
      const { pages } = layout(longDocument(paragraphs));
      const sigPage = pages.find((p) => p.some((l) => l.block.kind === 'signature')) ?? [];
      expect(sigPage.some((l) => l.block.kind === 'paragraph'), `${paragraphs}`).toBe(true);
      const page = pages.indexOf(sigPage);
      expect(pages.slice(page).flat().map((l) => l.block.kind).filter((k) => k === 'date')).toHaveLength(1);
    }
  });

  it('puts the 版记 on the last page, an even one, at its bottom when it fits — never alone after a blank page (GB/T 9704; issue 10, point 4)', () => {
    const seen = new Set<string>();
    for (let paragraphs = 1; paragraphs < 60; paragraphs++) {
      const { pages, banji, firstPageLines } = layout(longDocument(paragraphs));
      expect(banji).not.toBeNull();
      if (!banji) continue;
      const last = pages.length - 1;
      expect(banji.page, `${paragraphs}`).toBe(last);
      expect((banji.page + 1) % 2, `${paragraphs}: page ${banji.page + 1} is even`).toBe(0);
      const capacity = last === 0 ? firstPageLines : LINES_PER_PAGE;
      expect((pages[last]?.length ?? 0) + banji.lines.length + 1).toBeLessThanOrEqual(capacity);
      // Every page before the 版记's holds text: no blank page in front of it.
      for (const [i, page] of pages.slice(0, last).entries()) expect(page.length, `${paragraphs}: page ${i + 1}`).toBeGreaterThan(0);
      // The 署名 still never stands without 正文.
      const sigPage = pages.find((p) => p.some((l) => l.block.kind === 'signature')) ?? [];
      expect(sigPage.some((l) => l.block.kind === 'paragraph'), `${paragraphs}`).toBe(true);
      const before = layout({ ...longDocument(paragraphs), banji: undefined }).pages.length;
      seen.add(pages[last]?.length ? 'shared' : pages.length === before + 2 ? 'carried' : 'own');
    }
    // Each case happens: at the bottom of an even page, alone after an odd page, and after lines carried over.
    expect([...seen].sort()).toEqual(['carried', 'own', 'shared']);
  });

  it('counts lines from any top', () => {
    expect(linesThatFit(TEXT_TOP)).toBe(22);
    expect(linesThatFit(TEXT_TOP + LINE_PITCH * 10.5)).toBe(11);
  });
});
