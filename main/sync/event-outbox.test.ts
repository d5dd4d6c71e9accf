import { describe, expect, it, vi } from 'vitest';
import type { SubmitResult } from '../../core/sync/event-wire';
import { decodeClientFrame, type ClientFrame } from '../../core/sync/mux';
import { recordEvent } from '../../core/sync/testing/record-events';
import { EventOutbox } from './event-outbox';
import { Link } from './link';
import { MemoryStorage } from './memory-storage';

const alice = { login: 'alice', name: '甲', unit: '市工信局', role: 'unit_staff' as const };

function setup(retryMs = 10) {
  const storage = new MemoryStorage();
  const sent: Array<Extract<ClientFrame, { type: 'submit' }>> = [];
  const link = new Link((bytes) => {
    const frame = decodeClientFrame(bytes);
    if (frame.type === 'submit') sent.push(frame);
  });
  const cb = { changed: vi.fn(), created: vi.fn(), error: vi.fn(), importRefused: vi.fn() };
  const outbox = new EventOutbox(storage, cb, retryMs);
  storage.onEvent((id, event, origin) => origin === 'local' && outbox.local(id, event));
  const answer = (frame: (typeof sent)[number], results: Array<Pick<SubmitResult, 'status'> & Partial<SubmitResult>>) =>
    link.resolve({ type: 'submitted', id: frame.id, results: results.map((r, i) => ({ eventId: JSON.parse(frame.events[i]!).id as string, seq: 0, reason: '', ...r })) });
  return { storage, sent, link, cb, outbox, answer };
}

describe('the event outbox', () => {
  it('submits a record\'s events in local order, one submit at a time, its create before anything else', () => {
    const { storage, sent, link, outbox, answer, cb } = setup();
    storage.create('r1', 'note', alice);
    storage.act('r1', recordEvent(alice, 'comment', { text: '一' }));
    expect(outbox.awaitsCreate('r1')).toBe(true);
    expect(outbox.count).toBe(2);
    outbox.connected(link);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.events.map((e) => JSON.parse(e).type)).toEqual(['create', 'comment']);
    // A third event waits for the answer to the first submit.
    storage.act('r1', recordEvent(alice, 'comment', { text: '二' }));
    expect(sent).toHaveLength(1);
    answer(sent[0]!, [
      { status: 'ok', seq: 1 },
      { status: 'ok', seq: 2 },
    ]);
    expect(cb.created).toHaveBeenCalledWith('r1');
    expect(outbox.awaitsCreate('r1')).toBe(false);
    expect(storage.events('r1').map((e) => [e.event.type, e.status, e.seq])).toEqual([
      ['create', 'confirmed', 1],
      ['comment', 'confirmed', 2],
      ['comment', 'pending', null],
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.events).toHaveLength(1);
  });

  it('hands a refused imported create to importRefused instead of reporting an error (the seed on a non-administrator\'s profile)', () => {
    const { storage, sent, link, outbox, answer, cb } = setup();
    const importer = { login: 'system:import', name: '文件导入', unit: '市政府督查室', role: 'supervisor' as const };
    storage.create('seed-1', 'note', importer);
    storage.act('seed-1', recordEvent(importer, 'comment', { text: '交办' }));
    outbox.connected(link);
    answer(sent[0]!, [
      { status: 'refused', reason: '只有管理员可以写入系统导入事件(system:import)' },
      { status: 'refused', reason: '记录尚未创建(缺少创建操作),不能办理' },
    ]);
    expect(cb.importRefused).toHaveBeenCalledWith('seed-1');
    expect(cb.error).not.toHaveBeenCalled();
    expect(outbox.count).toBe(0);
    // A user's own refused create is an error to show, not an import to drop.
    storage.create('mine', 'note', alice);
    answer(sent[1]!, [{ status: 'refused', reason: '无权访问该记录' }]);
    expect(cb.importRefused).toHaveBeenCalledTimes(1);
    expect(cb.error).toHaveBeenCalledWith(expect.stringContaining('“mine”的办理记录未被服务器接受'));
  });

  it('keeps a refused event as rejected with the server\'s reason and says which record', () => {
    const { storage, sent, link, outbox, answer, cb } = setup();
    storage.act('r2', recordEvent(alice, 'comment', { text: '越权' }));
    outbox.connected(link);
    answer(sent[0]!, [{ status: 'refused', reason: '无权访问该记录' }]);
    expect(storage.events('r2')[0]).toMatchObject({ status: 'rejected', reason: '无权访问该记录' });
    expect(cb.error).toHaveBeenCalledWith(expect.stringContaining('“r2”的办理记录未被服务器接受:无权访问该记录'));
    expect(outbox.count).toBe(0);
  });

  it('submits again, later, what the server could not store; and everything again after a reconnect', async () => {
    const { storage, sent, link, outbox, answer } = setup();
    storage.create('r3', 'note', alice);
    outbox.connected(link);
    answer(sent[0]!, [{ status: 'unavailable' }]);
    expect(storage.events('r3')[0]?.status).toBe('pending');
    expect(sent).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(sent).toHaveLength(2);
    outbox.disconnected();
    const again = new Link(() => {});
    const spy = vi.spyOn(again, 'request');
    outbox.connected(again);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('never submits more than 100 events in one frame', () => {
    const { storage, sent, link, outbox, answer } = setup();
    storage.create('r4', 'note', alice);
    for (let i = 0; i < 150; i++) storage.act('r4', recordEvent(alice, 'comment', { text: String(i) }));
    outbox.connected(link);
    expect(sent[0]!.events).toHaveLength(100);
    answer(sent[0]!, Array.from({ length: 100 }, (_, i) => ({ status: 'ok' as const, seq: i + 1 })));
    expect(sent[1]!.events).toHaveLength(51);
  });
});
