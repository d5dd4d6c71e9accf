import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountRepository } from './accounts';

describe('accounts, grants and revocations', () => {
  it('records grants, revocations and access versions', () => {
    const repo = new AccountRepository(new Database(':memory:'));
    repo.putUser({ login: 'a', name: '甲', units: ['U'], role: 'staff' });
    repo.putUser({ login: 'b', name: '乙', units: ['V'], role: 'staff' });
    const v0 = repo.aclVersion();
    repo.setOwners('doc', ['U']);
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

  it('keeps one token secret', () => {
    const repo = new AccountRepository(new Database(':memory:'));
    let n = 0;
    const rand = (size: number) => new Uint8Array(size).fill(++n);
    expect(repo.secret(rand)).toEqual(repo.secret(rand));
  });
});
