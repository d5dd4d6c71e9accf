import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { SupervisionDetail } from '../../core/ipc/supervision';

/** Issue 10, point 3: two people save the same item's edit form; nothing is lost silently. */

const app = testApp();
const { call, ok } = app;

/** What the edit form holds when it opens (renderer/src/areas/supervision/patch.ts editValuesOf). */
const formOf = (d: SupervisionDetail) => ({
  title: d.title,
  lead: d.lead,
  responsible: d.responsible,
  deadline: d.deadline,
  milestones: d.milestones.map(({ id, title, date }) => ({ id, title, date })),
  progressNote: d.progressNote,
  body: d.body,
});

describe('two edit forms open on one item', () => {
  it('refuses the second save of a field that moved (showing the other value), merges the 正文, and records both edits', async () => {
    const created = await ok<SupervisionDetail>(
      'supervision.create',
      { title: '建设城市运行管理中心', body: '一、工作目标\n建成城市运行管理中心。\n二、工作措施\n统筹推进。', progressNote: '已完成方案编制', milestones: [{ title: '方案印发', date: '2022-07-15' }] },
      'dcs.lin',
    );
    const zhang = formOf(created); // 张三 opens the form
    const li = formOf(created); // 李四 opens it too

    app.setNow(new Date('2022-06-20T02:00:00Z'));
    const first = await ok<SupervisionDetail>('supervision.update', {
      id: created.id,
      base: zhang,
      patch: { progressNote: '已完成方案编制和招标', title: '建设城市运行管理中心(一期)', body: '一、工作目标\n建成城市运行管理中心,实现一网统管。\n二、工作措施\n统筹推进。' },
    });
    expect(first.progressNote).toBe('已完成方案编制和招标');

    app.setNow(new Date('2022-06-20T03:00:00Z'));
    const stale = await call('supervision.update', { id: created.id, base: li, patch: { progressNote: '方案已报市政府' } }, 'admin');
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const message = (stale as { error: { message: string } }).error.message;
    expect(message).toContain('已完成方案编制和招标');
    expect(message).toContain('林督查');

    // Fields that did not move save; the 正文 merges with the newer one; milestones read as the form saw them.
    const merged = await ok<SupervisionDetail>('supervision.update', {
      id: created.id,
      base: li,
      patch: { body: '一、工作目标\n建成城市运行管理中心。\n二、工作措施\n统筹推进,按月调度。', milestones: [...li.milestones, { title: '平台上线', date: '2022-12-20' }] },
    });
    expect(merged.body).toBe('一、工作目标\n建成城市运行管理中心,实现一网统管。\n二、工作措施\n统筹推进,按月调度。');
    expect(merged.title).toBe('建设城市运行管理中心(一期)');
    expect(merged.progressNote).toBe('已完成方案编制和招标');
    expect(merged.milestones.map((m) => m.title)).toEqual(['方案印发', '平台上线']);

    // Both edits are in 办理记录: who, when, which fields.
    const edits = merged.history.filter((h) => h.event.type === 'edit').map((h) => [h.event.by?.login, h.event.at, (h.event.payload as { fields: string[] }).fields]);
    expect(edits).toEqual([
      ['dcs.lin', '2022-06-20T02:00:00.000Z', ['title', 'progressNote', 'body']],
      ['admin', '2022-06-20T03:00:00.000Z', ['milestones', 'body']],
    ]);
  });

  it('a form saved without base still writes only the changed fields', async () => {
    const created = await ok<SupervisionDetail>('supervision.create', { title: '事项', progressNote: '甲' }, 'dcs.lin');
    await ok('supervision.update', { id: created.id, patch: { progressNote: '乙' } });
    const d = await ok<SupervisionDetail>('supervision.update', { id: created.id, patch: { title: '事项二' } });
    expect([d.title, d.progressNote]).toEqual(['事项二', '乙']);
  });
});
