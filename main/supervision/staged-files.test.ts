import { describe, expect, it } from 'vitest';
import { StagedFiles, type StagedFile } from './staged-files';

const file = (size: number, name = 'a.pdf'): StagedFile => ({ name, mime: 'application/pdf', size, data: new Uint8Array(size) });
const HOUR = 3_600_000;

describe('StagedFiles', () => {
  it('keeps a file for its record until the ttl has passed, then says it expired', () => {
    let now = 0;
    const staged = new StagedFiles({ now: () => now });
    staged.put('r1', 'k1', file(10), 'zhang');
    expect(staged.get('r1', 'k1')?.size).toBe(10);
    expect(staged.get('r2', 'k1')).toBeNull();
    now = 2 * HOUR - 1;
    expect(staged.stagedFor('r1')).toEqual([{ sm3: 'k1', size: 10 }]);
    now = 2 * HOUR;
    expect(staged.get('r1', 'k1')).toBeNull();
    expect(staged.lossOf('r1', 'k1')).toBe('expired');
    expect(staged.totalBytes).toBe(0);
  });

  it('a second upload of the same bytes refreshes the ttl and counts once', () => {
    let now = 0;
    const staged = new StagedFiles({ now: () => now });
    staged.put('r1', 'k1', file(10), 'zhang');
    now = HOUR;
    staged.put('r1', 'k1', file(10, 'b.pdf'), 'zhang');
    expect(staged.totalBytes).toBe(10);
    now = 2 * HOUR + 1;
    expect(staged.get('r1', 'k1')?.name).toBe('a.pdf');
  });

  it('stays under maxBytes by dropping the oldest first, and remembers why', () => {
    const staged = new StagedFiles({ now: () => 0, maxBytes: 100 });
    staged.put('r1', 'k1', file(40), 'zhang');
    staged.put('r1', 'k2', file(40), 'zhang');
    staged.put('r1', 'k1', file(40), 'zhang'); // k1 is now the newest
    staged.put('r2', 'k3', file(40), 'li');
    expect(staged.totalBytes).toBe(80);
    expect(staged.get('r1', 'k2')).toBeNull();
    expect(staged.lossOf('r1', 'k2')).toBe('evicted');
    expect(staged.get('r1', 'k1')).not.toBeNull();
    // Staged again: no longer reported as lost.
    staged.put('r1', 'k2', file(40), 'zhang');
    expect(staged.lossOf('r1', 'k2')).toBeNull();
  });

  it('written files leave without a note; unused ones of the reporter are discarded, unless someone else staged them too', () => {
    const staged = new StagedFiles({ now: () => 0 });
    staged.put('r1', 'used', file(1), 'zhang');
    staged.put('r1', 'mine', file(2), 'zhang');
    staged.put('r1', 'shared', file(3), 'zhang');
    staged.put('r1', 'shared', file(3), 'li');
    staged.put('r2', 'other', file(4), 'zhang');
    staged.written('r1', 'used');
    staged.discardUnused('r1', 'zhang');
    expect(staged.lossOf('r1', 'used')).toBeNull();
    expect(staged.lossOf('r1', 'mine')).toBe('discarded');
    expect(staged.stagedFor('r1')).toEqual([{ sm3: 'shared', size: 3 }]);
    expect(staged.stagedFor('r2')).toEqual([{ sm3: 'other', size: 4 }]);
    expect(staged.totalBytes).toBe(7);
  });
});
