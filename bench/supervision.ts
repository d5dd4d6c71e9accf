import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DashboardView } from '../core/ipc/dashboard';
import type { SupervisionDetail } from '../core/ipc/supervision';
import { addDays } from '../core/calendar/iso-date';
import { fieldsOf } from '../core/records/record-doc';
import { lightThresholds } from '../core/supervision/item-light';
import { createAppDispatch } from '../main/app/handlers-index';
import { createSession } from '../main/app/session';
import { Store } from '../main/store/store';
import { supervision } from '../main/store/testing/fixtures';
import { SupervisionDashboard } from '../main/supervision/dashboard';
import { lightSql } from '../main/supervision/list-query';
import { loadCorpus, makeItems } from './corpus';
import type { BenchArgs } from './run';
import { p95 } from './store';
import { supervisionRepo } from '../main/supervision/repository';

/**
 * `npm run bench -- supervision`: 一屏通览 over N (100,000) items (steady, and the first view after
 * a write, which re-reads the rows), the light of every item after a day change (the list's SQL
 * light as one GROUP BY, and the dashboard for a new today), and opening an item with 500
 * progress reports through the real detail path (supervision.get through the dispatcher, output
 * schema included; cold = the document decoded from disk). References measured in the same run:
 * an index-only COUNT(*) GROUP BY status, and a plain COUNT(*) over the table.
 */

const BATCH = 1000;
const REPORTS = 500;
/** Cold opens of the 500-report item: each verifies every signature again (at least 100, issue 8). */
const DETAIL_SAMPLES = 100;
const round = (x: number) => Math.round(x * 100) / 100;

function time(fn: () => unknown): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

