import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import type { Actor } from '../../core/supervision/actor';
import type { SupervisionActionInput } from '../../core/supervision/actions';
import { reduceSupervision } from '../../core/supervision/workflow';
import { GXJ, SPJ, SUPERVISOR, SUPERVISOR_2 } from '../../core/supervision/testing/log';
import { SupervisionAction } from '../../core/supervision/actions';
import { SupervisionCreate, type SupervisionCreateInput } from '../../core/supervision/model';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { EventRelay } from '../../main/store/testing/relay';
import { supervisionHandlers } from '../../main/supervision/handlers';
import { supervisionRepo } from '../../main/supervision/repository';

/**
 * Offline replicas: each profile is its own Store; they exchange Yjs updates through
 * store.applyUpdate and events through a stand-in for the sync server (EventRelay: submitted
 * events are appended in one order per record and delivered with store.applyRemoteEvents). After
 * any exchange order, all agree and nothing made offline is lost.
 */
const stores: Store[] = [];
let relay = new EventRelay();
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
  relay = new EventRelay();
});

const NOW = new Date('2022-06-20T02:00:00.000Z');

/** A profile on one person's machine. */
function profile(actor: Actor) {
  const store = Store.open({ dir: tempDir('xietong-replica-') });
  stores.push(store);
  const api = supervisionHandlers({ store, now: () => NOW, actor: () => actor });
  // The handlers are synchronous; their type allows promises for the dispatcher.
  const get = (id: string) => api.get({ id }) as SupervisionDetail;
  const act = (id: string, action: SupervisionActionInput) =>
    api.act({ id, basis: get(id).head, action: SupervisionAction.parse(action) }) as SupervisionDetail;
  // Handlers get parsed input from the dispatcher; called directly, the test parses.
  const create = (input: SupervisionCreateInput) => (api.create(SupervisionCreate.parse(input)) as SupervisionDetail).id;
  return { store, get, act, create };
}

/**
 * One sync round of two profiles: each submits its pending events (the server appends them in
 * that order), then each gets what the other lacks of the Y.Doc (state-vector diff) and every
 * event the server holds for the record.
 */
function exchange(a: Store, b: Store, id: string): void {
  relay.submit(a);
  relay.submit(b);
  const da = a.getDoc(id);
  const db = b.getDoc(id);
  const toB = Y.encodeStateAsUpdate(da, Y.encodeStateVector(db));
  const toA = Y.encodeStateAsUpdate(db, Y.encodeStateVector(da));
  b.applyUpdate(id, toB);
  a.applyUpdate(id, toA);
  relay.deliver(b, a, id);
  relay.deliver(a, b, id);
}

const copyTo = (from: Store, to: Store, id: string) => relay.sync(from, id, to);
const eventsOf = (s: Store, id: string) => s.events(id).map((e) => e.event);

describe('offline merges of the 督办 lifecycle', () => {
  it('two units report offline at the same time and the 督查室 returns one report offline: all agree, nothing is lost', () => {
    const office = profile(SUPERVISOR);
    const approval = profile(SPJ); // 市审批管理局
    const industry = profile(GXJ); // 市工信局(大数据局)
    const id = office.create({ title: '建设全市统一的政务服务管理平台', deadline: '2022-06-30' });
    office.act(id, {
      type: 'assign',
      assignments: [
        { unit: '市审批管理局', role: 'lead' },
        { unit: '市工信局(大数据局)', role: 'responsible' },
      ],
    });
    copyTo(office.store, approval.store, id);
    copyTo(office.store, industry.store, id);

    // Offline, at the same time: both units sign and report.
    approval.act(id, { type: 'acknowledge', unit: '市审批管理局' });
    approval.act(id, { type: 'report', unit: '市审批管理局', text: '平台完成招标', percent: 40 });
    industry.act(id, { type: 'report', unit: '市工信局(大数据局)', text: '数据接口开发中', percent: 30 });

    // The 督查室 receives only 市审批管理局's report, and returns it while still offline from 工信局.
    exchange(office.store, approval.store, id);
    const report = office.get(id).reports.find((r) => r.unit === '市审批管理局')!;
    office.act(id, { type: 'report_return', reportId: report.eventId, opinion: '请补充资金到位情况' });
    // Meanwhile 工信局 reports again, still offline.
    industry.act(id, { type: 'report', unit: '市工信局(大数据局)', text: '接口联调完成', percent: 60 });

    // Everyone syncs, in some order, twice.
    for (let round = 0; round < 2; round++) {
      exchange(industry.store, office.store, id);
      exchange(approval.store, industry.store, id);
      exchange(office.store, approval.store, id);
    }

    const logs = [office, approval, industry].map((p) => JSON.stringify(eventsOf(p.store, id)));
    expect(new Set(logs).size).toBe(1);
    const states = [office, approval, industry].map((p) => reduceSupervision(eventsOf(p.store, id)));
    expect(states[1]).toEqual(states[0]);
    expect(states[2]).toEqual(states[0]);
    const rows = [office, approval, industry].map((p) => supervisionRepo(p.store).list({}, { today: '2022-06-20' }).rows);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual(rows[0]);

    const state = states[0]!;
    expect(state.conflicts).toBe(0);
    expect(state.reports.map((r) => [r.unit, r.text, r.returned?.opinion ?? null])).toEqual(
      expect.arrayContaining([
        ['市审批管理局', '平台完成招标', '请补充资金到位情况'],
        ['市工信局(大数据局)', '数据接口开发中', null],
        ['市工信局(大数据局)', '接口联调完成', null],
      ]),
    );
    expect(state.reports).toHaveLength(3);
    expect(state.assignments.map((a) => [a.unit, a.percent, a.acknowledged !== null])).toEqual([
      ['市审批管理局', 0, true],
      ['市工信局(大数据局)', 60, true],
    ]);
    // The returned report is in 市审批管理局's 待办 on every replica.
    for (const p of [office, approval, industry]) {
      expect(supervisionRepo(p.store).todo(['unit:市审批管理局'], { today: '2022-06-20' }).map((t) => t.kind)).toContain('report_returned');
    }
  });

  it('two supervisors decide the same extension offline: one decision applies, the other is flagged on every replica', () => {
    const one = profile(SUPERVISOR);
    const two = profile(SUPERVISOR_2);
    const unit = profile(SPJ);
    const id = one.create({ title: '推行“掌上办公”服务', deadline: '2022-06-30' });
    one.act(id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    copyTo(one.store, unit.store, id);
    unit.act(id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-09-30', reason: '设备到货延迟' });
    exchange(unit.store, one.store, id);
    copyTo(one.store, two.store, id);
    const requestId = one.get(id).extensions[0]!.eventId;

    one.act(id, { type: 'extension_decision', requestId, approve: true, opinion: '同意' });
    two.act(id, { type: 'extension_decision', requestId, approve: false, opinion: '不同意' });
    exchange(one.store, two.store, id);
    exchange(two.store, unit.store, id);
    exchange(one.store, unit.store, id);

    const details = [one, two, unit].map((p) => p.get(id));
    const decisions = details.map((d) => d.history.filter((h) => h.event.type === 'extension_decision'));
    for (const list of decisions) {
      expect(list.map((h) => h.applied).sort()).toEqual([false, true]);
      expect(list.find((h) => !h.applied)?.conflict).toBe('与他人同时进行的操作冲突,未生效');
    }
    expect(new Set(details.map((d) => d.extendedDeadline)).size).toBe(1);
    expect(details.every((d) => d.conflict)).toBe(true);
  });
});
