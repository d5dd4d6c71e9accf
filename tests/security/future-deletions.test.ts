import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../core/sync/mux';
import { MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { deletionOnlyUpdate } from '../../core/sync/testing/deletion-update';
import { recordEvent } from '../../core/sync/testing/record-events';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { createRecordAs, speaksEvents, submitAs } from '../helpers/sync-attack';
import { person, until } from '../sync/helpers';

const owner = person('dcs.lin', '市政府督查室', 'leader');

/**
 * Issue 9, item 4: an editor sent a deletion-only update covering the next 100,000 ids of the
 * 督查室's Yjs client, the server stored it, and the 督查室's next title edit arrived already
 * deleted (an empty title). Deletions of ids the server has never seen are now refused.
 */
describe('nobody can delete ids the server has never seen', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    addUser(dataDir, 'dcs.lin', { unit: '市政府督查室' });
    addUser(dataDir, 'mallory', { unit: '市政府督查室' });
    server = await startSyncServer({ dataDir });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it("a deletion of the 督查室's future ids is refused on both endpoints; their next edits arrive whole", async () => {
    const name = 'item-poison';
    await createRecordAs(server, token, owner, name, 'note');
    const victim = new RawClient(docUrl(server.wsUrl, name, token('dcs.lin')));
    await victim.whenSynced();
    victim.doc.getMap('fields').set('title', '推行掌上办公');
    await until(() => (victim.acked.get(victim.doc.clientID) ?? 0) > 0, 'the title committed');
    const next = Y.getState(victim.doc.store, victim.doc.clientID);
    const poison = deletionOnlyUpdate([{ client: victim.doc.clientID, clock: next, len: 100_000 }]);

    // Stock endpoint: the y-protocols "permission denied" message, nothing stored.
    const stock = new RawClient(docUrl(server.wsUrl, name, token('mallory')));
    await stock.whenSynced();
    const denied: string[] = [];
    stock.ws.on('message', (d: Buffer) => d[0] === 2 && denied.push(d.subarray(2).toString()));
    stock.sendSync(2, poison);
    // Multiplexed endpoint: the push is not acknowledged as stored (answered "send again from the server's state").
    const mux = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${token('mallory')}`);
    const frames: ServerFrame[] = [];
    mux.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => mux.once('open', r));
    mux.send(encodeClientFrame({ type: 'push', id: 1, name, update: poison }));
    await until(() => frames.some((f) => f.type === 'ack'), 'the push is answered');
    const ack = frames.find((f) => f.type === 'ack');
    expect(ack?.type === 'ack' && ack.status).not.toBe(0);
    await until(() => denied.length > 0, 'the stock client is told');

    // The 督查室 edits the title again: the new value arrives intact for everyone.
    victim.doc.getMap('fields').set('title', '推行掌上办公(修订)');
    victim.doc.getText('body').insert(0, '正文');
    await until(() => (victim.acked.get(victim.doc.clientID) ?? 0) > next, 'the edit committed');
    const reader = new RawClient(docUrl(server.wsUrl, name, token('mallory')));
    await reader.whenSynced();
    expect(reader.doc.getMap('fields').get('title')).toBe('推行掌上办公(修订)');
    expect(reader.doc.getText('body').toString()).toBe('正文');
    // Workflow events are not Yjs items at all: the 督查室's next action is appended as usual.
    if (speaksEvents) expect((await submitAs(server, token, 'dcs.lin', name, [recordEvent(owner, 'comment', { text: '催办:请按时报送' })]))[0]?.status).toBe('ok');
    for (const c of [victim, stock, reader]) c.close();
    mux.close();
  });
});
