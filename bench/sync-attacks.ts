import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeServerFrame, encodeClientFrame } from '../core/sync/mux';
import { MUX_PATH, MUX_VERSION } from '../core/sync/protocol';
import { deletionOnlyUpdate } from '../core/sync/testing/deletion-update';
import { openProbe } from '../main/sync/testing/probe';
import { RawClient, docUrl } from '../main/sync/testing/raw-client';
import { createSignedRecords } from './sync-records';
import type { OursServer } from './sync-servers';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

async function waitFor(check: () => boolean, what: string, ms = 120_000): Promise<void> {
  const deadline = now() + ms;
  while (!check()) {
    if (now() > deadline) throw new Error(`${what}: timed out`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Another user's round trip on another document, on an idle server: the reference of each scenario. */
async function idleRoundTrips(probe: Awaited<ReturnType<typeof openProbe>>, name: string, n = 20): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const doc = new Y.Doc();
    doc.getMap('fields').set('probe', i);
    out.push(await probe.roundTrip(name, Y.encodeStateAsUpdate(doc)));
  }
  return out;
}

/**
 * Issue 9, item 2: one connection pushes 1,000 one-field updates at once; another user's round
 * trip on another document is timed right after it, five times, beside the same round trip on the
 * idle server (reference, same run). Also how much of the burst was acknowledged before the other
 * user's answer (fairness) and how long the whole burst took to commit.
 */
export async function runBurst(server: OursServer, burst = 1000, rounds = 5): Promise<Record<string, unknown>> {
  await createSignedRecords(server, ['burst-target', 'burst-elsewhere']);
  const probe = await openProbe(server, server.params.token!);
  const idle = await idleRoundTrips(probe, 'burst-elsewhere');
  const during: number[] = [];
  const ackedBefore: number[] = [];
  const committed: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 1; i <= burst; i++) local.getMap('fields').set(`progress-${r}`, i);
    const editor = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${encodeURIComponent(server.params.token!)}`);
    let acked = 0;
    editor.on('message', (d: Buffer) => {
      const f = decodeServerFrame(new Uint8Array(d));
      if (f.type === 'ack' && f.status === 0) acked++;
    });
    await new Promise((resolve) => editor.once('open', resolve));
    const other = new Y.Doc();
    other.getMap('fields').set('burst', r);
    const started = now();
    updates.forEach((update, i) => editor.send(encodeClientFrame({ type: 'push', id: i + 1, name: 'burst-target', update })));
    during.push(await probe.roundTrip('burst-elsewhere', Y.encodeStateAsUpdate(other)));
    ackedBefore.push(acked);
    await waitFor(() => acked === burst, 'burst acknowledged');
    committed.push(now() - started);
    editor.close();
  }
  probe.close();
  return {
    updates: burst,
    rounds,
    roundTripDuringBurstMs: { median: round(median(during)), max: round(Math.max(...during)) },
    reference: { roundTripIdleMs: { median: round(median(idle)), max: round(Math.max(...idle)) } },
    ratio: round(median(during) / median(idle)),
    burstAckedBeforeOtherUser: { median: median(ackedBefore), max: Math.max(...ackedBefore) },
    burstCommittedMs: round(median(committed)),
    target: { roundTripMs: 100 },
  };
}

/**
 * Issue 9, item 5: a 6.7 MiB record, a 12-byte deletion of an id nobody has (refused now; before,
 * stored pending, it made every later edit copy the document), then 170 one-field edits a second
 * for three seconds while another user's round trips on another document are timed every 100 ms,
 * beside the same round trips on the idle server (reference, same run).
 */
export async function runAmplification(server: OursServer, mib = 6.7, edits = 510): Promise<Record<string, unknown>> {
  await createSignedRecords(server, ['large-record', 'large-elsewhere']);
  const editor = new RawClient(docUrl(server.wsUrl, 'large-record', server.params.token!));
  await editor.whenSynced();
  const size = Math.round(mib * 1024 * 1024);
  editor.doc.getText('body').insert(0, 'x'.repeat(size));
  await waitFor(() => (editor.acked.get(editor.doc.clientID) ?? 0) >= size, 'large body committed');
  const attacker = new RawClient(docUrl(server.wsUrl, 'large-record', server.params.token!));
  await attacker.whenSynced();
  let refused = false;
  attacker.ws.on('message', (d: Buffer) => d[0] === 2 && (refused = true));
  attacker.sendSync(2, deletionOnlyUpdate([{ client: 0x7fff_0002, clock: 7, len: 1 }]));
  await waitFor(() => refused, 'pending deletion answered');
  const probe = await openProbe(server, server.params.token!);
  const idle = await idleRoundTrips(probe, 'large-elsewhere');
  const during: number[] = [];
  const started = now();
  let sent = 0;
  const probing = (async () => {
    for (let i = 0; sent < edits; i++) {
      const doc = new Y.Doc();
      doc.getMap('fields').set('probe', i);
      during.push(await probe.roundTrip('large-elsewhere', Y.encodeStateAsUpdate(doc)));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  for (; sent < edits; sent++) {
    editor.doc.getMap('fields').set('counter', sent + 1);
    if (sent % 10 === 9) await new Promise((r) => setTimeout(r, Math.max(0, started + ((sent + 1) * 1000) / 170 - now())));
  }
  const lastSent = now();
  const target = Y.getState(editor.doc.store, editor.doc.clientID);
  await waitFor(() => (editor.acked.get(editor.doc.clientID) ?? 0) >= target, 'edits acknowledged');
  const lag = now() - lastSent;
  await probing;
  probe.close();
  editor.close();
  attacker.close();
  return {
    recordMiB: mib,
    pendingDeletion: refused ? 'refused' : 'accepted',
    edits,
    editsPerSecond: round(edits / ((lastSent - started) / 1000)),
    roundTripDuringEditsMs: { samples: during.length, median: round(median(during)), max: round(Math.max(...during)) },
    reference: { roundTripIdleMs: { median: round(median(idle)), max: round(Math.max(...idle)) } },
    ackLagAfterLastEditMs: Math.round(lag),
  };
}
