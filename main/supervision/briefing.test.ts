import { execFileSync } from 'node:child_process';
import { documentXml } from '../layout/testing/unzip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BriefingExport, BriefingView, DashboardView } from '../../core/ipc/dashboard';
import type { Dispatch } from '../../core/ipc/dispatch';
import { createAppDispatch } from '../app/handlers-index';
import { createSession } from '../app/session';
import { defaultSeedFile, importSeedFile } from '../seed/import-seed';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { requireTool } from '../testing/require-tool';

const hasPoppler = requireTool('pdftotext');

let store: Store;
let dispatch: Dispatch;
const now = new Date('2022-10-10T02:00:00Z');

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  importSeedFile(store, defaultSeedFile(), new Date('2022-05-20T02:00:00Z'));
  dispatch = createAppDispatch({ store, shell: 'web', session: createSession(), now: () => now });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

async function ok<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('一屏通览 and 通报 over the seed', () => {
  it('counts the 39 items and lists the overdue ones', async () => {
    const view = await ok<DashboardView>('dashboard.get', {});
    expect(view.total).toBe(39);
    expect(view.byLight.reduce((n, l) => n + l.count, 0)).toBe(39);
    expect(view.overdue.total).toBeGreaterThan(0);
    expect(view.overdue.rows[0]?.daysOverdue).toBeGreaterThan(0);
    expect(view.byLead.length).toBeGreaterThan(0);
    expect((await ok<{ enabled: boolean }>('dashboard.setRanking', { enabled: false })).enabled).toBe(false);
    expect((await ok<DashboardView>('dashboard.get', {})).ranking).toEqual({ enabled: false, rows: [] });
    expect((await ok<{ enabled: boolean }>('dashboard.ranking', {})).enabled).toBe(false);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await dispatch('dashboard.briefing', { from: '2022-09-30', to: '2022-07-01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it.skipIf(!hasPoppler)('exports the 通报 as a PDF with its title and an overdue unit, and as DOCX', async () => {
    const period = { from: '2022-07-01', to: '2022-09-30' };
    const view = await ok<BriefingView>('dashboard.briefing', period);
    expect(view.kind).toBe('通报');
    expect(view.totals.total).toBe(39);
    const unit = view.overdueByUnit[0]?.unit;
    expect(unit).toBeTruthy();

    const pdf = await ok<BriefingExport>('dashboard.exportBriefing', { ...period, format: 'pdf' });
    expect(pdf.fileName).toBe('督查通报_2022-07-01_2022-09-30.pdf');
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.length).toBe(pdf.bytes);
    const text = execFileSync('pdftotext', ['-', '-'], { input: bytes }).toString('utf8').replace(/\s+/g, '');
    expect(text).toContain('关于2022年7月1日至2022年9月30日督查督办事项落实情况的通报');
    expect(text).toContain(`${unit}：超期未办结`);

    const docx = await ok<BriefingExport>('dashboard.exportBriefing', { ...period, format: 'docx' });
    const xml = documentXml(Buffer.from(docx.base64, 'base64')).replace(/<[^>]+>/g, '');
    expect(xml).toContain('督查督办事项落实情况的通报');
    expect(xml).toContain(unit);
  });
});
