import http from 'node:http';
import { createEvent } from '../core/sync/testing/record-events';
import { MuxClient } from '../main/sync/testing/mux-client';
import { addUser, startSyncServer, tempDir, tokenFor } from '../main/sync/testing/server-process';
import { p95 } from './store';

/**
 * number_alloc_p95_ms: 发文字号 allocation (`POST /numbers`) through a real sync server process
 * under 20 concurrent clients, each with its own account and keep-alive connection, each numbering
 * 20 公文 of one 机关代字 it created on the server first. Reference in the same run: `GET /healthz`
 * round trips at the same concurrency (the HTTP floor, without the ledger's fsynced transaction).
 */
const CLIENTS = 20;
const PER_CLIENT = 20;
const UNIT = '市政府办公厅';

function post(agent: http.Agent, url: string, token: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function timed(fn: () => Promise<number>, samples: number[]): Promise<void> {
  const started = performance.now();
  const status = await fn();
  samples.push(performance.now() - started);
  if (status !== 200) throw new Error(`编号请求失败:HTTP ${status}`);
}

export async function measureNumberAllocation(): Promise<Record<string, number>> {
  const dir = tempDir('xietong-bench-numbers-');
  const logins = Array.from({ length: CLIENTS }, (_, i) => `bench.${i}`);
  for (const login of logins) addUser(dir, login, { unit: UNIT });
  const server = await startSyncServer({ dataDir: dir, areas: 'app' });
  try {
    const tokens = logins.map((login) => tokenFor(dir, login));
    // Each client's 公文 exist on the server (their `create` events), as they would after sync.
    const records = await Promise.all(
      logins.map(async (login, c) => {
        const client = new MuxClient(server.wsUrl, tokens[c]!);
        await client.opened;
        const by = { login, name: login, unit: UNIT, role: 'office' as const };
        const ids = Array.from({ length: PER_CLIENT }, (_, i) => `bench-doc-${c}-${i}`);
        for (const id of ids) {
          const [r] = await client.submit(id, [createEvent(by, 'document')]);
          if (r?.status !== 'ok') throw new Error(`create refused: ${r?.reason}`);
        }
        client.close();
        return ids;
      }),
    );
    const url = `${server.httpUrl}/numbers`;
    const year = 2022;
    const samples: number[] = [];
    await Promise.all(
      logins.map(async (_, c) => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        for (const recordId of records[c]!) await timed(() => post(agent, url, tokens[c]!, { series: '厦府办', year, recordId }), samples);
        agent.destroy();
      }),
    );
    const ref: number[] = [];
    await Promise.all(
      logins.map(async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        for (let i = 0; i < PER_CLIENT; i++) await timed(() => get(agent, `${server.httpUrl}/healthz`), ref);
        agent.destroy();
      }),
    );
    return { number_alloc_p95_ms: p95(samples), number_alloc_clients: CLIENTS, ref_http_roundtrip_p95_ms: p95(ref) };
  } finally {
    await server.stop('SIGKILL');
  }
}
