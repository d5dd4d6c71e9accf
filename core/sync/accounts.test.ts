import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountRepository } from './accounts';

describe('accounts, grants and revocations', () => {
  it('records grants, revocations and access versions', () => {
    const db = new Database(':memory:');
    const repo = new AccountRepository(db);
    repo.putUser({ login: 'a', name: '甲', units: ['U'], role: 'staff' });
    repo.putUser({ login: 'b', name: '乙', units: ['V'], role: 'staff' });
    const v0 = repo.aclVersion();
    repo.setOwners('doc', ['U']);
    // Owners set before the record exists do not close the name: any staff member may still create it.
    expect(repo.accessFor(repo.getUser('b')!, 'doc')).toBe('editor');
    db.prepare(`UPDATE docs SET kind = 'note' WHERE name = 'doc'`).run(); // what appending its `create` does
    const a = repo.getUser('a')!;
    const b = repo.getUser('b')!;
    expect(repo.accessFor(a, 'doc')).toBe('editor');
    expect(repo.accessFor(b, 'doc')).toBeNull();
    repo.grant('doc', 'b', 'viewer');
    expect(repo.accessFor(b, 'doc')).toBe('viewer');
    expect(repo.revoke('doc', 'b')).toBe(true);
    expect(repo.accessFor(b, 'doc')).toBeNull();
    expect(repo.revocationsSince('b', 0)).toEqual([repo.docMeta('doc')!.id]);
    expect(repo.aclVersion()).toBeGreaterThan(v0);
    expect(() => repo.putUser({ login: 'bad login', name: 'x', units: [], role: 'staff' })).toThrow();
    expect(() => repo.grant('doc', 'nobody', 'viewer')).toThrow(/没有这个用户/);
  });

  it('takes owners from the creator and the events, records revocations when units drop out', () => {
    const db = new Database(':memory:');
    const repo = new AccountRepository(db);
    repo.putUser({ login: 'a', name: '甲', units: ['U'], role: 'staff' });
    repo.putUser({ login: 'b', name: '乙', units: ['V'], role: 'reader' });
    repo.putUser({ login: 'c', name: '丙', units: ['W'], role: 'staff' });
    repo.setOwners('rec', []);
    db.prepare(`UPDATE docs SET kind = 'note', creator_units = '["U"]' WHERE name = 'rec'`).run();
    const [a, b, c] = ['a', 'b', 'c'].map((l) => repo.getUser(l)!);
    const id = repo.docMeta('rec')!.id;
    expect([repo.accessFor(a!, 'rec'), repo.accessFor(b!, 'rec'), repo.accessFor(c!, 'rec')]).toEqual(['editor', null, null]);
    const v = repo.aclVersion();
    expect(repo.setEventOwners(id, ['W', 'V', 'V'])).toBe(true);
    expect(repo.setEventOwners(id, ['V', 'W'])).toBe(false);
    expect(repo.aclVersion()).toBeGreaterThan(v);
    expect(repo.docMeta('rec')).toMatchObject({ creatorUnits: ['U'], eventOwners: ['V', 'W'] });
    expect([repo.accessFor(a!, 'rec'), repo.accessFor(b!, 'rec'), repo.accessFor(c!, 'rec')]).toEqual(['editor', 'viewer', 'editor']);
    repo.setEventOwners(id, ['V']);
    expect(repo.accessFor(c!, 'rec')).toBeNull();
    expect(repo.revocationsSince('c', 0)).toEqual([id]);
    expect(repo.revocationsSince('b', 0)).toEqual([]);
    // The creator's unit owns the record for good: event owners cannot take it away.
    repo.setEventOwners(id, []);
    expect(repo.accessFor(a!, 'rec')).toBe('editor');
    expect(repo.revocationsSince('a', 0)).toEqual([]);
  });

  it('keeps one token secret', () => {
    const repo = new AccountRepository(new Database(':memory:'));
    let n = 0;
    const rand = (size: number) => new Uint8Array(size).fill(++n);
    expect(repo.secret(rand)).toEqual(repo.secret(rand));
  });
});
