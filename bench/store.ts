import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../main/store/store';
import { supervision } from '../main/store/testing/fixtures';
import { loadCorpus, makeItems, rng } from './corpus';
import type { BenchArgs } from './run';
import { supervisionRepo } from '../main/supervision/repository';

/**
 * The store benchmark: N supervision items in a fresh profile, then list pages, full-text
 * queries and a reopen, all through the same repository/search code the handlers call.
 */

const BATCH = 1000;
/** Common words (信息, 数据 match about half / three quarters of the corpus) and selective ones. */
const QUERIES = ['信息', '数据', '督办', '信访', '数字政府', '5G', 'IPv6', '政务服务', '600', '一网通办', '平台', '市信息集团'];

export function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0);
}

const round = (x: number) => Math.round(x * 100) / 100;

function timed<T>(samples: number[], fn: () => T): T {
  const started = performance.now();
  const result = fn();
  samples.push(performance.now() - started);
  return result;
}

export function runStoreBench(args: BenchArgs): Record<string, unknown> {
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
    store.close();
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
    };
  } finally {
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
    else console.error(`profile kept in ${dir}`);
  }
}
