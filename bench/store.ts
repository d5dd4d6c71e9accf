import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery, toFtsMatch } from '../core/text/search-tokens';
import { Store } from '../main/store/store';
import { supervision } from '../main/store/testing/fixtures';
import { loadCorpus, makeItems, rng } from './corpus';
import type { BenchArgs } from './run';
import { measureUiRequests } from './store-requests';
import { supervisionRepo } from '../main/supervision/repository';

/**
 * The store benchmark: N supervision items in a fresh profile, then list pages, full-text
 * queries and a reopen through the repository/search code the handlers call; the requests the
 * list page makes on open, through the dispatcher (store-requests.ts); and, in the same run, a
 * plain indexed SQLite query and a plain FTS5 query over the same rows as references, so a
 * noisy machine still gives a fair ratio. `skipped` says, beside each figure, what it leaves out.
 */

const BATCH = 1000;
/** Common words (信息, 数据 match about half / three quarters of the corpus) and selective ones. */
const QUERIES = ['信息', '数据', '督办', '信访', '数字政府', '5G', 'IPv6', '政务服务', '600', '一网通办', '平台', '市信息集团'];

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0);
}

const round = (x: number) => Math.round(x * 100) / 100;

/**
 * The references, on a second (read-only) connection to the same database file: what SQLite itself
 * needs for a page of rows through an index and for the same full-text queries.
 */
function references(file: string, n: number): { list: number[]; fts: number[] } {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare('SELECT * FROM supervision WHERE ord >= ? ORDER BY ord, rid LIMIT 50');
    const match = db.prepare('SELECT rowid FROM search WHERE search MATCH ? ORDER BY rank LIMIT 20');
    const rand = rng(11);
    const list: number[] = [];
    for (let i = 0; i < 300; i += 1) timed(list, () => page.all(Math.floor(rand() * n)));
    const fts: number[] = [];
    const expressions = QUERIES.map((q) => toFtsMatch(parseQuery(q))).filter((e): e is string => e !== null);
    for (let round = 0; round < 10; round += 1) for (const e of expressions) timed(fts, () => match.all(e));
    return { list, fts };
  } finally {
    db.close();
  }
}

function timed<T>(samples: number[], fn: () => T): T {
  const started = performance.now();
  const result = fn();
  samples.push(performance.now() - started);
  return result;
}

export async function runStoreBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const n = args.n ?? 100_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-'));
  const corpus = loadCorpus();
  const items = makeItems(corpus, n);
  try {
    let store = Store.open({ dir });
    const insertStarted = performance.now();
    for (let i = 0; i < items.length; i += BATCH) {
      store.createMany(items.slice(i, i + BATCH).map((item) => ({ kind: 'supervision' as const, build: supervision(item) })));
    }
    const insertMs = performance.now() - insertStarted;
    store.close();

    const reopenStarted = performance.now();
    store = Store.open({ dir });
    supervisionRepo(store).list({});
    const reopenMs = performance.now() - reopenStarted;

    const rand = rng(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const list: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const r = rand();
      const filter =
        r < 0.6
          ? { lead: pick(corpus.units) }
          : r < 0.85
            ? { responsible: pick(corpus.units) }
            : { section: pick(corpus.sections), status: 'draft' as const };
      timed(list, () => supervisionRepo(store).list({ ...filter, sort: 'deadline', desc: rand() < 0.3, limit: 50 }));
    }
    const fts: number[] = [];
    const common: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      for (const q of QUERIES) {
        const samples: number[] = [];
        timed(samples, () => store.search({ q, limit: 20 }));
        fts.push(...samples);
        if (q === '信息' || q === '数据') common.push(...samples);
      }
    }
    const listQ: number[] = [];
    for (const q of QUERIES) timed(listQ, () => supervisionRepo(store).list({ q, sort: 'deadline', limit: 50 }));
    const ui = await measureUiRequests(store);
    store.close();
    // The profile is opened exclusively, so the references read it once the store has let go.
    const ref = references(path.join(dir, 'xietong.db'), n);
    const dbBytes = ['xietong.db', 'xietong.db-wal']
      .map((f) => path.join(dir, f))
      .filter((f) => fs.existsSync(f))
      .reduce((sum, f) => sum + fs.statSync(f).size, 0);
    return {
      n,
      insert_per_s: Math.round(n / (insertMs / 1000)),
      list_p95_ms: p95(list),
      fts_p95_ms: p95(fts),
      reopen_ms: round(reopenMs),
      db_bytes: dbBytes,
      fts_common_p95_ms: p95(common),
      list_q_p95_ms: p95(listQ),
      open_first_ms: round(ui.openFirstMs),
      ...Object.fromEntries(Object.entries(ui.samples).map(([key, samples]) => [key, p95(samples)])),
      ref_list_p95_ms: p95(ref.list),
      ref_fts_p95_ms: p95(ref.fts),
      list_vs_ref: round(p95(list) / Math.max(p95(ref.list), 0.01)),
      fts_vs_ref: round(p95(fts) / Math.max(p95(ref.fts), 0.01)),
      targets: { list_p95_ms: 5, fts_p95_ms: 30 },
      failed_requests: ui.failed,
      skipped: {
        list_p95_ms: 'repository call (supervisionRepo(store).list): no dispatcher, no output schema, no JSON; filtered by 牵头/责任单位/栏目, sorted by deadline',
        fts_p95_ms: 'store.search: no dispatcher, no output schema, no JSON',
        list_q_p95_ms: 'repository call with a text filter: no dispatcher, no output schema, no JSON',
        reopen_ms: 'opening the profile and one list: no renderer, no first paint',
        ...ui.skipped,
        ref_list_p95_ms: 'plain SQL: 50 rows through the order index at a random position; no count, no light, no unit join, no row mapping',
        ref_fts_p95_ms: 'plain FTS5: the same MATCH expressions, ORDER BY rank LIMIT 20, so bm25 ranks every match (store.search bounds the ranking above 8,000 matches); no total count, no snippets, no texts read',
      },
    };
  } finally {
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`profile kept in ${dir}`);
  }
}
