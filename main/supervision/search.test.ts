import { describe, expect, it } from 'vitest';
import { testApp } from '../app/testing/test-app';
import type { SearchResult } from '../../core/ipc/search';
import type { SupervisionDetail } from '../../core/ipc/supervision';

/** Issue 10, point 6: search finds 督办事项 by units, people, attachment names and event texts. */

const app = testApp();
const { ok, act } = app;

async function hits(q: string): Promise<SearchResult['hits']> {
  return (await ok<SearchResult>('search.query', { q })).hits;
}

describe('search over 督办事项', () => {
  it('finds an item by unit, person, attachment name, 延期理由, 督查单 and its reply, with highlighted snippets', async () => {
    const item = await ok<SupervisionDetail>('supervision.create', { title: '推行掌上办公', deadline: '2022-06-30', lead: ['市审批管理局'] }, 'dcs.lin');
    const other = await ok<SupervisionDetail>('supervision.create', { title: '建设数据中台', lead: ['市信息中心'] }, 'dcs.lin');
    await act(item.id, { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead', contact: '张敏' }, { unit: '市工信局', role: 'responsible' }] });
    // The file goes to the blob store first (as the renderer sends it), then is attached by its ref.
    const data = Buffer.from('%PDF-1.4 验收');
    const { uploadId } = await ok<{ uploadId: string }>('blobs.begin', { name: '掌上办公验收报告.pdf', mime: 'application/pdf', size: data.length }, 'spj.zhang');
    await ok('blobs.put', { uploadId, offset: 0, dataBase64: data.toString('base64') });
    const blob = await ok<{ name: string; sm3: string; size: number; mime: string }>('blobs.finish', { uploadId });
    const file = await ok<{ name: string; sm3: string; size: number }>('supervision.attachFile', { id: item.id, ...blob });
    await act(item.id, { type: 'report', unit: '市审批管理局', text: '完成事项梳理', percent: 40, attachments: [file] }, 'spj.zhang');
    await act(item.id, { type: 'extension_request', unit: '市审批管理局', deadline: '2022-09-30', reason: '等待省级统一身份认证接口' }, 'spj.zhang');
    const urged = await act(item.id, { type: 'urge', units: ['市工信局'], level: 'red', text: '请说明政务外网改造滞后原因' }, 'dcs.lin');
    const urgeId = (urged as { value: SupervisionDetail }).value.urges[0]!.eventId;
    expect((await act(item.id, { type: 'urge_read', urgeId, unit: '市工信局(大数据局)', reply: '因设备到货延迟,预计七月中旬完成' }, 'gxj.chen')).ok).toBe(true);

    for (const q of ['市审批管理局', '张敏', '验收报告', '统一身份认证', '政务外网改造', '设备到货延迟', '大数据局']) {
      const found = await hits(q);
      expect(found.map((h) => h.id), q).toContain(item.id);
      expect(found.map((h) => h.id), q).not.toContain(other.id);
      const hit = found.find((h) => h.id === item.id)!;
      expect(hit.snippet.some((s) => s.hit), q).toBe(true);
    }
    // The 督办 list's own search uses the same index.
    expect((await ok<{ rows: Array<{ id: string }> }>('supervision.list', { q: '张敏' })).rows.map((r) => r.id)).toEqual([item.id]);
  });
});
