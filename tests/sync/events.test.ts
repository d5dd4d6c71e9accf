import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reduceRecord } from '../../core/kernel/reduce';
import { parseEventJson } from '../../core/sync/event-json';
import { CloseCode } from '../../core/sync/protocol';
import { noteArea } from '../../core/sync/testing/note-area';
import { createEvent, recordEvent } from '../../core/sync/testing/record-events';
import { MuxClient } from '../../main/sync/testing/mux-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { person, until } from './helpers';

const alice = person('alice', '市工信局');
const bob = person('bob', '市工信局', 'leader');
const carol = person('carol', '市工信局', 'leader');

/** The event protocol (v2) through a real server: append-only by construction, idempotent, ordered, relayed. */
describe('workflow events as submitted transactions', () => {
  const dataDir = tempDir();
  let server: SyncServerProcess;
  const clients: MuxClient[] = [];
  const client = (login: string, opts?: { version?: number }) => {
    const c = new MuxClient(server.wsUrl, tokenFor(dataDir, login), opts);
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    addUser(dataDir, 'alice', { unit: '市工信局' });
    addUser(dataDir, 'bob', { unit: '市工信局' });
    addUser(dataDir, 'carol', { unit: '市工信局' });
    addUser(dataDir, 'reader', { unit: '市工信局', role: 'reader' });
    addUser(dataDir, 'outsider', { unit: '市财政局' });
    server = await startSyncServer({ dataDir, args: ['--head-delay-ms', '10'] });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop('SIGKILL');
  });

  /** The record's events as a fresh replica receives them (the feed), parsed. */
  async function logOf(name: string) {
    const page = (await client('alice').feed(0)).page;
    return (page.entries.find((e) => e.name === name)?.events ?? []).map((e) => ({ seq: e.seq, event: (parseEventJson(e.json) as { ok: true; event: ReturnType<typeof createEvent> }).event }));
  }

  it('refuses an app that speaks protocol v1 (events in the Y.Doc) with a clear reason', async () => {
    const old = client('alice', { version: 1 });
    const { code, reason } = await old.closed;
    expect(code).toBe(CloseCode.unsupportedVersion);
    expect(reason).toContain('请升级');
  });

  it('appends each id once: the same event again is acknowledged with its seq, other content under it is refused', async () => {
    const a = client('alice');
    const create = createEvent(alice, 'note');
    const comment = recordEvent(alice, 'comment', { text: '第一条' });
    expect((await a.submit('ev-once', [create, comment])).map((r) => [r.status, r.seq])).toEqual([
      ['ok', 1],
      ['ok', 2],
    ]);
    // A resubmission after a lost answer, and the same event arriving from another replica.
    expect((await a.submit('ev-once', [comment]))[0]).toMatchObject({ status: 'ok', seq: 2 });
    expect((await client('bob').submit('ev-once', [comment]))[0]).toMatchObject({ status: 'ok', seq: 2 });
    // Rewriting an appended event is a new content under a known id: refused. There is no delete.
    expect((await a.submit('ev-once', [{ ...comment, payload: { text: '改写' } }]))[0]).toMatchObject({ status: 'refused', reason: expect.stringContaining('已被另一条内容不同的记录使用') });
    expect((await logOf('ev-once')).map((e) => [e.seq, e.event.id, e.event.payload])).toEqual([
      [1, create.id, { kind: 'note' }],
      [2, comment.id, { text: '第一条' }],
    ]);
  });

  it('takes events from editors only: a reader is refused, a non-member learns nothing', async () => {
    await client('alice').submit('ev-access', [createEvent(alice, 'note')]);
    const readerResult = (await client('reader').submit('ev-access', [recordEvent(person('reader', '市工信局'), 'comment', { text: 'x' })]))[0];
    expect(readerResult).toMatchObject({ status: 'refused', reason: expect.stringContaining('只读') });
    const outsider = (await client('outsider').submit('ev-access', [recordEvent(person('outsider', '市财政局'), 'comment', { text: 'x' })]))[0];
    expect(outsider).toMatchObject({ status: 'refused', reason: '无权访问该记录' });
    // Nor may anyone take a name whose record exists by creating it again.
    expect((await client('outsider').submit('ev-access', [createEvent(person('outsider', '市财政局'), 'note')]))[0]).toMatchObject({ status: 'refused' });
  });

  it('two offline transitions on the same basis are both appended; every replica flags the second', async () => {
    await client('alice').submit('ev-basis', [createEvent(alice, 'note')]);
    const first = recordEvent(bob, 'approve', {}, { basis: null });
    const second = recordEvent(carol, 'approve', {}, { basis: null });
    expect((await client('bob').submit('ev-basis', [first]))[0]?.status).toBe('ok');
    expect((await client('carol').submit('ev-basis', [second]))[0]).toMatchObject({ status: 'ok', seq: 3 });
    const reduced = reduceRecord(noteArea, (await logOf('ev-basis')).map((e) => e.event));
    expect(reduced.state.approvedBy).toBe('bob');
    expect(reduced.conflicts).toBe(1);
    expect(reduced.history[2]).toMatchObject({ applied: false, rejectKind: 'basis' });
  });

  it('relays appended events to subscribers at once, and the feed carries only what is new since a position', async () => {
    const a = client('alice');
    await a.submit('ev-relay', [createEvent(alice, 'note')]);
    const watcher = client('bob');
    await watcher.subscribe('ev-relay');
    const position = (await watcher.feed(0)).page.upTo;
    const comment = recordEvent(alice, 'comment', { text: '请阅' });
    await a.submit('ev-relay', [comment]);
    await until(() => watcher.frames.some((f) => f.type === 'events' && f.name === 'ev-relay' && f.events[0]?.seq === 2), 'the event is relayed');
    const entry = (await watcher.feed(position)).page.entries.find((e) => e.events.length > 0);
    expect(entry?.events.map((e) => e.seq)).toEqual([2]);
    expect(entry?.events[0]?.json).toContain(comment.id);
  });

  it('closes a connection that sends a malformed submit frame (4400)', async () => {
    const c = client('alice');
    await c.opened;
    c.ws.send(Uint8Array.from([5, 1, 1, 0x61, 0xe5, 0x00])); // declares 101 events
    expect((await c.closed).code).toBe(CloseCode.malformed);
  });
});
