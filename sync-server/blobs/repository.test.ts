import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AccountRepository } from '../../core/sync/accounts';
import { BlobRepository } from './repository';

const FILE = 'a'.repeat(64);

function setup() {
  const db = new Database(':memory:');
  const accounts = new AccountRepository(db);
  const repo = new BlobRepository(db, accounts);
  accounts.putUser({ login: 'alice', name: '张敏', units: ['市审批管理局'], role: 'staff' });
  accounts.putUser({ login: 'carol', name: '王芳', units: ['市审批管理局'], role: 'staff' });
  accounts.putUser({ login: 'bob', name: '李强', units: ['市财政局'], role: 'staff' });
  accounts.putUser({ login: 'mallory', name: '赵某', units: ['市财政局'], role: 'staff' });
  accounts.putUser({ login: 'admin', name: '管理员', units: ['市政府办公厅'], role: 'admin' });
  accounts.setOwners('督办-1', ['市审批管理局']);
  accounts.setOwners('督办-2', ['市财政局']);
  // Created records (what a `create` event does on the server): only those give access.
  db.prepare(`UPDATE docs SET kind = 'supervision'`).run();
  const user = (login: string) => accounts.getUser(login)!;
  const doc = (name: string) => accounts.docMeta(name)!.id;
  return { repo, accounts, user, doc };
}

describe('who may read a blob', () => {
  it('before any record refers to it: only its uploader; then: whoever may read a referring record', () => {
    const { repo, user, doc } = setup();
    repo.stored(FILE, 10, 'alice');
    expect(repo.mayRead(user('alice'), FILE)).toBe(true);
    expect(repo.mayRead(user('carol'), FILE)).toBe(false);
    repo.addRefs(doc('督办-1'), [FILE], 'alice');
    expect(repo.mayRead(user('carol'), FILE)).toBe(true);
    expect(repo.mayRead(user('bob'), FILE)).toBe(false);
    expect(repo.mayRead(user('admin'), FILE)).toBe(true);
  });

  it('a ref made before the upload counts once its author has sent every byte', () => {
    const { repo, user, doc } = setup();
    repo.addRefs(doc('督办-1'), [FILE], 'alice');
    expect(repo.mayRead(user('carol'), FILE)).toBe(false);
    repo.stored(FILE, 10, 'alice');
    expect(repo.mayRead(user('carol'), FILE)).toBe(true);
  });

  it('naming a known hash in an event of a record of one’s own does not open someone else’s file', () => {
    const { repo, user, doc } = setup();
    repo.stored(FILE, 10, 'alice');
    repo.addRefs(doc('督办-1'), [FILE], 'alice');
    // Mallory learnt the hash (say, before losing access) and refers to it in her unit's record.
    repo.addRefs(doc('督办-2'), [FILE], 'mallory');
    expect(repo.mayRead(user('mallory'), FILE)).toBe(false);
    expect(repo.mayRead(user('bob'), FILE)).toBe(false);
    // Forwarding by someone who can read it does open it to the other record's readers.
    repo.addRefs(doc('督办-2'), [FILE], 'admin');
    expect(repo.mayRead(user('bob'), FILE)).toBe(true);
  });

  it('a disabled user reads nothing; a removed grant takes the blob away with the record', () => {
    const { repo, accounts, user, doc } = setup();
    repo.stored(FILE, 10, 'alice');
    repo.addRefs(doc('督办-1'), [FILE], 'alice');
    accounts.grant('督办-1', 'bob', 'viewer');
    expect(repo.mayRead(user('bob'), FILE)).toBe(true);
    accounts.revoke('督办-1', 'bob');
    expect(repo.mayRead(user('bob'), FILE)).toBe(false);
    accounts.putUser({ login: 'carol', name: '王芳', units: ['市审批管理局'], role: 'staff', disabled: true });
    expect(repo.mayRead(user('carol'), FILE)).toBe(false);
  });

  it('counts uploads per user and day and keeps only the current day', () => {
    const { repo } = setup();
    repo.addUsage('alice', '2022-06-20', 100);
    repo.addUsage('alice', '2022-06-20', 50);
    expect(repo.usage('alice', '2022-06-20')).toBe(150);
    repo.addUsage('alice', '2022-06-21', 1);
    expect(repo.usage('alice', '2022-06-20')).toBe(0);
    repo.startUpload(FILE, 'alice', 1000);
    repo.startUpload('b'.repeat(64), 'alice', 300);
    expect(repo.inFlight('alice', FILE)).toBe(300);
  });
});
