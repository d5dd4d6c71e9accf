import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, deleteSetOf } from './update-check';

describe('update classification', () => {
  it('tells new updates from ones already stored, including delete sets', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    client.getText('t').insert(0, 'hello');
    const insert = Y.encodeStateAsUpdate(client);
    const sv = () => Y.decodeStateVector(Y.encodeStateVector(server));
    expect(checkUpdate(insert, sv(), () => deleteSetOf(server)).kind).toBe('new');
    Y.applyUpdate(server, insert);
    expect(checkUpdate(insert, sv(), () => deleteSetOf(server)).kind).toBe('noop');

    client.getText('t').delete(0, 2);
    const withDelete = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(checkUpdate(withDelete, sv(), () => deleteSetOf(server)).kind).toBe('new');
    Y.applyUpdate(server, withDelete);
    // The stock client answers every sync step 1 with its whole delete set: already stored.
    expect(checkUpdate(Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)), sv(), () => deleteSetOf(server)).kind).toBe('noop');
  });

  it('calls undecodable bytes invalid', () => {
    expect(checkUpdate(Uint8Array.from([5, 200, 1]), new Map(), () => Y.createDeleteSet()).kind).toBe('invalid');
  });
});
