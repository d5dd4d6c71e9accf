import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../core/sync/mux';
import { CloseCode, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { createRecordAs } from '../helpers/sync-attack';
import { person, until } from '../sync/helpers';

/**
 * Issue 9, item 6: a user of 单位B opened a document name before a user of 单位A created a record
 * under it, and kept receiving (and could overwrite) A's record on both endpoints. Access is now
 * decided again the moment a record is created under a name, for every open subscription.
 */
describe('a name opened before its record exists gives nothing of the record made under it', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const token = (login: string) => tokenFor(dataDir, login);
  beforeAll(async () => {
    addUser(dataDir, 'a', { unit: '单位A' });
    addUser(dataDir, 'b', { unit: '单位B' });
    server = await startSyncServer({ dataDir, args: ['--acl-poll-ms', '60000'] });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('on the stock and the multiplexed endpoint alike', async () => {
    const name = 'future-record';
    // B, first: a stock connection and a multiplexed subscription to the name nobody has used yet.
    const bStock = new RawClient(docUrl(server.wsUrl, name, token('b')));
    await bStock.whenSynced();
    const bMux = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${token('b')}`);
    const muxFrames: ServerFrame[] = [];
    const muxDoc = new Y.Doc();
    bMux.on('message', (d: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(d));
      muxFrames.push(frame);
      if (frame.type !== 'doc') return;
      const dec = decoding.createDecoder(frame.message);
      if (decoding.readVarUint(dec) !== 0) return;
      if (decoding.readVarUint(dec) === 0) return; // the server's step 1
      Y.applyUpdate(muxDoc, decoding.readVarUint8Array(dec));
    });
    await new Promise((r) => bMux.once('open', r));
    bMux.send(encodeClientFrame({ type: 'doc', name, message: Uint8Array.from([0, 0, 1, 0]) }));
    await until(() => muxFrames.some((f) => f.type === 'doc'), 'B subscribed on the multiplexed endpoint');

    // A creates the record and writes into it.
    await createRecordAs(server, token, person('a', '单位A'), name, 'note');
    const aWriter = new RawClient(docUrl(server.wsUrl, name, token('a')));
    await aWriter.whenSynced();
    aWriter.doc.getText('body').insert(0, '单位A的机密内容');
    await until(() => (aWriter.acked.get(aWriter.doc.clientID) ?? 0) > 0, "A's write committed");

    // Access was decided again at creation: B's stock socket is closed, its subscription denied.
    await until(() => bStock.closeCode !== null || bStock.doc.getText('body').length > 0, 'B answered');
    expect(bStock.closeCode).toBe(CloseCode.forbidden);
    expect(bStock.doc.getText('body').toString()).toBe('');
    await until(() => muxFrames.some((f) => f.type === 'denied') || muxDoc.getText('body').length > 0, 'B\'s subscription answered');
    expect(muxFrames.find((f) => f.type === 'denied')).toMatchObject({ name, code: 4403 });
    expect(muxDoc.getText('body').toString()).toBe('');
    expect(muxFrames.some((f) => f.type === 'events')).toBe(false);

    // Nor can B write to it now, or read it on a new connection.
    const again = new RawClient(docUrl(server.wsUrl, name, token('b')), { sendStep1: false });
    expect((await again.closed).code).toBe(CloseCode.forbidden);
    expect(again.received).toBe(0);
    const reader = new RawClient(docUrl(server.wsUrl, name, token('a')));
    await reader.whenSynced();
    expect(reader.doc.getText('body').toString()).toBe('单位A的机密内容');
    for (const c of [aWriter, reader]) c.close();
    bMux.close();
  });
});