function dashboardFigures(n: number): Record<string, number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-sup-'));
  try {
    const store = Store.open({ dir });
    const items = makeItems(loadCorpus(), n);
    const ids: string[] = [];
    for (let i = 0; i < items.length; i += BATCH) {
      ids.push(...store.createMany(items.slice(i, i + BATCH).map((item) => ({ kind: 'supervision' as const, build: supervision(item) }))));
    }
    const db = supervisionRepo(store).database;
    db.exec('ANALYZE');
    const dashboard = new SupervisionDashboard(db, (listener) => store.onChange(listener));
    const today = '2023-03-15';
    const clock = { today, warnWorkingDays: 3 };
    const views: number[] = [];
    const noRanking: number[] = [];
    const refGroup: number[] = [];
    let view: DashboardView | null = null;
    dashboard.view({}, clock); // prepare the statements
    for (let i = 0; i < 30; i++) views.push(time(() => (view = dashboard.view({ trend: i % 2 ? 'week' : 'month' }, clock))));
    // After a write the rows are read again (one scan): the first view after each change.
    const afterChange: number[] = [];
    for (let i = 0; i < 10; i++) {
      store.change(ids[i * 997] as string, (doc) => fieldsOf(doc).set('progressNote', `第${i}次修改`));
      afterChange.push(time(() => dashboard.view({}, clock)));
    }
    // A day change for the dashboard: the same rows, a new today.
    const newDay: number[] = [];
    for (let d = 1; d <= 10; d++) newDay.push(time(() => dashboard.view({}, { ...clock, today: addDays(today, d) })));
    dashboard.setRankingEnabled(false);
    dashboard.view({}, clock);
    for (let i = 0; i < 15; i++) noRanking.push(time(() => dashboard.view({}, clock)));
    dashboard.setRankingEnabled(true);
    const statusCount = db.prepare('SELECT status, count(*) AS n FROM supervision GROUP BY status');
    for (let i = 0; i < 30; i++) refGroup.push(time(() => statusCount.all()));

    // A day change: the light of every item for a new today is one GROUP BY (nothing rewritten).
    const dayChange: number[] = [];
    const plainCount: number[] = [];
    const count = db.prepare('SELECT count(*) AS n FROM supervision');
    for (let d = 1; d <= 10; d++) {
      const dates = lightThresholds(addDays(today, d));
      dayChange.push(time(() => db.prepare(`SELECT ${lightSql('s', dates)} AS light, count(*) AS n FROM supervision s GROUP BY 1`).all()));
      plainCount.push(time(() => count.get()));
    }
    const units = (db.prepare('SELECT count(*) AS n FROM supervision_units').get() as { n: number }).n;
    store.close();
    return {
      dashboard_p95_ms: p95(views),
      dashboard_after_change_p95_ms: p95(afterChange),
      dashboard_new_day_p95_ms: p95(newDay),
      dashboard_no_ranking_p95_ms: p95(noRanking),
      ref_status_count_p95_ms: p95(refGroup),
      light_day_change_max_ms: round(Math.max(...dayChange)),
      ref_plain_count_max_ms: round(Math.max(...plainCount)),
      unit_rows: units,
      overdue_total: (view as DashboardView | null)?.overdue.total ?? 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function detailFigures(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-detail-'));
  // A cache of one document: reading the other item evicts it, so every "cold" open decodes.
  const store = Store.open({ dir, cacheSize: 1 });
  try {
    const session = createSession();
    const now = new Date('2022-06-01T01:00:00Z');
    let dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now });
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as T;
    };
    const item = await call<SupervisionDetail>('supervision.create', { title: '五百次进展反馈', deadline: '2023-12-31', lead: ['市审批管理局'] });
    const other = await call<SupervisionDetail>('supervision.create', { title: '另一事项' });
    // A whole cycle, every step signed: 交办, 签收, 催办, REPORTS 进展反馈, 办结申请, 审核, 销号.
    const step = async (as: string, action: Record<string, unknown>) => {
      session.switchTo(as);
      now.setTime(now.getTime() + 3_600_000);
      const { head } = await call<SupervisionDetail>('supervision.get', { id: item.id });
      return call<SupervisionDetail>('supervision.act', { id: item.id, basis: head, action });
    };
    await step('dcs.lin', { type: 'assign', assignments: [{ unit: '市审批管理局', role: 'lead' }] });
    await step('spj.zhang', { type: 'acknowledge', unit: '市审批管理局' });
    await step('dcs.lin', { type: 'urge', units: ['市审批管理局'], level: 'blue', text: '请按节点推进' });
    session.switchTo('spj.zhang');
    const writeStarted = performance.now();
    for (let i = 0; i < REPORTS; i++) {
      now.setTime(now.getTime() + 3_600_000);
      await call('supervision.act', { id: item.id, basis: null, action: { type: 'report', unit: '市审批管理局', text: `第${i + 1}次进展:已完成阶段性工作,正在推进下一步`, percent: Math.min(99, Math.floor(i / 5)) } });
    }
    const writeMs = performance.now() - writeStarted;
    const requested = await step('spj.zhang', { type: 'completion_request', unit: '市审批管理局', summary: '全部完成', attachments: [] });
    const requestId = requested.history.at(-1)!.event.id;
    await step('dcs.lin', { type: 'completion_review', requestId, accept: true });
    await step('dcs.lin', { type: 'close' });
    const warm: number[] = [];
    const cold: number[] = [];
    let reports = 0;
    let events = 0;
    let verified = 0;
    for (let i = 0; i < DETAIL_SAMPLES; i++) {
      // Cold: a new set of handlers (an empty signature-verdict cache, as in a new process) and the
      // document evicted from the store's cache, so the open decodes it and verifies every signature.
      dispatch = createAppDispatch({ store, shell: 'web', session, now: () => now });
      await call('supervision.get', { id: other.id });
      cold.push(
        await timeAsync(async () => {
          const d = await call<SupervisionDetail>('supervision.get', { id: item.id });
          reports = d.reports.length;
          events = d.history.length;
          verified = d.history.filter((h) => h.signature?.status === 'valid').length;
        }),
      );
      warm.push(await timeAsync(() => call('supervision.get', { id: item.id })));
    }
    return {
      detail_reports: reports,
      detail_events: events,
      detail_signatures_verified: verified,
      detail_samples: DETAIL_SAMPLES,
      detail_cold_p95_ms: p95(cold),
      detail_warm_p95_ms: p95(warm),
      report_write_avg_ms: round(writeMs / REPORTS),
    };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSupervisionBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const n = args.n ?? 100_000;
  return { n, ...dashboardFigures(n), ...(await detailFigures()), targets: { dashboard_p95_ms: 100, light_day_change_ms: 1000, detail_p95_ms: 100 } };
}
