import { afterEach, describe, expect, it } from 'vitest';
import type { AppNotification } from '../../core/ipc/notifications';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { schemaVersion } from '../store/migrate';
import { openDatabase } from '../store/open-db';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { EventRelay } from '../store/testing/relay';
import { supervisionRepo } from '../supervision/repository';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

interface Profile {
  store: Store;
  session: Session;
  dispatch: Dispatch;
}

let now = new Date('2022-06-20T01:00:00Z');

function profile(): Profile {
  const store = Store.open({ dir: tempDir() });
  stores.push(store);
  const session = createSession();
  return { store, session, dispatch: createAppDispatch({ store, shell: 'web', session, now: () => now }) };
}

async function ok<T>(p: Profile, channel: string, input: unknown, as?: string): Promise<T> {
  if (as) p.session.switchTo(as);
  const result = await p.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const act = async (p: Profile, id: string, action: unknown, as: string) => {
  const { head } = await ok<SupervisionDetail>(p, 'supervision.get', { id }, as);
  return ok<SupervisionDetail>(p, 'supervision.act', { id, basis: head, action });
};
/** A stand-in for the sync server: events are submitted, ordered and delivered; the Yjs state goes along. */
let relay = new EventRelay();
/** A (re-)sync: `from`'s events are submitted, then the record's whole state and events go to `to`, as after a reconnect. */
const sync = (from: Profile, to: Profile, id: string) => relay.sync(from.store, id, to.store);
const pending = async (p: Profile, as: string) =>
  (await ok<{ notifications: AppNotification[] }>(p, 'notifications.pending', {}, as)).notifications;
const ack = async (p: Profile, keys: string[], as: string) => (await ok<{ acked: number }>(p, 'notifications.ack', { keys }, as)).acked;

describe('notifications', () => {
  it('are derived once per idempotent key: never offered again after ack, re-sync, rebuild or for another unit', async () => {
    now = new Date('2022-06-20T01:00:00Z');
    relay = new EventRelay();
    const office = profile();
    const unit = profile();
    const item = await ok<SupervisionDetail>(office, 'supervision.create', { title: '推行掌上办公', deadline: '2022-06-30', lead: ['市审批管理局'] }, 'dcs.lin');
    await act(office, item.id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] }, 'dcs.lin');
    sync(office, unit, item.id);

    const first = await pending(unit, 'spj.zhang');
    expect(first.map((n) => [n.kind, n.key])).toEqual([['assignment', `assign:${item.id}:市审批管理局:2022-06-20`]]);
    expect(first[0]?.title).toBe('新交办事项:推行掌上办公');
    expect(await pending(unit, 'gxj.chen')).toEqual([]);
    expect(await ack(unit, first.map((n) => n.key), 'spj.zhang')).toBe(1);
    expect(await pending(unit, 'spj.zhang')).toEqual([]);

    // The same events again (reconnect), and the projection rebuilt from the log: same keys.
    sync(office, unit, item.id);
    unit.store.rebuildIndex();
    expect(await pending(unit, 'spj.zhang')).toEqual([]);

    // A 催办 is new: offered once; acknowledging twice counts once.
    await act(office, item.id, { type: 'urge', units: ['市审批管理局'], level: 'blue', text: '请加快推进' }, 'dcs.lin');
    sync(office, unit, item.id);
    const urged = await pending(unit, 'spj.zhang');
    expect(urged.map((n) => n.kind)).toEqual(['urge']);
    expect(await ack(unit, urged.map((n) => n.key), 'spj.zhang')).toBe(1);
    expect(await ack(unit, urged.map((n) => n.key), 'spj.zhang')).toBe(0);

    // The deadline approaches: one due_soon, with the same key as the automatic reminder.
    now = new Date('2022-06-27T01:00:00Z');
    const due = await pending(unit, 'spj.zhang');
    expect(due.map((n) => n.key)).toEqual([`${item.id}:due-soon:2022-06-30`]);
    await ack(unit, due.map((n) => n.key), 'spj.zhang');
    now = new Date('2022-06-28T01:00:00Z');
    expect(await pending(unit, 'spj.zhang')).toEqual([]);

    // A returned report reaches the unit; the 督查室 is told of the extension request.
    await act(unit, item.id, { type: 'report', unit: '市审批管理局', text: '已完成方案', percent: 40 }, 'spj.zhang');
    sync(unit, office, item.id);
    const report = (await ok<SupervisionDetail>(office, 'supervision.get', { id: item.id })).reports[0];
    await act(office, item.id, { type: 'report_return', reportId: report?.eventId, opinion: '请补充数据' }, 'dcs.lin');
    sync(office, unit, item.id);
    expect((await pending(unit, 'spj.zhang')).map((n) => n.kind)).toEqual(['report_returned']);
    await act(unit, item.id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-07-29', reason: '数据对接未完成' }, 'spj.zhang');
    sync(unit, office, item.id);
    const forOffice = await pending(office, 'dcs.lin');
    expect(forOffice.map((n) => n.kind)).toEqual(['extension']);
    await ack(office, forOffice.map((n) => n.key), 'dcs.lin');
    sync(unit, office, item.id);
    expect(await pending(office, 'dcs.lin')).toEqual([]);
  });

  it('4 → 5: adds notifications_sent, keeps the log, and the table survives a rebuild', () => {
    const dir = tempDir();
    const v4 = openDatabase(dir, { targetVersion: 4 });
    v4.close();
    const v5 = openDatabase(dir, { targetVersion: 5 });
    expect(schemaVersion(v5)).toBe(5);
    v5.prepare("INSERT INTO notifications_sent(login, key, at) VALUES ('spj.zhang', 'k1', '2022-06-20')").run();
    v5.close();
    const store = Store.open({ dir });
    stores.push(store);
    store.rebuildIndex();
    expect(supervisionRepo(store).database.prepare('SELECT login, key FROM notifications_sent').all()).toEqual([{ login: 'spj.zhang', key: 'k1' }]);
  });
});
