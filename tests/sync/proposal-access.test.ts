import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/kernel/actor';
import { PEOPLE } from '../../core/proposals/testing/events';
import type { ProposalState } from '../../core/proposals/state';
import { act } from '../../main/kernel/act';
import { importProposals } from '../../main/proposals/import';
import { proposalRepo } from '../../main/proposals/repository';
import { proposalWorkbook } from '../../main/proposals/testing/workbook';
import { Store } from '../../main/store/store';
import { SyncEngine } from '../../main/sync/engine';
import { StoreStorage } from '../../main/sync/store-storage';
import { MuxClient } from '../../main/sync/testing/mux-client';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { CloseCode } from '../../core/sync/protocol';
import { until } from './helpers';

/**
 * 提案建议 through the real sync server: a proposal is seen by the liaison office that registered
 * it, its 主办 unit and its 会办/协办 units — nobody else. Another unit receives no bytes of it (not
 * in the feed, its document refused with nothing sent), a unit taken off by a granted 调整 loses
 * it, and proposals not yet 交办 stay with the office.
 */
describe('提案建议 access through the sync server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const stores: Store[] = [];
  const engines: SyncEngine[] = [];
  const now = new Date('2024-01-22T01:00:00Z');

  function profile(login: string) {
    const store = Store.open({ dir: tempDir() });
    stores.push(store);
    const engine = new SyncEngine({ storage: new StoreStorage(store), url: server.wsUrl, token: tokenFor(dataDir, login), backoffBaseMs: 20, backoffMaxMs: 300 });
    engines.push(engine);
    engine.start();
    return { store, engine };
  }

  beforeAll(async () => {
    for (const p of [PEOPLE.office, PEOPLE.lead, PEOPLE.helper, PEOPLE.outsider] as Actor[]) addUser(dataDir, p.login, { unit: p.unit, name: p.name });
    addUser(dataDir, 'rs.qian', { unit: '市人社局', name: '钱进' });
    server = await startSyncServer({ dataDir, args: ['--acl-poll-ms', '100'] });
  });
  afterAll(async () => {
    for (const e of engines) e.destroy();
    for (const s of stores) s.close();
    await server?.stop('SIGKILL');
  });

  it('gives the 主办 and 协办 units the proposal assigned to them, and another unit nothing', async () => {
    const office = profile(PEOPLE.office.login);
    const result = await importProposals({ store: office.store, actor: PEOPLE.office, now }, { fileName: 'a.xlsx', bytes: await proposalWorkbook({ rows: 4 }) });
    expect(result.imported).toBe(4);
    const [id, ...others] = proposalRepo(office.store).list({ offset: 0, limit: 10 }, '2024-01-22').rows.map((r) => r.id);
    act(office.store, office.store.registry, { id: id!, basis: null, type: 'assign', payload: { lead: '市教育局', helpers: ['市卫健委'] } }, PEOPLE.office, now);
    await office.engine.whenIdle();
    await until(() => office.engine.status().pending === 0, 'the office has sent everything');

    const lead = profile(PEOPLE.lead.login);
    const helper = profile(PEOPLE.helper.login);
    const outsider = profile(PEOPLE.outsider.login);
    await until(() => lead.store.has(id!) && helper.store.has(id!), 'the 主办 and 协办 units receive the proposal');
    await until(() => lead.store.reduced<ProposalState>(id!).state.phase === 'handling', 'with its 交办');
    expect(helper.store.reduced<ProposalState>(id!).state.assignment).toMatchObject({ lead: '市教育局', helpers: ['市卫健委'] });
    await Promise.all([lead.engine.whenIdle(), helper.engine.whenIdle(), outsider.engine.whenIdle()]);
    // Not yet assigned: only the office has them.
    for (const other of others) expect([lead.store.has(other), helper.store.has(other), outsider.store.has(other)]).toEqual([false, false, false]);
    expect(outsider.store.count()).toBe(0);

    // Asked directly, the server tells another unit nothing: not in its feed, the document refused unsent.
    const probe = new MuxClient(server.wsUrl, tokenFor(dataDir, PEOPLE.outsider.login));
    const feed = await probe.feed(0);
    expect(feed.page.entries.map((e) => e.name)).toEqual([]);
    const refused = await probe.submit(id!, [{ id: 'x-1', type: 'contact', actor: PEOPLE.outsider.login, by: PEOPLE.outsider, at: now.toISOString(), basis: null, payload: { date: '2024-01-22', form: '电话', people: '某', summary: '某' } }]);
    expect(refused[0]).toMatchObject({ status: 'refused', reason: '无权访问该记录' });
    probe.close();
    const raw = new RawClient(docUrl(server.wsUrl, id!, tokenFor(dataDir, PEOPLE.outsider.login)), { sendStep1: false });
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(raw.received).toBe(0);
  });

  it('takes the proposal away from a 协办 unit the office took off (调整), and gives it to the new one', async () => {
    const office = profile(PEOPLE.office.login);
    await until(() => office.store.count('proposal') === 4, 'the office has its proposals back from the server');
    const id = proposalRepo(office.store).list({ status: 'handling', offset: 0, limit: 1 }, '2024-01-22').rows[0]!.id;
    const helper = profile(PEOPLE.helper.login);
    await until(() => helper.store.has(id), 'the 协办 unit has it');
    const asked = act(helper.store, helper.store.registry, { id, basis: null, type: 'adjust_request', payload: { reason: '不属本单位职责', suggestion: '市人社局' } }, PEOPLE.helper, new Date('2024-01-23T01:00:00Z'));
    await helper.engine.whenIdle();
    await until(() => office.store.reduced<ProposalState>(id).state.adjustRequests.length === 1, 'the office receives the request');
    const head = office.store.reduced<ProposalState>(id).head;
    act(office.store, office.store.registry, { id, basis: head, type: 'adjust_decide', payload: { request: asked.id, granted: true, lead: '市教育局', helpers: ['市人社局'] } }, PEOPLE.office, new Date('2024-01-24T01:00:00Z'));
    await office.engine.whenIdle();
    const newHelper = profile('rs.qian');
    await until(() => newHelper.store.has(id), 'the new 协办 unit receives it');
    await until(() => !helper.store.has(id), 'the former 协办 unit loses it');
  });
});
