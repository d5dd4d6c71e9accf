import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { addDays } from '../core/calendar/iso-date';
import type { RecordEvent } from '../core/kernel/event';
import { PROPOSAL_KIND } from '../core/proposals/model';
import { PEOPLE } from '../core/proposals/testing/events';
import { fieldsOf } from '../core/records/record-doc';
import { demoEventSigning } from '../main/kernel/signing';
import { importProposals } from '../main/proposals/import';
import { proposalRepo } from '../main/proposals/repository';
import { proposalWorkbook } from '../main/proposals/testing/workbook';
import { readSheet } from '../main/proposals/workbook';
import { Store } from '../main/store/store';
import type { BenchArgs } from './run';
import { p95 } from './store';

/**
 * `npm run bench -- proposals`: 批量登记 of a 1,000-row workbook (after a 20-row import into another
 * profile, so that code paths are loaded as in a running app) (exceljs parse, row checks, 1,000
 * records each with its SM2-signed `create` event, one transaction) into a fresh profile —
 * `import_1000_ms`; then the list over 10,000 proposals in every phase (pages of 20: default order,
 * by unit, by status, by light, a text filter, page 50) — `list_p95_ms`. References from the same
 * run: the workbook parse alone (`ref_parse_1000_ms`), 1,000 bare records in one createMany
 * (`ref_create_1000_ms`) and a plain indexed page of the projection (`ref_list_p95_ms`).
 */
const round = (x: number) => Math.round(x * 100) / 100;
const UNITS = ['市教育局', '市卫健委', '市建设局', '市民政局', '市发改委', '市工信局(大数据局)', '市市场监管局', '市海洋发展局', '市人社局', '市公安局'];

async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t = performance.now();
  const v = await fn();
  return [v, performance.now() - t];
}

/** Events for a proposal in phase `k` (0 registered … 4 closed), as the office and the unit would sign them (unsigned here). */
function lifeOf(i: number, start: string): RecordEvent[] {
  const k = i % 5;
  const ev = (who: keyof typeof PEOPLE, type: string, payload: Record<string, unknown>, day: number, basis: string | null): RecordEvent => {
    const by = who === 'lead' ? { ...PEOPLE.lead, unit: UNITS[i % UNITS.length]! } : PEOPLE[who];
    return { id: randomUUID(), type, actor: by.login, by, at: `${addDays(start, day)}T01:00:00.000Z`, basis, payload };
  };
  if (k === 0) return [];
  const assign = ev('office', 'assign', { lead: UNITS[i % UNITS.length], helpers: [UNITS[(i + 3) % UNITS.length]] }, 0, null);
  if (k === 1) return [assign];
  const link = ev('lead', 'link_reply', { documentId: `doc-${i}`, title: '答复' }, 30, assign.id);
  const reply = ev('lead', 'reply', { documentId: `doc-${i}`, resultClass: 'ABC'[i % 3], publish: true, signatures: ['s1', 's2'] }, 40 + (i % 70), assign.id);
  if (k === 2) return [assign, link, reply];
  const rate = ev('office', 'satisfaction', { level: ['满意', '基本满意', '不满意'][i % 3], date: addDays(start, 120) }, 120, reply.id);
  if (k === 3) return [assign, link, reply, rate];
  return i % 3 === 2 ? [assign, link, reply, rate] : [assign, link, reply, rate, ev('office', 'close', {}, 125, rate.id)];
}

