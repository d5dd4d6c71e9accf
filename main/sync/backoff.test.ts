import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';
import { Bookkeeping } from './bookkeeping';
import { MemoryStorage } from './memory-storage';

describe('reconnect back-off', () => {
  it('grows exponentially with jitter, capped, and resets', () => {
    const low = new Backoff(500, 30_000, () => 0);
    const high = new Backoff(500, 30_000, () => 0.999);
    const highs = Array.from({ length: 10 }, () => high.next());
    expect(highs.slice(0, 4)).toEqual([499, 999, 1998, 3996]);
    expect(Math.max(...highs)).toBeLessThan(30_000);
    expect(low.next()).toBe(250);
    high.reset();
    expect(high.next()).toBe(499);
  });
});

describe('engine bookkeeping', () => {
  it('persists the feed position, dirty documents and ids per server', () => {
    const storage = new MemoryStorage();
    storage.doc('local-only').getText('t').insert(0, 'x');
    const book = new Bookkeeping(storage, 'ws://a');
    // A new server: everything local is offered to it.
    expect([...book.dirty]).toEqual(['local-only']);
    book.saveSeq(42);
    book.remember(7, 'doc-7');
    book.saveIds();
    const again = new Bookkeeping(storage, 'ws://a');
    expect(again.seq).toBe(42);
    expect(again.idToName.get(7)).toBe('doc-7');
    expect(again.known('doc-7')).toBe(true);
    const other = new Bookkeeping(storage, 'ws://b');
    expect(other.seq).toBe(0);
    expect(other.known('doc-7')).toBe(false);
  });
});
