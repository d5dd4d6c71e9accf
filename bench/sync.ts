import { runCatchup } from './sync-catchup';
import { runFanout, type FanoutResult, type FanoutScenario } from './sync-fanout';
import { startOurs, startReference, type BenchServer } from './sync-servers';

/**
 * `npm run bench -- sync [--only A|B|catchup]`: one JSON line per scenario.
 * A: 500 clients on one document; B: 2,000 clients across 1,000 documents — each against our
 * server (authentication and durable persistence on) and the reference @y/websocket-server with
 * the same stock clients, with ratios (ours / reference). Catch-up: a client with 10,000
 * documents, 100 of which changed while it was offline.
 */
const SCENARIOS: FanoutScenario[] = [
  { name: 'A', clients: 500, docs: 1, writesPerWave: 1, waves: 200, waveGapMs: 25 },
  { name: 'B', clients: 2000, docs: 1000, writesPerWave: 500, waves: 8, waveGapMs: 250 },
];

export async function runSyncBench(only?: string): Promise<Array<Record<string, unknown>>> {
  const results: Array<Record<string, unknown>> = [];
  for (const scenario of SCENARIOS) {
    if (only && only !== scenario.name) continue;
    const ours = await measure(() => startOurs(process.env.BENCH_OURS_ARGS?.split(' ').filter(Boolean)), scenario);
    const reference = await measure(() => startReference(), scenario);
    const ratio = (a: number | undefined, b: number | undefined) => (a && b ? Math.round((a / b) * 100) / 100 : null);
    results.push({
        bench: 'sync',
        scenario: scenario.name,
        clients: scenario.clients,
        docs: scenario.docs,
        writes: scenario.writesPerWave * scenario.waves,
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
  if (!only || only === 'catchup') results.push({ bench: 'sync', scenario: 'catchup', ...(await runCatchup()) });
  return results;
}

async function measure(start: () => Promise<BenchServer>, scenario: FanoutScenario): Promise<FanoutResult | { error: string }> {
  const server = await start();
  try {
    return await runFanout(server, scenario, 120_000);
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
