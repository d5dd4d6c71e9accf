import { seededRandom } from '../core/testing/seeded-random';
import { runAmplification, runBurst } from './sync-attacks';
import { runCatchup } from './sync-catchup';
import { docName, runFanout, type FanoutResult, type FanoutScenario } from './sync-fanout';
import { createSignedRecords } from './sync-records';
import { startOurs, startReference, type BenchServer } from './sync-servers';

/**
 * `npm run bench -- sync [--only A|B|burst|amplification|catchup]`: one JSON line per scenario.
 * A: 500 clients on one document; B: 2,000 clients across 1,000 documents — each against our
 * server (authentication, durable persistence and --trust-ca on, the documents real signed 督办
 * records) and the reference @y/websocket-server with the same stock clients and the same seeded
 * writers (`BENCH_SEED`, printed), with ratios (ours / reference) only when no delivery was lost.
 * burst / amplification: issue 9's items 2 and 5, another user's round trip beside the idle one.
 * Catch-up: a client with 10,000 real records, 100 of which changed while it was offline.
 */
const SCENARIOS: FanoutScenario[] = [
  { name: 'A', clients: 500, docs: 1, writesPerWave: 1, waves: 200, waveGapMs: 25 },
  { name: 'B', clients: 2000, docs: 1000, writesPerWave: 500, waves: 8, waveGapMs: 250 },
];

export async function runSyncBench(only?: string): Promise<Array<Record<string, unknown>>> {
  const seed = Number(process.env.BENCH_SEED ?? 20260501);
  const results: Array<Record<string, unknown>> = [];
  for (const scenario of SCENARIOS) {
    if (only && only !== scenario.name) continue;
    const ours = await measure(async () => {
      const server = await startOurs(process.env.BENCH_OURS_ARGS?.split(' ').filter(Boolean));
      try {
        await createSignedRecords(server, Array.from({ length: scenario.docs }, (_, i) => docName(scenario, i)));
      } catch (err) {
        await server.stop();
        throw err;
      }
      return server;
    }, scenario, seed);
    const reference = await measure(() => startReference(), scenario, seed);
    const complete = lostOf(ours) === 0 && lostOf(reference) === 0;
    const ratio = (a: number | undefined, b: number | undefined) => (complete && a && b ? Math.round((a / b) * 100) / 100 : null);
    results.push({
      bench: 'sync',
      scenario: scenario.name,
      seed,
      clients: scenario.clients,
      docs: scenario.docs,
      writes: scenario.writesPerWave * scenario.waves,
      lost: { ours: lostOf(ours), reference: lostOf(reference) },
      ours,
      reference,
      ratios: {
        connectSync: ratio(num(ours, 'connectSyncMs'), num(reference, 'connectSyncMs')),
        p50: ratio(num(ours, 'p50Ms'), num(reference, 'p50Ms')),
        p99: ratio(num(ours, 'p99Ms'), num(reference, 'p99Ms')),
        deliveriesPerSecond: ratio(num(ours, 'deliveriesPerSecond'), num(reference, 'deliveriesPerSecond')),
        rss: ratio(num(ours, 'peakRssMb'), num(reference, 'peakRssMb')),
      },
    });
  }
  for (const [name, run] of [
    ['burst', runBurst],
    ['amplification', runAmplification],
  ] as const) {
    if (only && only !== name) continue;
    const server = await startOurs();
    try {
      results.push({ bench: 'sync', scenario: name, ...(await run(server)) });
    } catch (err) {
      results.push({ bench: 'sync', scenario: name, error: err instanceof Error ? err.message : String(err) });
    } finally {
      await server.stop();
    }
  }
  if (!only || only === 'catchup') results.push({ bench: 'sync', scenario: 'catchup', ...(await runCatchup()) });
  return results;
}

async function measure(start: () => Promise<BenchServer>, scenario: FanoutScenario, seed: number): Promise<FanoutResult | { error: string }> {
  let server: BenchServer;
  try {
    server = await start();
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  try {
    return await runFanout(server, scenario, 120_000, seededRandom(seed));
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    await server.stop();
  }
}

function num(r: FanoutResult | { error: string }, key: keyof FanoutResult): number | undefined {
  const v = (r as Partial<FanoutResult>)[key];
  return typeof v === 'number' ? v : undefined;
}

const lostOf = (r: FanoutResult | { error: string }): number | null => num(r, 'lost') ?? null;
