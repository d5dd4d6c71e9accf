import { describe, expect, it } from 'vitest';
import type { IncomingListRow, IncomingWorkflow } from '../../core/incoming/view';
import type { IncomingDetail } from '../../core/incoming/model';
import type { BlobRef } from '../../core/kernel/event';
import { testApp } from '../app/testing/test-app';
import { recordBlobRefs } from '../blobs/record-refs';

/** 来文登记: a 公文 from outside the system becomes a registered 收文 with its file as 原件. */
const app = testApp({ start: '2022-07-04T01:00:00Z' });
const { ok, call } = app;

async function upload(bytes: Buffer, name: string, mime: string): Promise<BlobRef> {
  const { uploadId } = await ok<{ uploadId: string }>('blobs.begin', { name, mime, size: bytes.length });
  await ok('blobs.put', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  return ok<BlobRef>('blobs.finish', { uploadId });
}

const FORM = {
  title: '福建省大数据管理局关于开展公共数据资源普查的通知',
  issuer: '福建省大数据管理局',
  docNumber: '闽数据〔2022〕12号',
  writtenDate: '2022-06-28',
  mainRecipients: ['各设区市大数据主管部门'],
  urgency: '加急',
  dueDate: '2022-07-29',
  body: '一、普查范围\n二、工作要求',
};

describe('incoming.registerExternal', () => {
  it('creates the 收文 and 登记s it at once: 收文号, fields, body, and the 原件 named by the signed 登记 event', async () => {
    const original = await upload(Buffer.from('%PDF-1.4 来文扫描件'), '闽数据〔2022〕12号.pdf', 'application/pdf');
    const w = await ok<IncomingWorkflow>('incoming.registerExternal', { ...FORM, original }, 'bgt.sun');
    expect(w).toMatchObject({ phase: 'registered', registration: { receiptNo: '2022-0001', local: true, fromUnit: '福建省大数据管理局', fromDocNumber: '闽数据〔2022〕12号', urgency: '加急', dueDate: '2022-07-29', original } });
    const detail = await ok<IncomingDetail>('incoming.get', { id: w.id });
    expect(detail).toMatchObject({ title: FORM.title, issuer: FORM.issuer, docNumber: FORM.docNumber, writtenDate: '2022-06-28', mainRecipients: FORM.mainRecipients, body: FORM.body });
    // The kernel ties the blob to the record through the event's ref: it is uploaded and served with it.
    expect([...recordBlobRefs(app.store(), w.id).keys()]).toEqual([original.sm3]);
    expect(app.store().events(w.id).map((e) => e.event.type)).toEqual(['create', 'register']);
    // The next 来文 takes the next 收文号; without a file it is registered all the same.
    const next = await ok<IncomingWorkflow>('incoming.registerExternal', { title: '关于报送材料的函', issuer: '市财政局' }, 'bgt.sun');
    expect(next.registration).toMatchObject({ receiptNo: '2022-0002', original: null });
  });

  it('writes nothing for a classified 来文, a 原件 not on this machine, or someone who may not 登记', async () => {
    const count = async () => (await ok<IncomingListRow[]>('incoming.list', {})).length;
    const before = await count();
    expect(await call('incoming.registerExternal', { ...FORM, secrecy: '机密★1年' }, 'bgt.sun')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('涉密') } });
    const missing = { name: '扫描件.pdf', sm3: 'a'.repeat(64), size: 10, mime: 'application/pdf' };
    expect(await call('incoming.registerExternal', { ...FORM, original: missing }, 'bgt.sun')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('不在本机') } });
    expect(await call('incoming.registerExternal', FORM, 'bgt.li')).toMatchObject({ ok: false, error: { message: expect.stringContaining('只有办公室或督查室可以登记') } });
    expect(await call('incoming.registerExternal', { ...FORM, title: ' ' }, 'bgt.sun')).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('请填写标题') } });
    expect(await count()).toBe(before);
  });
});
