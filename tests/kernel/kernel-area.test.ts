import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import type { Actor } from '../../core/kernel/actor';
import { createRegistry } from '../../core/kernel/registry';
import { DEMO_USERS } from '../../core/supervision/demo-users';
import { recordHandlers } from '../../main/kernel/handlers';
import { demoEventSigning } from '../../main/kernel/signing';
import { notificationHandlers } from '../../main/notifications/handlers';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir } from '../../main/store/testing/fixtures';
import { memoArea } from './test-area/area';

/**
 * "One folder and one line": the 便函 area (test-area/) is registered by the line below and
 * nothing else. The store projects it, the generic handlers create, sign, judge and list it,
 * search finds it and the right person's 待办 and notifications show it — no generic file knows it.
 */
const REGISTRY = createRegistry([...AREAS.areas, memoArea]);

const OFFICE: Actor = { login: 'office.he', name: '何文秘', unit: '市政府办公厅', role: 'office' };
const LEADER = DEMO_USERS.find((u) => u.role === 'leader')!;
const SUPERVISOR = DEMO_USERS.find((u) => u.role === 'supervisor')!;

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  removeTempDirs();
});

function app() {
  const dir = tempDir();
  const store = Store.open({ dir, registry: REGISTRY });
  stores.push(store);
  let actor: Actor = OFFICE;
  const now = new Date('2022-06-20T01:00:00Z');
  const ctx = { store, now: () => now, actor: () => actor, signing: demoEventSigning(dir, () => now.getTime(), {}) };
  return { store, h: recordHandlers(ctx), notices: notificationHandlers(ctx), as: (a: Actor) => (actor = a) };
}

describe('a new area in one folder and one line', () => {
  it('creates, acts (signed), searches, lists, shows in the right 待办 and refuses what its rule does not allow', async () => {
    const { store, h, notices, as } = app();
    const created = await h.records.create({ kind: 'memo', fields: { title: '关于调整会议室使用安排的便函', to: '市政府办公厅' }, body: '拟将三楼会议室调整为视频会议专用。' });
    expect(created).toMatchObject({ kind: 'memo', kindLabel: '便函', fields: { title: '关于调整会议室使用安排的便函' }, canEdit: true });
    expect(created.actions).toEqual([{ type: 'submit', label: '呈批' }]);
    expect(created.history.map((e) => [e.label, e.status, e.signature.status])).toEqual([['创建', 'pending', 'valid']]);

    const submitted = await h.records.act({ id: created.id, basis: created.head, type: 'submit', payload: { note: '请王秘书长审批' } });
    expect(submitted.history.map((e) => [e.label, e.applied, e.signature])).toEqual([
      ['创建', true, { status: 'valid', signer: 'office.he' }],
      ['呈批', true, { status: 'valid', signer: 'office.he' }],
    ]);
    expect(store.use((db) => db).prepare('SELECT title, phase FROM memo').all()).toEqual([{ title: '关于调整会议室使用安排的便函', phase: 'submitted' }]);

    // Found by search (title, body, and the note of its event), and listed by kind.
    for (const q of ['会议室', '视频会议', '秘书长']) expect(store.search({ q, kind: 'memo' }).hits.map((x) => x.id)).toEqual([created.id]);
    expect((await h.records.list({ kind: 'memo', offset: 0, limit: 10 })).rows).toEqual([expect.objectContaining({ id: created.id, title: '关于调整会议室使用安排的便函' })]);

    // In a leader's 待办 and notifications, nobody else's.
    as(LEADER);
    expect(await h.todo.list({})).toEqual([expect.objectContaining({ id: created.id, recordKind: 'memo', kind: 'approve', label: '便函待批准', title: '关于调整会议室使用安排的便函' })]);
    expect((await notices.pending({})).notifications.map((n) => [n.title, n.recordKind])).toEqual([['便函待批准:关于调整会议室使用安排的便函', 'memo']]);
    as(SUPERVISOR);
    expect((await h.todo.list({})).filter((t) => t.recordKind === 'memo')).toEqual([]);

    // Not permitted: nothing written, the reason is the area's.
    const before = store.events(created.id).length;
    await expect(Promise.resolve().then(() => h.records.act({ id: created.id, basis: submitted.head, type: 'approve', payload: {} }))).rejects.toMatchObject({ code: 'BAD_INPUT', message: '只有领导可以批准便函' });
    expect(store.events(created.id)).toHaveLength(before);

    as(LEADER);
    const approved = await h.records.act({ id: created.id, basis: submitted.head, type: 'approve', payload: { opinion: '同意' } });
    expect(approved.history.at(-1)).toMatchObject({ label: '批准', applied: true, signature: { status: 'valid', signer: 'leader.wang' } });
    expect(await h.todo.list({})).toEqual([]);
    // A second 批准 breaks the area's state rule: CONFLICT, with its reason.
    await expect(Promise.resolve().then(() => h.records.act({ id: created.id, basis: approved.head, type: 'approve', payload: {} }))).rejects.toMatchObject({ code: 'CONFLICT', message: '便函尚未呈批或已批准' });
  });

  it('edits only changed fields with an edit event, and refuses a stale form naming the other person’s value', async () => {
    const { h } = app();
    const memo = await h.records.create({ kind: 'memo', fields: { title: '原标题', to: '市政府办公厅' } });
    const base = memo.fields;
    const edited = await h.records.update({ id: memo.id, base, patch: { title: '新标题', to: '市政府办公厅' } });
    expect(edited.fields.title).toBe('新标题');
    expect(edited.history.at(-1)).toMatchObject({ label: '修改', event: { type: 'edit', payload: { fields: ['title'], values: { title: '新标题' } } }, signature: { status: 'valid' } });
    // The same old form again: the title moved since it was opened.
    await expect(Promise.resolve().then(() => h.records.update({ id: memo.id, base, patch: { title: '另一个标题' } }))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '“标题”已被何文秘修改为“新标题”,请刷新后再修改',
    });
    // A field nobody else changed saves from the same old form; invalid values are refused.
    expect((await h.records.update({ id: memo.id, base, patch: { to: '市政府督查室' } })).fields.to).toBe('市政府督查室');
    await expect(Promise.resolve().then(() => h.records.update({ id: memo.id, base: edited.fields, patch: { title: '' } }))).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