export async function runProposalsBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const n = args.n ?? 10_000;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-proposals-'));
  try {
    // 1. Import 1,000 rows, signed, into a fresh profile (the demo PKI made beforehand: a one-off per profile).
    const workbook = await proposalWorkbook({ rows: 1000, seed: 7 });
    const [, parseMs] = await timed(() => readSheet(workbook, 'xlsx'));
    const importDir = path.join(root, 'import');
    const store = Store.open({ dir: importDir });
    const signing = demoEventSigning(importDir);
    signing.sign('warm-up', '0'.repeat(64), { id: 'w', type: 'create', actor: PEOPLE.office.login, by: PEOPLE.office, at: new Date().toISOString(), basis: null, payload: { kind: PROPOSAL_KIND } });
    // A small import first, into a profile of its own: the code paths load once, as in a running app.
    const warm = Store.open({ dir: path.join(root, 'warm') });
    await importProposals({ store: warm, actor: PEOPLE.office, now: new Date('2024-01-20T01:00:00Z'), signing }, { fileName: 'warm.xlsx', bytes: await proposalWorkbook({ rows: 20, seed: 3 }) });
    warm.close();
    const [result, importMs] = await timed(() => importProposals({ store, actor: PEOPLE.office, now: new Date('2024-01-20T01:00:00Z'), signing }, { fileName: 'bench.xlsx', bytes: workbook }));
    if (result.imported !== 1000) throw new Error(`imported ${result.imported}, refused ${JSON.stringify(result.refused.slice(0, 3))}`);
    const [, createMs] = await timed(() =>
      store.createMany(
        Array.from({ length: 1000 }, (_, i) => ({
          kind: PROPOSAL_KIND,
          build: (doc: Parameters<typeof fieldsOf>[0]) => {
            const m = fieldsOf(doc);
            m.set('category', '提案');
            m.set('number', `R${i}`);
            m.set('title', `参照记录${i}`);
            m.set('lead', { name: '参照', group: '', contact: '' });
          },
        })),
      ),
    );
    store.close();

    // 2. 10,000 proposals in every phase, then the list.
    const listDir = path.join(root, 'list');
    const big = Store.open({ dir: listDir });
    const starts = ['2023-10-09', '2023-11-30', '2024-01-22', '2024-03-01'];
    for (let at = 0; at < n; at += 1000) {
      big.createMany(
        Array.from({ length: Math.min(1000, n - at) }, (_, j) => {
          const i = at + j;
          const create: RecordEvent = { id: randomUUID(), type: 'create', actor: PEOPLE.office.login, by: PEOPLE.office, at: '2024-01-10T01:00:00.000Z', basis: null, payload: { kind: PROPOSAL_KIND } };
          return {
            kind: PROPOSAL_KIND,
            createEvent: create,
            events: lifeOf(i, starts[i % starts.length]!),
            build: (doc: Parameters<typeof fieldsOf>[0]) => {
              const m = fieldsOf(doc);
              m.set('category', i % 4 === 0 ? '提案' : '建议');
              m.set('session', '十六届');
              m.set('meeting', '三次会议');
              m.set('number', String(i + 1).padStart(5, '0'));
              m.set('title', `关于第${i + 1}项民生事项的建议`);
              m.set('lead', { name: `代表${i % 300}`, group: '思明区代表团', contact: '' });
            },
          };
        }),
      );
    }
    big.close();
    const reopened = Store.open({ dir: listDir });
    const repo = proposalRepo(reopened);
    const today = '2024-04-19';
    const filters = [
      {},
      { unit: '市教育局' },
      { status: 'handling' as const },
      { status: 'open' as const },
      { light: 'red' as const },
      { light: 'yellow' as const, unit: '市卫健委' },
      { q: '民生' },
      { category: '提案' as const, status: 'replied' as const },
      { offset: 980 },
    ];
    const samples: number[] = [];
    const byFilter = filters.map(() => [] as number[]);
    const refSamples: number[] = [];
    const ref = reopened.use((db) => db.prepare('SELECT id, number, title FROM proposals ORDER BY rid LIMIT 20 OFFSET ?'));
    for (let round_ = 0; round_ < 30; round_++) {
      for (const [k, f] of filters.entries()) {
        const t = performance.now();
        repo.list({ offset: 0, limit: 20, ...f }, today);
        samples.push(performance.now() - t);
        byFilter[k]!.push(performance.now() - t);
        const r = performance.now();
        ref.all((round_ * 20) % 1000);
        refSamples.push(performance.now() - r);
      }
    }
    const total = repo.list({ offset: 0, limit: 1 }, today).total;
    reopened.close();
    return {
      area: 'proposals',
      import_1000_ms: round(importMs),
      list_p95_ms: p95(samples),
      list_n: total,
      list_p95_by_filter: Object.fromEntries(filters.map((f, k) => [JSON.stringify(f), p95(byFilter[k]!)])),
      ref_parse_1000_ms: round(parseMs),
      ref_create_1000_ms: round(createMs),
      ref_list_p95_ms: p95(refSamples),
      list_vs_ref: round(p95(samples) / Math.max(p95(refSamples), 0.01)),
      targets: { import_1000_ms: 2000, list_p95_ms: 10 },
    };
  } finally {
    if (args.keep) console.error(`数据保留在 ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}
