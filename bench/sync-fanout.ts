import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { BenchServer } from './sync-servers';

export interface FanoutScenario {
  name: string;
  clients: number;
  docs: number;
  /** Writes per wave and waves; each write is one Y.Map set by a random client. */
  writesPerWave: number;
  waves: number;
  waveGapMs: number;
}

export interface FanoutResult {
  server: string;
  connectSyncMs: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Expected deliveries that never arrived (before the deadline). Ratios are printed only when 0. */
  lost: number;
  p50Ms: number;
  p99Ms: number;
  /** Deliveries per second of delivery window: each wave from its first write to its last delivery, the pacing gaps left out. */
  deliveriesPerSecond: number;
  deliveryWindowMs: number;
  rssMb: number;
  peakRssMb: number;
}

const now = () => performance.now();

export const docName = (s: FanoutScenario, i: number) => `bench-${s.name}-${i}`;

/**
 * Stock y-websocket clients in this process against a server in another: time to connect and
 * sync them all, then waves of writes by writers chosen with `random` (seeded: the same seed
 * writes the same way against both servers); each write is timed from the writer's set() to
 * every other client's update event on that document. Every expected delivery is counted.
 */
export async function runFanout(server: BenchServer, s: FanoutScenario, deadlineMs: number, random: () => number): Promise<FanoutResult> {
  const clients: Array<{ doc: Y.Doc; provider: WebsocketProvider; docIndex: number }> = [];
  const sent = new Map<string, { at: number; wave: number }>();
  const latencies: number[] = [];
  const waveStart: number[] = [];
  const waveLastDelivery: number[] = [];
  const deadline = now() + deadlineMs;
  const started = now();
  try {
    // Connect in batches, as a reconnecting office would, without drowning the accept queue.
    for (let i = 0; i < s.clients; i += 100) {
      const batch: Array<Promise<void>> = [];
      for (let j = i; j < Math.min(s.clients, i + 100); j++) {
        const docIndex = j % s.docs;
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(server.wsUrl, docName(s, docIndex), doc, {
          params: server.params,
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          disableBc: true,
        });
        doc.getMap('bench').observe((event) => {
          const t = now();
          for (const key of event.keysChanged) {
            const write = sent.get(key);
            if (write === undefined || event.transaction.local) continue;
            latencies.push(t - write.at);
            waveLastDelivery[write.wave] = Math.max(waveLastDelivery[write.wave] ?? 0, t);
          }
        });
        clients.push({ doc, provider, docIndex });
        batch.push(new Promise((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve()))));
      }
      await withDeadline(Promise.all(batch), deadline, 'connect');
    }
    const connectSyncMs = now() - started;
    const perDoc = new Map<number, number>();
    for (const c of clients) perDoc.set(c.docIndex, (perDoc.get(c.docIndex) ?? 0) + 1);
    let expected = 0;
    let n = 0;
    for (let wave = 0; wave < s.waves; wave++) {
      waveStart[wave] = now();
      for (let w = 0; w < s.writesPerWave; w++) {
        const writer = clients[Math.floor(random() * clients.length)]!;
        const key = `w${n++}`;
        sent.set(key, { at: now(), wave });
        writer.doc.getMap('bench').set(key, n);
        expected += perDoc.get(writer.docIndex)! - 1;
      }
      await new Promise((r) => setTimeout(r, s.waveGapMs));
    }
    while (latencies.length < expected && now() < deadline) await new Promise((r) => setTimeout(r, 20));
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN);
    // Waves may overlap when deliveries lag: the windows are merged, so no moment counts twice.
    let windowMs = 0;
    let coveredTo = 0;
    for (let wave = 0; wave < s.waves; wave++) {
      const start = Math.max(waveStart[wave]!, coveredTo);
      const end = waveLastDelivery[wave] ?? start;
      if (end > start) windowMs += end - start;
      coveredTo = Math.max(coveredTo, end);
    }
    const mem = server.memory();
    return {
      server: server.kind,
      connectSyncMs: Math.round(connectSyncMs),
      deliveries: latencies.length,
      expectedDeliveries: expected,
      lost: expected - latencies.length,
      p50Ms: pct(50),
      p99Ms: pct(99),
      deliveriesPerSecond: Math.round(latencies.length / (windowMs / 1000)),
      deliveryWindowMs: Math.round(windowMs),
      rssMb: mem.rssMb,
      peakRssMb: mem.peakMb,
    };
  } finally {
    for (const c of clients) c.provider.destroy();
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function withDeadline<T>(p: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: deadline passed`)), Math.max(0, deadline - now()));
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
