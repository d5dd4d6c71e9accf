import { describe, expect, it } from 'vitest';
import { OutboundBudget, type Outbound } from './outbound-budget';

/** A socket that queues what it is sent until it drains or is cut. */
class FakeSocket implements Outbound {
  cut = false;
  private readonly queue: Array<{ bytes: Uint8Array; done: () => void }> = [];
  constructor(private readonly budget: OutboundBudget) {
    budget.add(this);
  }
  send(bytes: Uint8Array): void {
    this.queue.push({ bytes, done: this.budget.hold(bytes) });
    this.budget.enforce();
  }
  drain(): void {
    for (const q of this.queue.splice(0)) q.done();
  }
  buffered(): number {
    return this.queue.reduce((n, q) => n + q.bytes.length, 0);
  }
  cutOff(): void {
    this.cut = true;
    // As a destroyed socket does: its write callbacks run a little later.
    setImmediate(() => this.drain());
  }
}

const turn = () => new Promise((r) => setImmediate(r));

describe('OutboundBudget', () => {
  it('counts a buffer queued to many sockets once, and releases it when the last one is done', () => {
    const budget = new OutboundBudget(100);
    const sockets = Array.from({ length: 5 }, () => new FakeSocket(budget));
    const relay = new Uint8Array(60);
    for (const s of sockets) s.send(relay);
    expect(budget.bytes).toBe(60);
    expect(sockets.some((s) => s.cut)).toBe(false);
    sockets.slice(0, 4).forEach((s) => s.drain());
    expect(budget.bytes).toBe(60);
    sockets[4]!.drain();
    expect(budget.bytes).toBe(0);
    expect(budget.peak).toBe(60);
  });

  it('over the budget, cuts the slowest readers first until the total fits', async () => {
    const budget = new OutboundBudget(100);
    const [fast, slow, slower] = [new FakeSocket(budget), new FakeSocket(budget), new FakeSocket(budget)];
    fast.send(new Uint8Array(10));
    slow.send(new Uint8Array(40));
    slower.send(new Uint8Array(45));
    expect([fast.cut, slow.cut, slower.cut]).toEqual([false, false, false]);
    slow.send(new Uint8Array(20));
    // 115 > 100: the one holding most (60) goes; 55 are left.
    expect([fast.cut, slow.cut, slower.cut]).toEqual([false, true, false]);
    fast.send(new Uint8Array(40));
    // 95 once the cut one is freed: nobody else is cut.
    expect(slower.cut).toBe(false);
    await turn();
    await turn();
    expect(budget.bytes).toBe(95);
    // Far over at once: as many are cut as needed, largest first.
    fast.send(new Uint8Array(100));
    expect([fast.cut, slower.cut]).toEqual([true, false]);
    await turn();
    await turn();
    expect(budget.bytes).toBe(45);
  });

  it('judges shared buffers again after the cuts are freed, and cuts more if still over', async () => {
    const budget = new OutboundBudget(100);
    const [a, b, c] = [new FakeSocket(budget), new FakeSocket(budget), new FakeSocket(budget)];
    const relay = new Uint8Array(80);
    for (const s of [a, b, c]) s.send(relay);
    a.send(new Uint8Array(30));
    // a (110) is cut, but the relay it shared stays queued to b and c: 80 ≤ 100 once freed.
    expect(a.cut).toBe(true);
    await turn();
    await turn();
    expect(budget.bytes).toBe(80);
    expect([b.cut, c.cut]).toEqual([false, false]);
  });
});
