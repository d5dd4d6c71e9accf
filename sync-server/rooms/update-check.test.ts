import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deletionOnlyUpdate } from '../../core/sync/testing/deletion-update';
import { DeleteIndex } from './delete-index';
import { checkUpdate, type SeenIds } from './update-check';

const seenBy = (server: Y.Doc, inFlight = new Map<number, number>()): SeenIds => ({
  stored: (c) => Y.getState(server.store, c),
  inFlightEnd: (c) => inFlight.get(c) ?? 0,
  deletions: () => DeleteIndex.fromDoc(server),
});

describe('update classification', () => {
  it('tells new updates from ones already stored, including delete sets', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getText('t').insert(0, 'hello');
    const insert = Y.encodeStateAsUpdate(client);
    expect(checkUpdate(insert, seenBy(server)).kind).toBe('new');
    Y.applyUpdate(server, insert);
    expect(checkUpdate(insert, seenBy(server)).kind).toBe('noop');

    client.getText('t').delete(0, 2);
    const withDelete = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(checkUpdate(withDelete, seenBy(server))).toMatchObject({ kind: 'new', gap: false, unseen: false });
    Y.applyUpdate(server, withDelete);
    // The stock client answers every sync step 1 with its whole delete set: already stored.
    expect(checkUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), seenBy(server)).kind).toBe('noop');
  });

  it('calls undecodable bytes invalid', () => {
    expect(checkUpdate(Uint8Array.from([5, 200, 1]), seenBy(new Y.Doc())).kind).toBe('invalid');
  });

  it('finds deletions of ids nobody has sent (future ids of a client), however small the update', () => {
    const server = new Y.Doc();
    const victim = new Y.Doc();
    victim.getMap('fields').set('title', '标题');
    Y.applyUpdate(server, Y.encodeStateAsUpdate(victim));
    const have = Y.getState(server.store, victim.clientID);
    // A deletion-only update covering the victim's next 100,000 ids (issue 9, item 4).
    const forged = deletionOnlyUpdate([{ client: victim.clientID, clock: have, len: 100_000 }]);
    expect(Y.decodeUpdate(forged).ds.clients.get(victim.clientID)).toHaveLength(1);
    expect(checkUpdate(forged, seenBy(server))).toMatchObject({ kind: 'new', unseen: true });
    // The same ids are seen once an accepted update in flight added them.
    expect(checkUpdate(forged, seenBy(server, new Map([[victim.clientID, have + 100_000]]))).unseen).toBe(false);
  });

  it('lets an update delete what it adds itself, and finds a struct beyond what the server has (a gap)', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const text = client.getText('t');
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    text.insert(0, 'abc');
    text.insert(3, 'def');
    client.transact(() => {
      text.insert(6, 'xyz');
      text.delete(6, 3);
    });
    const own = updates[2]!;
    expect(checkUpdate(updates[0]!, seenBy(server))).toMatchObject({ gap: false, unseen: false });
    // Without the first two, the third starts beyond what the server has: a gap; its deletion of its own item is fine.
    expect(checkUpdate(own, seenBy(server))).toMatchObject({ gap: true, unseen: false });
    expect(checkUpdate(Y.mergeUpdates(updates), seenBy(server))).toMatchObject({ gap: false, unseen: false });
  });
});
