import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import type { RecordEvent } from '../../core/kernel/event';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import { recordEvent } from '../../core/sync/testing/record-events';
import { supervisionArea } from '../../core/supervision/area';
import { createAppDispatch } from '../../main/app/handlers-index';
import { createSession } from '../../main/app/session';
import { dispatchClient } from '../../main/app/testing/dispatch';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { judgeSubmission } from '../../sync-server/events/judge';
import { RecordLog } from '../../sync-server/events/record-log';

/**
 * One table of 督办 permission cases, asked of the three places that decide them: the area's
 * `can()` (core), what the page offers (the detail's `actions`, from which the renderer's buttons
 * show), what the handlers accept (`supervision.act`), and what the sync server appends
 * (`judgeSubmission` with the app's registry, on a record log holding the same events). Each
 * case must get one answer from all of them.
 */
const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const SPJ = '市审批管理局';

interface Case {
  who: string;
  type: string;
  payload: Record<string, unknown>;
  allowed: boolean;
}

const CASES: Case[] = [
  { who: 'spj.zhang', type: 'acknowledge', payload: { unit: SPJ }, allowed: true },
  { who: 'gxj.chen', type: 'acknowledge', payload: { unit: SPJ }, allowed: false },
  { who: 'dcs.lin', type: 'acknowledge', payload: { unit: SPJ }, allowed: false },
  { who: 'spj.zhang', type: 'report', payload: { unit: SPJ, text: '已完成方案', percent: 30 }, allowed: true },
  { who: 'xxzx.liu', type: 'report', payload: { unit: SPJ, text: '代报', percent: 30 }, allowed: false },
  { who: 'dcs.lin', type: 'urge', payload: { units: [SPJ], level: 'blue', text: '请抓紧推进' }, allowed: true },
  { who: 'spj.zhang', type: 'urge', payload: { units: [SPJ], level: 'blue', text: '自行催办' }, allowed: false },
  { who: 'spj.zhang', type: 'assign', payload: { assignments: [{ unit: '市信息中心', role: 'cooperating' }] }, allowed: false },
  { who: 'dcs.lin', type: 'assign', payload: { assignments: [{ unit: '市信息中心', role: 'cooperating' }] }, allowed: true },
  { who: 'spj.zhang', type: 'close', payload: {}, allowed: false },
  { who: 'leader.wang', type: 'evaluate', payload: { unit: SPJ, score: 90 }, allowed: false },
];

const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  removeTempDirs();
});

/** A 督办 item made by the 督查室 and 交办 to 市审批管理局 (lead), as the app makes it. */
async function assignedItem() {
  const store = Store.open({ dir: tempDir('xietong-can-') });
  opened.push(store);
  const session = createSession();
  const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-06-20T02:00:00Z') });
  const client = dispatchClient(() => ({ dispatch, session }));
  const created = await client.ok<SupervisionDetail>('supervision.create', { title: '推进政务数据共享', deadline: '2022-12-30' }, 'dcs.lin');
  const assigned = await client.act(created.id, { type: 'assign', assignments: [{ unit: SPJ, role: 'lead' }] }, 'dcs.lin');
  if (!assigned.ok) throw new Error(assigned.error.message);
  return { store, client, id: created.id };
}

/** The server's record log after the same events, each judged as submitted by its actor. */
function serverLog(id: string, events: readonly RecordEvent[]) {
  const log = new RecordLog(id, AREAS);
  log.fill({ docId: 1, kind: null, creatorUnits: [], eventOwners: [], events: [] });
  const judge = (event: RecordEvent) => judgeSubmission({ registry: AREAS, trust: null }, log, { login: event.actor, role: 'staff', units: [event.by?.unit ?? ''] }, JSON.stringify(event));
  for (const event of events) {
    const j = judge(event);
    if (j.kind !== 'append') throw new Error(`the server refused the item's own ${event.type}: ${'reason' in j ? j.reason : j.kind}`);
    log.add(j.event, j.text, j.area, Promise.resolve(true));
  }
  return judge;
}

describe('one can() for the page, the handlers and the sync server', () => {
  for (const c of CASES) {
    it(`${c.who} ${c.type}: ${c.allowed ? 'allowed' : 'refused'} everywhere`, async () => {
      const { store, client, id } = await assignedItem();
      const actor = user(c.who);
      const state = store.reduced(id).state;
      const head = (await client.ok<SupervisionDetail>('supervision.get', { id }, c.who)).head;
      // core: the area's rule.
      const rule = supervisionArea.can(actor, { type: c.type, payload: c.payload }, state as never);
      // The page: the buttons come from the detail's actions.
      const offered = (await client.ok<SupervisionDetail>('supervision.get', { id }, c.who)).actions.includes(c.type as never);
      // The sync server, on a log of the same events.
      const judge = serverLog(id, store.events(id).map((e) => e.event));
      const server = judge(recordEvent(actor, c.type, c.payload, { basis: head }));
      // The handlers (last: it writes when allowed).
      const handled = await client.call('supervision.act', { id, basis: head, action: { type: c.type, ...c.payload } }, c.who);
      expect({ rule: rule === null, offered, handlers: handled.ok, server: server.kind === 'append' }).toEqual({ rule: c.allowed, offered: c.allowed, handlers: c.allowed, server: c.allowed });
    });
  }
});
