import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordDetail, TodoEntry } from '../../core/ipc/records';
import type { SupervisionDetail } from '../../core/ipc/supervision';
import * as Y from 'yjs';
import { authorOfClient, authorsOf } from '../../core/records/body-authors';
import { bodyOf, bodyText } from '../../core/records/record-doc';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import type { Dispatch } from '../../core/ipc/dispatch';
import { importSeedFile, defaultSeedFile, type SeedImportResult } from '../seed/import-seed';
import { Store } from '../store/store';
import { supervisionRepo } from '../supervision/repository';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';

let store: Store;
let session: Session;
let dispatch: Dispatch;
let seed: SeedImportResult;
const now = new Date('2022-06-20T01:00:00Z');
const { ok, call } = dispatchClient(() => ({ dispatch, session }));
/** A seed item 市审批管理局 leads (张敏 signs and reports for it). */
const ledBySpj = () => supervisionRepo(store).list({ lead: '市审批管理局', limit: 1 }).rows[0]!;

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  seed = importSeedFile(store, defaultSeedFile(), now);
  session = createSession();
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

describe('records.* and todo.* on the app’s own areas', () => {
  it('a seed item through the generic detail: 创建 and 交办 by the import (系统导入), its actions for the viewer', async () => {
    const [first] = (await ok<{ rows: Array<{ id: string }> }>('records.list', { kind: 'supervision', limit: 2 })).rows;
    const detail = await ok<RecordDetail>('records.get', { id: seed.projectId });
    expect(detail).toMatchObject({ kind: 'supervision', kindLabel: '督办事项', fields: { level: 'project' } });
    expect(detail.history.map((e) => [e.label, e.status, e.signature.status])).toEqual([['创建', 'pending', 'system']]);
    expect(first).toBeDefined();
    const item = ledBySpj();
    const asUnit = await ok<RecordDetail>('records.get', { id: item.id }, 'spj.zhang');
    expect(asUnit.history.map((e) => e.label)).toEqual(['创建', '交办']);
    expect(asUnit.actions.map((a) => a.label)).toEqual(expect.arrayContaining(['签收', '进展反馈']));
    expect(asUnit.canEdit).toBe(false);
  });

  it('records.act on a 督办 item is the same act as supervision.act: judged, signed, projected', async () => {
    const item = ledBySpj();
    const before = await ok<RecordDetail>('records.get', { id: item.id }, 'spj.zhang');
    const acked = await ok<RecordDetail>('records.act', { id: item.id, basis: before.head, type: 'acknowledge', payload: { unit: '市审批管理局' } });
    expect(acked.history.at(-1)).toMatchObject({ label: '签收', applied: true, status: 'pending', signature: { status: 'valid', signer: 'spj.zhang' } });
    expect((await ok<SupervisionDetail>('supervision.get', { id: item.id })).assignments.find((a) => a.unit === '市审批管理局')?.acknowledged?.by.login).toBe('spj.zhang');
    // Another unit may not sign for it: refused with the reducer's reason, nothing written.
    const refused = await call('records.act', { id: item.id, basis: acked.head, type: 'acknowledge', payload: { unit: '市审批管理局' } }, 'gxj.chen');
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '当前身份不属于市审批管理局,不能代其操作' } });
    expect(await call('records.act', { id: item.id, basis: null, type: 'no_such', payload: {} })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('records.update on a 督办 item: changed fields only, an edit in 办理记录; the deadline after 交办 is refused', async () => {
    const item = ledBySpj();
    const opened = await ok<RecordDetail>('records.get', { id: item.id }, 'dcs.lin');
    const saved = await ok<RecordDetail>('records.update', { id: item.id, base: opened.fields, patch: { progressNote: '已梳理首批事项', title: opened.fields.title } });
    expect(saved.history.at(-1)).toMatchObject({ label: '修改', event: { payload: { fields: ['progressNote'] } }, signature: { status: 'valid', signer: 'dcs.lin' } });
    expect((await ok<SupervisionDetail>('supervision.get', { id: item.id })).history.at(-1)?.event.type).toBe('edit');
    expect(await call('records.update', { id: item.id, base: saved.fields, patch: { deadline: '六月底' } })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('日期格式应为 YYYY-MM-DD') } });
    const late = await call('records.update', { id: item.id, base: saved.fields, patch: { deadline: '2022-12-31' } });
    expect(late).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '已交办事项的完成时限不能在编辑中修改:未设时限的请用“设定时限”,已有时限的须经延期审批' } });
  });

  it('records.update of the 正文: the new text is attributed to the person who saved it (the 花脸稿 names them)', async () => {
    const item = ledBySpj();
    const opened = await ok<RecordDetail>('records.get', { id: item.id }, 'dcs.lin');
    const before = new Set(Object.keys(authorsOf(store.getDoc(item.id)).toJSON()));
    await ok<RecordDetail>('records.update', { id: item.id, base: opened.fields, patch: {}, body: '请各责任单位于六月底前报送进展。' });
    const doc = store.getDoc(item.id);
    expect(bodyText(doc)).toBe('请各责任单位于六月底前报送进展。');
    const added = Object.entries(authorsOf(doc).toJSON()).filter(([client]) => !before.has(client));
    expect(added.map(([, who]) => who)).toEqual([{ login: 'dcs.lin', name: '林督查' }]);
  });

  it('records.create with a 正文: the text is attributed to its creator (the 花脸稿 names them)', async () => {
    const created = await ok<RecordDetail>(
      'records.create',
      { kind: 'incoming', fields: { kind: 'incoming', title: '关于推进数字政府建设的通知', issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕51号', writtenDate: '2022-06-01', issuedDate: '2022-06-02', mainRecipients: ['各区人民政府'], ccRecipients: [], publicity: '主动公开', receivedAt: '2022-06-03T01:00:00.000Z', createdAt: '2022-06-03T01:00:00.000Z', updatedAt: '2022-06-03T01:00:00.000Z' }, body: '请认真贯彻落实。' },
      'dcs.lin',
    );
    const doc = store.getDoc(created.id);
    expect(bodyText(doc)).toBe('请认真贯彻落实。');
    const writers = new Set<number>();
    const walk = (t: Y.XmlFragment | Y.XmlElement): void => t.toArray().forEach((c) => (c instanceof Y.XmlText ? c.toDelta().length > 0 && writers.add(c._start!.id.client) : c instanceof Y.XmlElement && walk(c)));
    walk(bodyOf(doc));
    expect([...writers].map((client) => authorOfClient(doc, client))).toEqual([{ login: 'dcs.lin', name: '林督查' }]);
  });

  it('todo.list: the identity’s 待办 across areas, most urgent first, then by due date', async () => {
    session.switchTo('spj.zhang');
    const todo = await ok<TodoEntry[]>('todo.list', {});
    expect(todo.length).toBeGreaterThan(0);
    expect(todo.every((t) => t.recordKind === 'supervision' && t.title !== '')).toBe(true);
    const keys = todo.map((t) => [-t.urgency, t.due ?? '9999-12-31'] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(new Set(todo.map((t) => t.kind))).toEqual(new Set(['acknowledge', 'report']));
  });
});
