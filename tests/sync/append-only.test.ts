import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { appendEvent, bodyOf, bodyText, eventsOf, fieldsOf, setBodyText, type WorkflowEvent } from '../../core/records/record-doc';
import { AckStatus, decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../core/sync/mux';
import { MessageType, MUX_PATH, MUX_VERSION } from '../../core/sync/protocol';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { sleep, until } from './helpers';

const UNIT = '市工信局';
const event = (id: string, actor: string, type = 'register'): WorkflowEvent => ({ id, type, actor, at: new Date().toISOString(), basis: null, payload: {} });

/** The events array is append-only at a real sync server, on both endpoints, for everyone. */
describe('append-only event log through the sync server', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;

  beforeAll(async () => {
    addUser(dataDir, 'gxj.wang', { unit: UNIT });
    addUser(dataDir, 'gxj.li', { unit: UNIT });
    addUser(dataDir, 'admin', { unit: '市政府办公室', role: 'admin' });
    // No --trust-ca: the rule does not depend on signature checking being configured.
    server = await startSyncServer({ dataDir });
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  const rejected = async (reason: string) => {
    const text = await (await fetch(`${server.httpUrl}/metrics`)).text();
    return Number(new RegExp(`xietong_sync_rejected_frames_total\\{reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  };

  const client = async (name: string, login: string) => {
    const c = new RawClient(docUrl(server.wsUrl, name, tokenFor(dataDir, login)));
    await c.whenSynced();
    return c;
  };

  /** A 收文 record with a body and two events by gxj.wang (client A), seen by gxj.li (client B). */
  async function record(name: string): Promise<{ a: RawClient; b: RawClient }> {
    const a = await client(name, 'gxj.wang');
    a.doc.transact(() => {
      fieldsOf(a.doc).set('kind', 'incoming');
      fieldsOf(a.doc).set('title', '关于推行掌上办公的通知');
      setBodyText(a.doc, '各区人民政府:\n现将有关事项通知如下。');
      appendEvent(a.doc, event(`${name}-1`, 'gxj.wang'));
      appendEvent(a.doc, event(`${name}-2`, 'gxj.wang', 'assign'));
    });
    const b = await client(name, 'gxj.li');
    await until(() => eventsOf(b.doc).length === 2, 'the events reach client B');
    return { a, b };
  }

  /** The reasons of y-protocols "permission denied" messages a stock connection receives. */
  function deniedReasons(c: RawClient): string[] {
    const reasons: string[] = [];
    c.ws.on('message', (data: Buffer) => {
      const d = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(d) !== MessageType.auth) return;
      decoding.readVarUint(d);
      reasons.push(decoding.readVarString(d));
    });
    return reasons;
  }

  it('stock endpoint: an editor\'s deletion of an event is refused and not relayed; their body edit still syncs', async () => {
    const { a, b } = await record('rec-ao-1');
    const reasons = deniedReasons(b);
    const before = await rejected('append_only');
    const deleted = eventsOf(b.doc).get(0) as WorkflowEvent;
    eventsOf(b.doc).delete(0, 1);
    await until(() => reasons.some((r) => r.includes('办理记录只能追加,不能删除或修改已有记录')), 'B is told why');
    expect(await rejected('append_only')).toBeGreaterThan(before);
    expect(server.output()).toMatch(/"doc":"rec-ao-1".*refused: deletes from the event log/);
    await sleep(300);
    expect((eventsOf(a.doc).toArray() as WorkflowEvent[]).map((e) => e.id)).toEqual(['rec-ao-1-1', 'rec-ao-1-2']);

    // The same session goes on: a body edit, typed and partly erased at once, is accepted and relayed.
    setBodyText(b.doc, '各区人民政府:\n现将有关事项通知如下,请认真贯彻执行。');
    bodyOf(b.doc).insert(0, [new Y.XmlElement('paragraph')]);
    bodyOf(b.doc).delete(0, 1);
    await until(() => bodyText(a.doc) === '各区人民政府:\n现将有关事项通知如下,请认真贯彻执行。', 'B\'s body edit reaches A');

    const fresh = await client('rec-ao-1', 'gxj.wang');
    expect(bodyText(fresh.doc)).toBe('各区人民政府:\n现将有关事项通知如下,请认真贯彻执行。');
    expect(eventsOf(fresh.doc).toArray()).toContainEqual(deleted);
    expect(eventsOf(fresh.doc).length).toBe(2);
    for (const c of [a, b, fresh]) c.close();
  });

  /** A multiplexed connection (the app's endpoint) that pushes updates and returns the acks. */
  async function muxAs(login: string) {
    const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${tokenFor(dataDir, login)}`);
    const frames: ServerFrame[] = [];
    ws.on('message', (d: Buffer) => frames.push(decodeServerFrame(new Uint8Array(d))));
    await new Promise((r) => ws.once('open', r));
    let next = 1;
    const send = (name: string, update: Uint8Array): number => {
      const id = next++;
      ws.send(encodeClientFrame({ type: 'push', id, name, update }));
      return id;
    };
    const ackOf = async (id: number) => {
      await until(() => frames.some((f) => f.type === 'ack' && f.id === id), 'push answered');
      return frames.find((f) => f.type === 'ack' && f.id === id) as Extract<ServerFrame, { type: 'ack' }>;
    };
    return {
      ws,
      /** Sends a push without waiting; returns its id. */
      send,
      ackOf,
      /** Pushes what `change` does on top of `base`, as the app's outbox does (a diff with the whole delete set). */
      async push(name: string, base: Y.Doc, change: (d: Y.Doc) => void) {
        const local = new Y.Doc();
        Y.applyUpdate(local, Y.encodeStateAsUpdate(base));
        const sv = Y.encodeStateVector(local);
        change(local);
        return ackOf(send(name, Y.encodeStateAsUpdate(local, sv)));
      },
    };
  }

  it('multiplexed endpoint: deletions of events are refused for editors and administrators alike', async () => {
    const { a, b } = await record('rec-ao-2');
    const editor = await muxAs('gxj.li');
    const admin = await muxAs('admin');
    const before = await rejected('append_only');
    const cases: Array<[string, Awaited<ReturnType<typeof muxAs>>, (d: Y.Doc) => void]> = [
      ['editor deletes an event', editor, (d) => eventsOf(d).delete(1, 1)],
      ['administrator deletes an event', admin, (d) => eventsOf(d).delete(0, 1)],
      ['an event is rewritten (delete + insert)', editor, (d) => d.transact(() => {
        eventsOf(d).delete(0, 1);
        eventsOf(d).insert(0, [event('rec-ao-2-1', 'gxj.wang', 'close')]);
      })],
      ['an event added and deleted in one update', editor, (d) => {
        appendEvent(d, event('rec-ao-2-x', 'gxj.li'));
        eventsOf(d).delete(2, 1);
      }],
    ];
    for (const [what, conn, change] of cases) {
      const ack = await conn.push('rec-ao-2', a.doc, change);
      expect(ack.status, what).toBe(AckStatus.denied);
      expect(ack.reason, what).toBe('append-only / 办理记录只能追加,不能删除或修改已有记录');
    }
    expect(await rejected('append_only')).toBe(before + cases.length);

    // Edits that delete body text or replace a field are accepted, and an event is appended.
    const edit = await editor.push('rec-ao-2', a.doc, (d) => {
      setBodyText(d, '各区人民政府:\n现将有关事项通知如下。请于月底前报送。');
      fieldsOf(d).set('title', '关于推行掌上办公的补充通知');
      appendEvent(d, event('rec-ao-2-3', 'gxj.li', 'review'));
    });
    expect(edit.status).toBe(AckStatus.ok);
    await until(() => fieldsOf(b.doc).get('title') === '关于推行掌上办公的补充通知', 'the edit is relayed');

    // An insert and its deletion pushed back to back: the deletion targets a write still in flight.
    const writer = new Y.Doc();
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(b.doc));
    const sv1 = Y.encodeStateVector(writer);
    bodyOf(writer).insert(0, [new Y.XmlElement('paragraph')]);
    const insert = Y.encodeStateAsUpdate(writer, sv1);
    const sv2 = Y.encodeStateVector(writer);
    bodyOf(writer).delete(0, 1);
    const erase = Y.encodeStateAsUpdate(writer, sv2);
    const [i1, i2] = [editor.send('rec-ao-2', insert), editor.send('rec-ao-2', erase)];
    expect((await editor.ackOf(i1)).status).toBe(AckStatus.ok);
    expect((await editor.ackOf(i2)).status).toBe(AckStatus.ok);

    // A deletion sent before its event waits on the server (Yjs allows that order); the event is refused on arrival.
    const early = new Y.Doc();
    Y.applyUpdate(early, Y.encodeStateAsUpdate(b.doc));
    const svAdd = Y.encodeStateVector(early);
    appendEvent(early, event('rec-ao-2-4', 'gxj.li', 'note'));
    const add = Y.encodeStateAsUpdate(early, svAdd);
    const svDelete = Y.encodeStateVector(early);
    eventsOf(early).delete(eventsOf(early).length - 1, 1);
    const remove = Y.encodeStateAsUpdate(early, svDelete);
    expect((await editor.ackOf(editor.send('rec-ao-2', remove))).status).toBe(AckStatus.ok);
    expect(await editor.ackOf(editor.send('rec-ao-2', add))).toMatchObject({ status: AckStatus.denied, reason: 'append-only / 办理记录只能追加,不能删除或修改已有记录' });

    await sleep(300);
    expect((eventsOf(b.doc).toArray() as WorkflowEvent[]).map((e) => e.id)).toEqual(['rec-ao-2-1', 'rec-ao-2-2', 'rec-ao-2-3']);
    const fresh = await client('rec-ao-2', 'gxj.wang');
    expect((eventsOf(fresh.doc).toArray() as WorkflowEvent[]).map((e) => e.id)).toEqual(['rec-ao-2-1', 'rec-ao-2-2', 'rec-ao-2-3']);
    expect(bodyText(fresh.doc)).toBe('各区人民政府:\n现将有关事项通知如下。请于月底前报送。');
    for (const c of [a, b, fresh]) c.close();
    editor.ws.close();
    admin.ws.close();
  });
});
