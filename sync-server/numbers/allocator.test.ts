import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../core/sync/migrate';
import { NumberAllocator } from './allocator';

const ledger = () => {
  const db = new Database(':memory:');
  migrate(db);
  return new NumberAllocator(db);
};
const ask = (a: NumberAllocator, recordId: string, series = '厦府办', year = 2022) => a.allocate({ series, year, recordId, login: 'bgt.sun', at: 0 });

describe('the 编号 ledger', () => {
  it('numbers per series and year, consecutively from 1; a record asking again gets its number back', () => {
    const a = ledger();
    expect([ask(a, 'd1'), ask(a, 'd2'), ask(a, 'd1'), ask(a, 'd3')]).toEqual([
      { seq: 1, fresh: true },
      { seq: 2, fresh: true },
      { seq: 1, fresh: false },
      { seq: 3, fresh: true },
    ]);
    expect(ask(a, 'd1', '厦府办', 2023).seq).toBe(1);
    expect(ask(a, 'x1', '收文:市工信局(大数据局)').seq).toBe(1);
    expect(ask(a, 'd4').seq).toBe(4);
  });

  it('two allocators on one file (two processes) never hand out one number twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-numbers-'));
    const file = path.join(dir, 'sync.db');
    const one = new Database(file);
    migrate(one);
    const two = new Database(file);
    const [a, b] = [new NumberAllocator(one), new NumberAllocator(two)];
    const seqs = Array.from({ length: 40 }, (_, i) => ask(i % 2 ? a : b, `r${i}`).seq);
    expect([...seqs].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    one.close();
    two.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('allocations in one turn', () => {
  it('share one transaction and still number each record once, in the order asked', async () => {
    const a = ledger();
    const asked = ['d1', 'd2', 'd1', 'd3'].map((recordId) => a.allocateSoon({ series: '厦府办', year: 2022, recordId, login: 'bgt.sun', at: 0 }));
    expect((await Promise.all(asked)).map((x) => x.seq)).toEqual([1, 2, 1, 3]);
    expect((await a.allocateSoon({ series: '厦府办', year: 2022, recordId: 'd4', login: 'bgt.sun', at: 0 })).seq).toBe(4);
  });
});
