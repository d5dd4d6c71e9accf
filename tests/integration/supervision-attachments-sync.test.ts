import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { BlobRef } from '../../core/kernel/event';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { filesOf } from '../../core/records/record-doc';
import type { Actor } from '../../core/supervision/actor';
import { SupervisionAction, type SupervisionActionInput } from '../../core/supervision/actions';
import type { AttachmentRef } from '../../core/supervision/attachments';
import { SupervisionCreate, type SupervisionCreateInput } from '../../core/supervision/model';
import { SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import { blobHandlers } from '../../main/blobs/handlers';
import { BlobServices } from '../../main/blobs/services';
import { startBlobUpkeep } from '../../main/blobs/upkeep';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { EventRelay } from '../../main/store/testing/relay';
import { supervisionHandlers } from '../../main/supervision/handlers';

/**
 * Attached files travel as blobs, beside the record: a replica that receives the record's updates
 * (as the sync engine forwards them, one by one from store.onUpdate) learns the file's ref, shows
 * it 未同步 and wants it; the bytes come separately (the engine's blob transfer, here copied as it
 * would write them) and are checked against the SM3 before they can be read. A file uploaded but
 * left out of the report is never shared, so it never leaves the uploader's machine. Events travel
 * on their own (EventRelay stands in for the server).
 */
const closers: Array<() => void> = [];
let relay = new EventRelay();
afterEach(() => {
  for (const c of closers.splice(0).reverse()) c();
  removeTempDirs();
  relay = new EventRelay();
});

const NOW = new Date('2022-06-20T02:00:00.000Z');

function profile(actor: Actor, dir = tempDir('xietong-files-')) {
  const store = Store.open({ dir });
  const blobs = new BlobServices({ dir });
  const upkeep = startBlobUpkeep(store, blobs.store);
  closers.push(() => store.close(), () => blobs.close(), () => upkeep.stop());
  const api = supervisionHandlers({ store, now: () => NOW, actor: () => actor, blobs });
  const files = blobHandlers(blobs);
  const get = (id: string) => api.get({ id }) as SupervisionDetail;
  const act = (id: string, action: SupervisionActionInput) => api.act({ id, basis: get(id).head, action: SupervisionAction.parse(action) }) as SupervisionDetail;
  const create = (input: SupervisionCreateInput) => (api.create(SupervisionCreate.parse(input)) as SupervisionDetail).id;
  const attach = async (id: string, name: string, data: Uint8Array): Promise<AttachmentRef> => {
    const { uploadId } = await files.begin({ name, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: data.length });
    for (let offset = 0; offset < data.length; offset += 1024 * 1024) await files.put({ uploadId, offset, dataBase64: Buffer.from(data.subarray(offset, offset + 1024 * 1024)).toString('base64') });
    const ref: BlobRef = await files.finish({ uploadId });
    return api.attachFile({ id, ...ref }) as AttachmentRef;
  };
  const read = async (sm3: string) => Buffer.from((await files.read({ sm3, offset: 0, length: 1024 * 1024 })).dataBase64, 'base64');
  return { store, blobs, files, get, act, create, attach, read, dir };
}

/** The record's local updates, queued as a sync engine would queue them. */
function outboxOf(store: Store, id: string): Uint8Array[] {
  const outbox: Uint8Array[] = [];
  store.onUpdate((doc, update, origin) => {
    if (doc === id && origin === 'local') outbox.push(update);
  });
  return outbox;
}

/** A 督办 item made by the office and 交办 to 市审批管理局, known to the unit's replica. */
function assignedOnBoth(office: ReturnType<typeof profile>, unit: ReturnType<typeof profile>): string {
  const id = office.create({ title: '推进政务数据共享', deadline: '2022-06-30' });
  office.act(id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
  relay.sync(office.store, id, unit.store);
  return id;
}

/** The bytes of a blob go from one profile to another as the blob transfer writes them. */
async function transfer(from: ReturnType<typeof profile>, to: ReturnType<typeof profile>, sm3: string): Promise<void> {
  const size = from.blobs.store.row(sm3)!.size!;
  await to.blobs.store.receive(sm3, 0, size, await from.blobs.store.openRead(sm3));
  await to.blobs.store.commitPartial(sm3);
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('attachments between replicas', () => {
  it('the report reaches the 督查室 replica without the bytes; the file shows 未同步 until its blob arrives, then reads back the same (also after reopening)', async () => {
    const office = profile(SUPERVISOR);
    const unit = profile(SPJ);
    const id = assignedOnBoth(office, unit);
    const outbox = outboxOf(unit.store, id);
    const data = randomBytes(900_000);
    const ref = await unit.attach(id, '数据共享清单(第二批).docx', data);
    expect(outbox).toHaveLength(0);
    unit.act(id, { type: 'report', unit: '市审批管理局', text: '第二批共享清单已报送', percent: 60, attachments: [ref] });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.length).toBeLessThan(16 * 1024);
    // Shared on the unit's machine: its engine will upload it.
    await until(() => unit.blobs.store.pendingUploads().some((r) => r.sm3 === ref.sm3));

    for (const update of outbox.splice(0)) office.store.applyUpdate(id, update);
    relay.submit(unit.store);
    relay.deliverEvents(office.store, id);
    expect(office.get(id).reports[0]!.attachments).toEqual([ref]);
    expect(filesOf(office.store.getDoc(id)).size).toBe(0);
    await until(() => office.blobs.store.pendingDownloads().some((r) => r.sm3 === ref.sm3));
    expect((await office.files.status({ sm3s: [ref.sm3] })).blobs[0]).toMatchObject({ state: 'missing', size: data.length });
    await expect(office.read(ref.sm3)).rejects.toMatchObject({ code: 'NOT_FOUND', message: '附件文件尚未同步到本机,请稍后再试' });

    await transfer(unit, office, ref.sm3);
    expect((await office.files.status({ sm3s: [ref.sm3] })).blobs[0]).toMatchObject({ state: 'present', received: data.length });
    expect((await office.read(ref.sm3)).equals(data)).toBe(true);

    // And from what the office stored on disk, after a restart of its profile.
    for (const c of closers.splice(0).reverse()) c();
    const reopened = profile(SUPERVISOR, office.dir);
    expect((await reopened.read(ref.sm3)).equals(data)).toBe(true);
  });

  it('a file uploaded and then left out (removed, dialog cancelled) never leaves the unit', async () => {
    const office = profile(SUPERVISOR);
    const unit = profile(SPJ);
    const id = assignedOnBoth(office, unit);
    const outbox = outboxOf(unit.store, id);
    const dropped = await unit.attach(id, '误选的文件.docx', randomBytes(3 * 1024 * 1024));
    const kept = await unit.attach(id, '共享清单.docx', randomBytes(1000));
    expect(outbox).toHaveLength(0);
    unit.act(id, { type: 'report', unit: '市审批管理局', text: '清单已报送', percent: 30, attachments: [kept] });
    expect(outbox).toHaveLength(1);
    for (const update of outbox.splice(0)) office.store.applyUpdate(id, update);
    relay.submit(unit.store);
    relay.deliverEvents(office.store, id);
    expect(office.get(id).reports[0]!.attachments).toEqual([kept]);
    await until(() => unit.blobs.store.pendingUploads().length > 0 && office.blobs.store.pendingDownloads().length > 0);
    expect(unit.blobs.store.pendingUploads().map((r) => r.sm3)).toEqual([kept.sm3]);
    expect(unit.blobs.store.row(dropped.sm3)).toMatchObject({ state: 'present', share: 0 });
    expect(office.blobs.store.pendingDownloads().map((r) => r.sm3)).toEqual([kept.sm3]);
    expect(filesOf(unit.store.getDoc(id)).size).toBe(0);
  });
});
