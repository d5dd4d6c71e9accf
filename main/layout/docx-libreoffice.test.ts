import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importSeedFile, defaultSeedFile } from '../seed/import-seed';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { supervisionRepo } from '../supervision/repository';
import { briefingDocument, buildBriefing } from '../supervision/briefing';
import { requireTool } from '../testing/require-tool';
import { renderDocx } from './docx';
import { renderPdfDetailed } from './pdf';
import type { OfficialDocumentInput } from './model';
import { SEED_BODY_EXCERPT, SEED_NOTICE } from './samples';

/**
 * Our DOCX opened by a real office suite: LibreOffice converts it to PDF headless, and the result
 * must have our own PDF's page count (±1) with the 发文机关标志 on one line.
 */
const hasTools = requireTool('soffice') && requireTool('pdftotext');
const work = mkdtempSync(path.join(tmpdir(), 'xt-lo-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeTempDirs();
});

function officePdf(name: string, docx: Buffer): { pages: number; firstPage: string[] } {
  const file = path.join(work, `${name}.docx`);
  writeFileSync(file, docx);
  // A profile of its own, so a desktop LibreOffice of the same user cannot block the conversion.
  const profile = `file://${path.join(work, 'profile')}`;
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, file], { stdio: 'ignore', timeout: 240_000 });
  const pdf = readFileSync(path.join(work, `${name}.pdf`));
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString())?.[1]);
  const firstPage = execFileSync('pdftotext', ['-l', '1', '-', '-'], { input: pdf })
    .toString('utf8')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter(Boolean);
  return { pages, firstPage };
}

async function check(name: string, doc: OfficialDocumentInput, mark: string) {
  const ours = await renderPdfDetailed(doc);
  const office = officePdf(name, await renderDocx(doc));
  expect(Math.abs(office.pages - ours.pages), `LibreOffice ${office.pages} 页,我们的 PDF ${ours.pages} 页`).toBeLessThanOrEqual(1);
  // The mark is one line of its own: the first line of the page is the whole mark.
  expect(office.firstPage[0]).toBe(mark);
}

describe.skipIf(!hasTools)('DOCX in LibreOffice', () => {
  it('the notice with a long body: page count of our PDF ±1, the mark on one line', async () => {
    await check('notice', { ...SEED_NOTICE, body: [...SEED_NOTICE.body, ...SEED_BODY_EXCERPT] }, SEED_NOTICE.issuerMark);
  });

  it('the 通报 over the seed: page count of our PDF ±1, the mark on one line', async () => {
    const store = Store.open({ dir: tempDir() });
    try {
      importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
      const opts = { issuer: '厦门市人民政府督查室', issuerMark: '厦门市人民政府督查室文件', today: '2022-10-10', warnWorkingDays: 3 };
      const view = buildBriefing(supervisionRepo(store).database, { from: '2022-07-01', to: '2022-09-30' }, opts);
      await check('briefing', briefingDocument(view, opts), opts.issuerMark);
    } finally {
      store.close();
    }
  });
});
