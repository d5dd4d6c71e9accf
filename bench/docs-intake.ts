import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { RecordDetail } from '../core/ipc/records';
import { softSm2 } from '../core/crypto/software';
import { createAppDispatch } from '../main/app/handlers-index';
import { createSession } from '../main/app/session';
import { archiveSealer } from '../main/archive/sealer';
import { recordBlobSource } from '../main/archive/blob-source';
import { exportArchive } from '../main/archive/export';
import { verifyArchiveBytes } from '../main/archive/verify-file';
import { loadTrustStore } from '../main/crypto/ca-files';
import { DemoPki } from '../main/crypto/demo-pki';
import { renderPdfDetailed, validateOfficialDocument } from '../main/layout';
import { fontCandidates } from '../main/layout/fonts';
import { longDocument } from '../main/layout/samples';
import { Store } from '../main/store/store';

/**
 * The 归档/intake figures of `npm run bench -- docs` (bench/docs.ts prints them on its line):
 * - pdf_10p_ms: a 10-page GB/T 9704 PDF through main/layout (median of 5, after a warm-up);
 *   reference pdf_plain_10p_ms: pdfkit writing the same text as plain paragraphs in the same font.
 * - archive_verify_ms: `oa archive verify` of a 收文 with 200 signed events (median of 5);
 *   reference sm2_verify_200_ms: 200 bare SM2 verifications of the same kind of bytes.
 */
const RUNS = 5;
const round = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);

async function timed(fn: () => Promise<unknown> | unknown, runs = RUNS): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function tenPageDocument() {
  for (let paragraphs = 60; paragraphs < 120; paragraphs += 1) {
    const doc = validateOfficialDocument(longDocument(paragraphs));
    if (!doc.ok) throw new Error(doc.error.message);
    const { pages } = await renderPdfDetailed(doc.value);
    if (pages === 10) return { doc: doc.value, paragraphs };
  }
  throw new Error('no 10-page document');
}

async function plainPdf(paragraphs: string[]): Promise<Buffer> {
  const font = fontCandidates('fangsong')[0];
  if (!font) throw new Error('no CJK font');
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  doc.registerFont('f', font.path, font.postscript).font('f').fontSize(16);
  for (const p of paragraphs) doc.text(p, { indent: 32 });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

async function archiveOf200Events(dir: string): Promise<Buffer> {
  const store = Store.open({ dir });
  const session = createSession();
  let clock = Date.parse('2022-06-20T01:00:00Z');
  const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date((clock += 1000)) });
  session.switchTo('dcs.lin');
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = (await dispatch(channel, input)) as { ok: boolean; value?: T; error?: { message: string } };
    if (!r.ok) throw new Error(`${channel}: ${r.error?.message}`);
    return r.value as T;
  };
  const now = '2022-06-20T01:00:00.000Z';
  let detail = await call<RecordDetail>('records.create', {
    kind: 'incoming',
    fields: { kind: 'incoming', title: '关于推进数字政府建设的通知', issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕50号', writtenDate: '2022-06-01', issuedDate: null, mainRecipients: ['各区人民政府'], ccRecipients: [], publicity: '主动公开', receivedAt: now, createdAt: now, updatedAt: now },
    body: '请认真贯彻落实。',
  });
  // create + 199 signed edits = 200 signed events.
  for (let i = 1; detail.history.length < 200; i += 1) {
    detail = await call<RecordDetail>('records.update', { id: detail.id, base: { title: detail.fields.title }, patch: { title: `关于推进数字政府建设的通知(第${i}次修改)` } });
  }
  const pkiDir = dir;
  const zip = await exportArchive({ store, id: detail.id, sealer: archiveSealer({ pkiDir, login: 'admin', now: Date.now }), trust: loadTrustStore(pkiDir), blob: recordBlobSource(store, detail.id) });
  store.close();
  return zip;
}

export async function docsIntakeFigures(): Promise<Record<string, number | string>> {
  const { doc, paragraphs } = await tenPageDocument();
  const pdf10 = await timed(() => renderPdfDetailed(doc));
  const plain = await timed(() => plainPdf(doc.body.map((p) => (typeof p === 'string' ? p : p.text))));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-archive-'));
  try {
    const zip = await archiveOf200Events(dir);
    const report = verifyArchiveBytes(zip);
    if (report.code !== 0) throw new Error(`archive does not verify: ${report.lines.at(-1)}`);
    const events = report.verdicts.filter((v) => v.subject.startsWith('签名 事件')).length;
    const verify = await timed(() => verifyArchiveBytes(zip));
    const { signer, certificate } = DemoPki.open(dir).identity('dcs.lin');
    const message = new TextEncoder().encode('x'.repeat(600));
    const signature = signer.sign(message);
    if (certificate.publicKey.algorithm !== 'SM2') throw new Error('not an SM2 certificate');
    const key = certificate.publicKey;
    const bare = await timed(() => {
      for (let i = 0; i < events; i += 1) softSm2.verify(key, message, signature);
    });
    return { pdf_10p_ms: pdf10, pdf_10p_paragraphs: paragraphs, pdf_plain_10p_ms: plain, archive_verify_ms: verify, archive_events: events, archive_bytes: zip.length, sm2_verify_200_ms: bare };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
