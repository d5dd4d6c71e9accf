import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toHex } from '../../core/crypto/bytes';
import { sm3 } from '../../core/crypto/sm3';
import type { RecordEvent } from '../../core/kernel/event';
import { filesOf } from '../../core/records/record-doc';
import { Store } from '../store/store';
import { removeTempDirs, supervision, tempDir } from '../store/testing/fixtures';
import { BlobStore } from './blob-store';
import { PROFILE_PASS_KEY, startBlobUpkeep } from './upkeep';

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
  removeTempDirs();
});

function profile() {
  const dir = tempDir('xietong-upkeep-');
  const store = Store.open({ dir });
  const blobs = BlobStore.open({ dir });
  open.push(blobs, store);
  return { store, blobs };
}

const bytes = (n: number, seed = 0) => new Uint8Array(n).map((_, i) => (i * 29 + seed) % 256);
const report = (id: string, actor: string, refs: Array<{ name: string; sm3: string; size: number }>): RecordEvent => ({
  id,
  type: 'report',
  actor,
  by: { login: actor, name: actor, unit: '市审批管理局', role: 'unit_staff' },
  at: '2022-06-20T03:00:00.000Z',
  basis: null,
  payload: { unit: '市审批管理局', text: '进展', percent: 50, attachments: refs },
});

describe('blob upkeep of a profile', () => {
  it('at the first open, old files move to the blob store, the record shrinks, events stay, refs are noted; then it is recorded and not repeated', async () => {
    const { store, blobs } = profile();
    const data = bytes(3 * 1024 * 1024);
    const key = toHex(sm3(data));
    const other = 'c'.repeat(64);
    const id = store.create('supervision', supervision({ title: '推进政务数据共享' }));
    // A record from before blobs: the bytes in its Y.Doc's files, the event naming them in its log.
    store.act(id, report('r1', 'alice', [{ name: '共享清单.pdf', sm3: key, size: data.length }, { name: '别处的附件.pdf', sm3: other, size: 10 }]), (doc) =>
      filesOf(doc).set(key, { name: '共享清单.pdf', mime: 'application/pdf', size: data.length, data }),
    );
    const before = Y.encodeStateAsUpdate(store.getDoc(id)).length;
    const origins: string[] = [];
    store.onUpdate((_id, _u, origin) => origins.push(origin));
    const upkeep = startBlobUpkeep(store, blobs);
    await upkeep.done;
    upkeep.stop();
    expect(blobs.row(key)).toMatchObject({ state: 'present', origin: 'migrated', share: 1, uploaded: 0 });
    expect(Buffer.from((await blobs.read(key, 0, 100)).data).equals(Buffer.from(data.subarray(0, 100)))).toBe(true);
    expect(blobs.row(other)).toMatchObject({ state: 'wanted', size: 10 });
    expect(filesOf(store.getDoc(id)).size).toBe(0);
    expect(store.events(id).map((e) => e.event)).toContainEqual(report('r1', 'alice', [{ name: '共享清单.pdf', sm3: key, size: data.length }, { name: '别处的附件.pdf', sm3: other, size: 10 }]));
    expect(Y.encodeStateAsUpdate(store.getDoc(id)).length).toBeLessThan(before - data.length + 4096);
    // Applied as a remote change: not pushed by itself (a viewer's push would be refused).
    expect(origins).toEqual(['remote']);
    expect(store.getMeta(PROFILE_PASS_KEY)).not.toBeNull();
    blobs.markUploaded(key);
    const again = startBlobUpkeep(store, blobs);
    await again.done;
    again.stop();
    expect(blobs.row(key)?.uploaded).toBe(1);
  });

  it('afterwards: a local report shares its files (to be uploaded); a remote one wants the files it names', async () => {
    const { store, blobs } = profile();
    const upkeep = startBlobUpkeep(store, blobs);
    await upkeep.done;
    const id = store.create('supervision', supervision({ title: '推进政务数据共享' }));
    const mine = await blobs.importBytes(bytes(5000), 'local');
    expect(blobs.pendingUploads()).toEqual([]);
    store.act(id, report('r1', 'alice', [{ name: '进展.pdf', sm3: mine, size: 5000 }]));
    const theirs = 'd'.repeat(64);
    // Another replica's event, as the sync engine applies it.
    store.applyRemoteEvents(id, [{ seq: 7, event: report('r2', 'carol', [{ name: '验收.pdf', sm3: theirs, size: 77 }]) }]);
    // Noted after the commit, in the background.
    while (blobs.pendingDownloads().length === 0 || blobs.pendingUploads().length === 0) await new Promise((r) => setTimeout(r, 5));
    upkeep.stop();
    expect(blobs.pendingUploads().map((r) => r.sm3)).toEqual([mine]);
    expect(blobs.pendingDownloads().map((r) => [r.sm3, r.size])).toEqual([[theirs, 77]]);
  });

  it('a record removed from the profile (access withdrawn) takes its files along, but not files another record names', async () => {
    const { store, blobs } = profile();
    const upkeep = startBlobUpkeep(store, blobs);
    await upkeep.done;
    const gone = store.create('supervision', supervision({ title: '调整后无权查看的事项' }));
    const kept = store.create('supervision', supervision({ title: '仍可查看的事项' }));
    const own = await blobs.importBytes(bytes(4000, 1), 'local');
    const shared = await blobs.importBytes(bytes(4000, 2), 'local');
    store.act(gone, report('g1', 'alice', [{ name: '独有.pdf', sm3: own, size: 4000 }, { name: '共用.pdf', sm3: shared, size: 4000 }]));
    store.act(kept, report('k1', 'alice', [{ name: '共用.pdf', sm3: shared, size: 4000 }]));
    // Both are on the server already (a file only here would be kept: it may be the last copy).
    const unsent = await blobs.importBytes(bytes(4000, 3), 'local');
    store.act(gone, report('g2', 'alice', [{ name: '未上传.pdf', sm3: unsent, size: 4000 }]));
    blobs.markUploaded(own);
    blobs.markUploaded(shared);
    store.remove(gone);
    const present = () => fs.readdirSync(store.dir, { recursive: true }).map(String).filter((f) => f.endsWith(own));
    while (blobs.row(own) !== null || present().length > 0) await new Promise((r) => setTimeout(r, 5));
    upkeep.stop();
    await expect(blobs.read(own, 0, 10)).rejects.toThrow();
    const files = fs.readdirSync(store.dir, { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(shared))).toHaveLength(1);
    expect(blobs.row(shared)).toMatchObject({ state: 'present' });
    expect(blobs.row(unsent)).toMatchObject({ state: 'present' });
    expect((await blobs.read(shared, 0, 10)).data.length).toBe(10);
  });
});
