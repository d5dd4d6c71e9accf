import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/result';
import { compose } from './compose';
import { OfficialDocumentSchema } from './model';
import { headerGeometry, paginate } from './paginate';
import { renderPdf, renderPdfDetailed } from './pdf';
import { SEED_BODY_EXCERPT, SEED_NOTICE, longDocument } from './samples';
import { requireTool } from '../testing/require-tool';

const hasPoppler = requireTool('pdftotext');

const textOf = (pdf: Buffer, page?: number): string =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-', '-'], { input: pdf }).toString('utf8');

const fixedDate = new Date('2022-05-08T00:00:00Z');

describe('PDF rendering', () => {
  it('renders the seed notice: a valid PDF, one page plus the 版记 page, fonts reported', async () => {
    const { pdf, pages, fonts } = await renderPdfDetailed(SEED_NOTICE, { creationDate: fixedDate });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pages).toBe(2);
    expect(fonts.fangsong).toMatch(/^仿宋=/);
    // The substitution is recorded in the file itself.
    expect(pdf.toString('latin1')).toContain('/XietongFonts');
  });

  it.skipIf(!hasPoppler)('has extractable text in reading order', async () => {
    const pdf = await renderPdf(SEED_NOTICE, { creationDate: fixedDate });
    const page1 = textOf(pdf, 1).replace(/\s+/g, '');
    for (const s of ['厦门市人民政府办公厅文件', '厦府办〔2022〕47号', '厦门市人民政府办公厅关于', '印发2022年数字厦门工作要点的通知', '2022年5月8日', '（此件主动公开）', '—1—']) {
      expect(page1).toContain(s);
    }
    const page2 = textOf(pdf, 2).replace(/\s+/g, '');
    expect(page2).toContain('抄送：市委办公厅');
    expect(page2).toContain('2022年5月20日印发');
    expect(page2).toContain('—2—');
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
    expect(info).toMatch(/Page size:\s+595\.27\d x 841\.89 pts \(A4\)/);
  });

  it.skipIf(!hasPoppler)('paginates a long body 22 lines a page, no line starting with a closing mark', async () => {
    const doc = { ...longDocument(40), body: [...SEED_BODY_EXCERPT, ...longDocument(40).body] };
    const { pdf, pages } = await renderPdfDetailed(doc, { creationDate: fixedDate });
    const comp = compose(OfficialDocumentSchema.parse(doc));
    const expected = paginate(comp, headerGeometry(comp).flowTop);
    // Same page count as the pure layout (which measures Latin letters by rule, the PDF by the font).
    expect(pages).toBe(expected.pages.length);
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
    expect(info).toContain(`Pages:           ${pages}`);
    for (let p = 2; p < pages; p++) {
      const lines = textOf(pdf, p)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !/^—\s*\d+\s*—$/.test(l));
      expect(lines, `page ${p}`).toHaveLength(22);
      for (const l of lines) expect(/^[，。、；：？！）」》”]/.test(l), l).toBe(false);
    }
  });

  it('fails clearly without any CJK font', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-fonts-'));
    await expect(renderPdf(SEED_NOTICE, { fontDirs: [empty] })).rejects.toThrow(/找不到可用的中文字体/);
    await expect(renderPdf(SEED_NOTICE, { fontDirs: [empty] })).rejects.toBeInstanceOf(AppError);
  });

  it('refuses an invalid document with the reason', async () => {
    await expect(renderPdf({ ...SEED_NOTICE, docNumber: '厦府办【2022】47号' })).rejects.toThrow(/六角括号/);
  });
});
