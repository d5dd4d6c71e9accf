import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { Actor } from '../../core/supervision/actor';
import { SupervisionAction, type SupervisionActionInput } from '../../core/supervision/actions';
import { SupervisionCreate, type SupervisionCreateInput } from '../../core/supervision/model';
import { SPJ, SUPERVISOR } from '../../core/supervision/testing/log';
import { AppError } from '../../core/result';
import { filesOf } from '../../core/records/record-doc';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { EventRelay } from '../../main/store/testing/relay';
import { supervisionHandlers } from '../../main/supervision/handlers';

/**
 * Attached files travel inside the record's Y.Doc: a replica that receives the record's updates
 * (as the sync engine forwards them, one by one from store.onUpdate) can open the file. An
 * uploaded file is staged in the uploader's process until its report is written, so the bytes
 * leave in the one update written with the event (events travel on their own: EventRelay stands
 * in for the server), and a file never reported never leaves at all.
 */
const stores: Store[] = [];
let relay = new EventRelay();
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
  relay = new EventRelay();
});

const NOW = new Date('2022-06-20T02:00:00.000Z');

function profile(actor: Actor) {
  const store = Store.open({ dir: tempDir('xietong-files-') });
  stores.push(store);
  const api = supervisionHandlers({ store, now: () => NOW, actor: () => actor });
  const get = (id: string) => api.get({ id }) as SupervisionDetail;
  const act = (id: string, action: SupervisionActionInput) => api.act({ id, basis: get(id).head, action: SupervisionAction.parse(action) }) as SupervisionDetail;
  const create = (input: SupervisionCreateInput) => (api.create(SupervisionCreate.parse(input)) as SupervisionDetail).id;
  const readFile = (id: string, sm3: string) => api.readFile({ id, sm3 }) as { name: string; mime: string; dataBase64: string };
  const attachFile = (id: string, name: string, data: Uint8Array) =>
    api.attachFile({ id, name, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', dataBase64: Buffer.from(data).toString('base64') }) as {
      name: string;
      sm3: string;
      size: number;
    };
  return { store, get, act, create, readFile, attachFile };
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

describe('attachments between replicas', () => {
  it('a report with a file reaches the 督查室 replica with the bytes; until then readFile says NOT_FOUND', () => {
    const office = profile(SUPERVISOR);
    const unit = profile(SPJ);
    const id = assignedOnBoth(office, unit);

    // The unit's updates are queued as a sync engine would queue them, and delivered later.
    const outbox = outboxOf(unit.store, id);
    const data = randomBytes(2 * 1024 * 1024);
    const ref = unit.attachFile(id, '数据共享清单(第二批).docx', data);
    expect(outbox).toHaveLength(0);
    unit.act(id, { type: 'report', unit: '市审批管理局', text: '第二批共享清单已报送', percent: 60, attachments: [ref] });
    expect(outbox).toHaveLength(1);
    expect(() => office.readFile(id, ref.sm3)).toThrow(new AppError('NOT_FOUND', '附件文件尚未同步到本机,请稍后再试'));

    for (const update of outbox.splice(0)) office.store.applyUpdate(id, update);
    relay.submit(unit.store);
    relay.deliverEvents(office.store, id);
    const report = office.get(id).reports[0]!;
    expect(report.attachments).toEqual([ref]);
    const file = office.readFile(id, ref.sm3);
    expect(file.name).toBe('数据共享清单(第二批).docx');
    expect(Buffer.from(file.dataBase64, 'base64').equals(data)).toBe(true);

    // And from what the office stored on disk, after a restart of its profile.
    const dir = office.store.dir;
    office.store.close();
    stores.splice(stores.indexOf(office.store), 1);
    const reopened = Store.open({ dir });
    stores.push(reopened);
    const api = supervisionHandlers({ store: reopened, now: () => NOW, actor: () => SUPERVISOR });
    const again = api.readFile({ id, sm3: ref.sm3 }) as { dataBase64: string };
    expect(Buffer.from(again.dataBase64, 'base64').equals(data)).toBe(true);
  });

  it('a file uploaded and then left out (removed, dialog cancelled) never leaves the unit', () => {
    const office = profile(SUPERVISOR);
    const unit = profile(SPJ);
    const id = assignedOnBoth(office, unit);
    const outbox = outboxOf(unit.store, id);
    const dropped = unit.attachFile(id, '误选的文件.docx', randomBytes(3 * 1024 * 1024));
    const kept = unit.attachFile(id, '共享清单.docx', randomBytes(1000));
    expect(outbox).toHaveLength(0);
    unit.act(id, { type: 'report', unit: '市审批管理局', text: '清单已报送', percent: 30, attachments: [kept] });
    expect(outbox).toHaveLength(1);
    for (const update of outbox.splice(0)) office.store.applyUpdate(id, update);
    relay.submit(unit.store);
    relay.deliverEvents(office.store, id);
    expect(office.get(id).reports[0]!.attachments).toEqual([kept]);
    expect(Buffer.from(office.readFile(id, kept.sm3).dataBase64, 'base64')).toHaveLength(1000);
    expect(() => office.readFile(id, dropped.sm3)).toThrow(new AppError('NOT_FOUND', '附件文件尚未同步到本机,请稍后再试'));
    expect([...filesOf(office.store.getDoc(id)).keys()]).toEqual([kept.sm3]);
    expect([...filesOf(unit.store.getDoc(id)).keys()]).toEqual([kept.sm3]);
  });
});
