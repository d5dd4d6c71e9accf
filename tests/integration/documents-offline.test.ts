import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentWorkflow } from '../../core/documents/view';
import type { AppNotification } from '../../core/ipc/notifications';
import type { RecordDetail } from '../../core/ipc/records';
import { createAppDispatch } from '../../main/app/handlers-index';
import { createSession } from '../../main/app/session';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { EventRelay } from '../../main/store/testing/relay';

/**
 * Two leaders act on one 待签发 draft offline (two 签发, or a 签发 and a 退回). The events meet at
 * the server (EventRelay: appended in one order per record); after sync both replicas show one
 * outcome — the first appended — and the losing action is kept, flagged as a conflict, and its
 * author is told (a notification), never silently dropped.
 */
const stores: Store[] = [];
let relay = new EventRelay();
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
  relay = new EventRelay();
});

function machine(login: string) {
  const store = Store.open({ dir: tempDir('xietong-docs-') });
  stores.push(store);
  const session = createSession();
  session.switchTo(login);
  const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-07-05T01:00:00Z') });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  return { store, call, as: (l: string) => session.switchTo(l) };
}

function exchange(a: Store, b: Store, id: string): void {
  relay.submit(a);
  relay.submit(b);
  const [da, db] = [a.getDoc(id), b.getDoc(id)];
  b.applyUpdate(id, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)));
  a.applyUpdate(id, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)));
  relay.deliver(b, a, id);
  relay.deliver(a, b, id);
}

async function draftAwaitingIssue() {
  const a = machine('bgt.li');
  const b = machine('leader.chen');
  const { id } = await a.call<{ id: string }>('documents.draft', { docKind: '通知', title: '关于开展政务数据安全检查的通知', issuerCode: '厦府办' });
  await a.call('documents.step', { id, basis: null, step: { type: 'submit' } });
  relay.sync(a.store, id, b.store);
  a.as('leader.wang');
  return { a, b, id };
}

describe('offline conflicts on one draft', () => {
  it.each([
    ['two 签发', 'approve', 'approve'],
    ['a 签发 and a 退回', 'approve', 'return'],
    ['a 退回 and a 签发', 'return', 'approve'],
  ] as const)('%s: one outcome on every replica, the loser flagged to its author', async (_name, first, second) => {
    const { a, b, id } = await draftAwaitingIssue();
    const wa = await a.call<DocumentWorkflow>('documents.workflow', { id });
    const wb = await b.call<DocumentWorkflow>('documents.workflow', { id });
    expect(wa.head).toBe(wb.head);
    await a.call('documents.step', { id, basis: wa.head, step: { type: 'issue', decision: first, opinion: `王:${first}` } });
    await b.call('documents.step', { id, basis: wb.head, step: { type: 'issue', decision: second, opinion: `陈:${second}` } });
    // a reaches the server first.
    exchange(a.store, b.store, id);

    const expected = first === 'approve' ? 'issued' : 'draft';
    for (const m of [a, b]) {
      const w = await m.call<DocumentWorkflow>('documents.workflow', { id });
      expect(w.phase).toBe(expected);
      expect(w.opinions.map((o) => o.name)).toEqual(['王副秘书长']);
      const history = (await m.call<RecordDetail>('records.get', { id })).history.filter((h) => h.event.type === 'issue');
      expect(history.map((h) => [h.event.actor, h.applied, h.conflict])).toEqual([
        ['leader.wang', true, null],
        ['leader.chen', false, '与他人同时进行的操作冲突,未生效'],
      ]);
    }
    const { notifications: notices } = await b.call<{ notifications: AppNotification[] }>('notifications.pending', {});
    expect(notices).toEqual(expect.arrayContaining([expect.objectContaining({ title: '您的“签发”未生效', body: expect.stringContaining('关于开展政务数据安全检查的通知') })]));
    a.as('leader.wang');
    expect((await a.call<{ notifications: AppNotification[] }>('notifications.pending', {})).notifications.some((n) => n.title.includes('未生效'))).toBe(false);
  });
});
