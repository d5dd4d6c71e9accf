import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDetail } from '../../core/ipc/records';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { BlobRef } from '../../core/kernel/event';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { createAppDispatch } from '../app/handlers-index';
import { createSession } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { BlobServices } from '../blobs/services';
import { DemoPki } from '../crypto/demo-pki';
import { demoEventSigning } from '../kernel/signing';
import { signatureWriter } from '../signatures/handlers';
import { runOaAsync } from '../cli/run';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { extractIntake } from '../intake/extract';
import { readZip } from '../zip/read';
import { writeZip } from '../zip/write';
import { verifyArchiveBytes } from './verify-file';

let dir: string;
let out: string;
const ids = { supervision: '', incoming: '', document: '' };
const ATTACHMENT = Buffer.from('%PDF-1.4\n招标文件(测试附件)\n');

async function oa(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const o: string[] = [];
  const e: string[] = [];
  const code = await runOaAsync(args, { out: (l) => o.push(l), err: (l) => e.push(l) });
  return { code, out: o, err: e };
}

beforeAll(async () => {
  dir = tempDir('xietong-archive-');
  out = tempDir('xietong-archive-out-');
  const store = Store.open({ dir });
  const session = createSession();
  let clock = Date.parse('2022-06-20T01:00:00Z');
  const blobs = new BlobServices({ dir });
  const dispatch = createAppDispatch({ store, shell: 'web', session, blobs, now: () => new Date((clock += 60_000)) });
  const { ok, act } = dispatchClient(() => ({ dispatch, session }));
  // A 督办 item: created and 交办 by the 督查室, 签收 and 进展反馈 with an attachment by the unit, all signed.
  const item = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公', deadline: '2022-06-30' }, 'dcs.lin');
  await ok('supervision.act', { id: item.id, basis: item.head, action: { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] } });
  const must = async (r: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const v = await r;
    if (!v.ok) throw new Error(v.error?.message);
  };
  await must(act(item.id, { type: 'acknowledge', unit: '市审批管理局' }, 'spj.zhang'));
  // The file goes to the blob store (blobs.begin/put/finish), then is attached by its ref.
  const { uploadId } = await ok<{ uploadId: string }>('blobs.begin', { name: '招标文件.pdf', mime: 'application/pdf', size: ATTACHMENT.length }, 'spj.zhang');
  await ok('blobs.put', { uploadId, offset: 0, dataBase64: ATTACHMENT.toString('base64') });
  const blob = await ok<BlobRef>('blobs.finish', { uploadId });
  const ref = await ok<AttachmentRef>('supervision.attachFile', { id: item.id, ...blob }, 'spj.zhang');
  await must(act(item.id, { type: 'report', unit: '市审批管理局', text: '平台完成招标', percent: 40, attachments: [ref] }, 'spj.zhang'));
  ids.supervision = item.id;
  // A 收文 with a 签发 and a 用印 (the seal and signature files of a package): the sender's, which
  // arrive with the document — nobody signs a received 收文 here (signatures.sign refuses it).
  const incoming = await ok<RecordDetail>('records.create', { kind: 'incoming', fields: { kind: 'incoming', title: '关于推进数字政府建设的通知', issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕50号', writtenDate: '2022-06-01', issuedDate: '2022-06-02', mainRecipients: ['各区人民政府'], ccRecipients: [], publicity: '主动公开', receivedAt: '2022-06-03T01:00:00.000Z', createdAt: '2022-06-03T01:00:00.000Z', updatedAt: '2022-06-03T01:00:00.000Z' }, body: '请认真贯彻落实。' }, 'dcs.lin');
  const sender = signatureWriter(
    { store, now: () => new Date((clock += 60_000)), actor: () => session.current(), pkiDir: dir, signing: demoEventSigning(dir, () => clock) },
    () => DemoPki.open(dir, () => clock),
  );
  session.switchTo('leader.wang');
  sender(incoming.id, '签发');
  session.switchTo('spj.zhang');
  sender(incoming.id, '用印');
  ids.incoming = incoming.id;
  // A 发文 (kind document) drafted by 市政府办公厅's 文秘: its package carries the GB/T 9704 PDF.
  const outgoing = await ok<RecordDetail>('records.create', { kind: 'document', fields: { kind: 'document', docKind: '通知', title: '厦门市人民政府办公厅关于做好数字政府建设工作的通知', issuer: '厦门市人民政府办公厅', issuerMark: '厦门市人民政府办公厅文件', docNumber: '厦府办〔2022〕60号', mainRecipients: ['各区人民政府', '市直各委、办、局'], ccRecipients: ['市委办公厅'], writtenDate: '2022-06-10', period: null, createdAt: '2022-06-10T01:00:00.000Z', updatedAt: '2022-06-10T01:00:00.000Z' }, body: '一、加强统筹\n各单位要明确责任分工。' }, 'bgt.sun');
  // 签发 through the 公文 workflow (送审, then the leader's signed issue step).
  const submitted = await ok<{ head: string | null }>('documents.step', { id: outgoing.id, basis: null, step: { type: 'submit' } }, 'bgt.sun');
  await ok('documents.step', { id: outgoing.id, basis: submitted.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } }, 'leader.wang');
  ids.document = outgoing.id;
  blobs.close();
  store.close();
  for (const [kind, id] of Object.entries(ids)) {
    const r = await oa('archive', 'export', '--data', dir, '--id', id, '--out', path.join(out, `${kind}.zip`), '--retention', '永久', '--item', '7');
    if (r.code !== 0) throw new Error(r.err.join('\n'));
  }
}, 120_000);
afterAll(removeTempDirs);

const pkg = (kind: keyof typeof ids) => fs.readFileSync(path.join(out, `${kind}.zip`));

/** The package with one byte of `name` changed at `where` (0…1 of its length), zipped again as someone editing it would. */
function changed(zip: Buffer, name: string, where: number): Buffer {
  const files = readZip(zip).map((f) => {
    if (f.name !== name) return f;
    const data = Buffer.from(f.data);
    const at = Math.min(data.length - 1, Math.floor(data.length * where));
    data[at] = (data[at] ?? 0) ^ 0x01;
    return { name: f.name, data };
  });
  return writeZip(files.map((f) => ({ name: f.name, data: f.data })));
}

describe('oa archive export → verify', () => {
  it('a 督办 record with signed events and an attachment verifies: exit 0, one verdict per file and signature', async () => {
    const file = path.join(out, 'supervision.zip');
    const r = await oa('archive', 'verify', file);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const names = readZip(pkg('supervision')).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['record.pdf', 'metadata.json', 'package.xml', 'content.json', 'events.jsonl', 'manifest.json', 'manifest.sig']));
    const blob = readZip(pkg('supervision')).find((f) => f.name.startsWith('files/'));
    expect(blob?.data.equals(ATTACHMENT)).toBe(true);
    for (const n of names.filter((n) => n !== 'manifest.sig')) expect(r.out).toContainEqual(expect.stringMatching(new RegExp(`^通过  文件 ${n.replace(/[.]/g, '\\.')}:`)));
    // create, 交办, 签收, 进展反馈: each signature has its verdict, each valid.
    expect(r.out.filter((l) => /^通过 {2}签名 事件 .*有效,签名人/.test(l))).toHaveLength(4);
    expect(r.out).toContainEqual(expect.stringMatching(/^通过 {2}锁定签名 manifest\.sig:有效,归档人 .*CN=admin/));
    expect(r.out.at(-1)).toMatch(/^结论:全部 \d+ 项验证通过$/);
    const meta = JSON.parse(readZip(pkg('supervision')).find((f) => f.name === 'metadata.json')?.data.toString('utf8') ?? '{}');
    expect(meta.文书类元数据).toMatchObject({ 题名: '推行掌上办公', 保管期限: '永久', 件号: '7', 附件数: 1, 记录类型: 'supervision' });
  });

  it('a 收文 with 签发 and 用印: the seal and the document signature have verdicts of their own', async () => {
    const report = verifyArchiveBytes(pkg('incoming'));
    expect(report.code).toBe(0);
    expect(report.lines).toContainEqual(expect.stringMatching(/^通过 {2}印章 事件 .*:有效$/));
    expect(report.lines).toContainEqual(expect.stringMatching(/^通过 {2}签发签名 事件 .*:有效$/));
    const xml = readZip(pkg('incoming')).find((f) => f.name === 'package.xml')?.data.toString('utf8') ?? '';
    expect(xml).toContain('<文件编号>厦府办〔2022〕50号</文件编号>');
    expect(xml).toContain('<密级>公开</密级>');
    expect(xml).toMatch(/<电子签名 序号="\d+" 类型="用印"/);
  });

  it('a 发文: the package holds its GB/T 9704 PDF (its header reads back) and verifies', async () => {
    const report = verifyArchiveBytes(pkg('document'));
    expect(report.code).toBe(0);
    const pdf = readZip(pkg('document')).find((f) => f.name === 'record.pdf')?.data ?? Buffer.alloc(0);
    const read = await extractIntake(pdf);
    expect(read.fields).toMatchObject({ issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕60号', title: '厦门市人民政府办公厅关于做好数字政府建设工作的通知', mainRecipients: ['各区人民政府', '市直各委、办、局'], writtenDate: '2022-06-10', ccRecipients: ['市委办公厅'] });
  });

  it('one changed byte in any file of either package: exit 1, naming that file', () => {
    const seen = new Set<string>();
    for (const kind of ['supervision', 'incoming'] as const) {
      const zip = pkg(kind);
      for (const { name } of readZip(zip)) {
        // The first, a middle and the last byte: structure, content and trailing newline alike.
        for (const where of [0, 0.37, 0.5, 1]) {
          const report = verifyArchiveBytes(changed(zip, name, where));
          expect(report.code, `${name} @${where}`).toBe(1);
          expect(report.lines.at(-1), `${name} @${where}`).toContain(`第一处:文件 ${name}:`);
        }
        seen.add(name.replace(/\/.*$/, '/'));
      }
    }
    // Every kind of file was tried: PDF, JSON, XML, log, signatures, seals, blobs, certificates, CRLs, manifest, lock.
    expect([...seen].sort()).toEqual(['certs/', 'content.json', 'crls/', 'events.jsonl', 'files/', 'manifest.json', 'manifest.sig', 'metadata.json', 'package.xml', 'record.pdf', 'seals/', 'signatures/'].sort());
  });

  it('a byte flipped inside the zip itself names the damaged file; a file added after sealing is named too', () => {
    const zip = pkg('supervision');
    const pdfAt = zip.indexOf(Buffer.from('record.pdf')) + 'record.pdf'.length + 100;
    const flipped = Buffer.from(zip);
    flipped[pdfAt] = (flipped[pdfAt] ?? 0) ^ 0xff;
    const r = verifyArchiveBytes(flipped);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toContain('第一处:文件 record.pdf:');
    const added = writeZip([...readZip(zip).map((f) => ({ name: f.name, data: f.data })), { name: 'extra.txt', data: '补充说明' }]);
    expect(verifyArchiveBytes(added).lines.at(-1)).toContain('第一处:文件 extra.txt:不在清单中');
  });

  it('a truncated zip or a file that is not a package: exit 2', async () => {
    const zip = pkg('supervision');
    const truncated = path.join(out, 'truncated.zip');
    fs.writeFileSync(truncated, zip.subarray(0, Math.floor(zip.length * 0.6)));
    const r = await oa('archive', 'verify', truncated);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/无法读取归档封装包/);
    expect(verifyArchiveBytes(Buffer.from('不是压缩包')).code).toBe(2);
    expect(verifyArchiveBytes(writeZip([{ name: 'a.txt', data: 'x' }])).code).toBe(2);
    expect((await oa('archive', 'verify', path.join(out, 'missing.zip'))).code).toBe(2);
  });
});
