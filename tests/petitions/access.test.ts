import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import { CloseCode } from '../../core/sync/protocol';
import { act } from '../../main/kernel/act';
import { assignCase } from '../../main/petitions/assign';
import { caseView, type PetitionContext } from '../../main/petitions/context';
import { demoKeyring } from '../../main/petitions/keyring';
import { listCases } from '../../main/petitions/list';
import { scanForMarkers } from '../../main/petitions/marker-scan';
import { registerCase } from '../../main/petitions/register';
import { revealCase } from '../../main/petitions/reveal';
import { BlobStore } from '../../main/blobs/blob-store';
import { startBlobUpkeep } from '../../main/blobs/upkeep';
import { attachFiles, openAttachment } from '../../main/petitions/attachments';
import { Store } from '../../main/store/store';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { demoEventSigning } from '../../main/kernel/signing';
import { replySeal } from '../../main/petitions/reply-seal';
import { sealReply } from '../../main/petitions/seal-reply';
import { startBlobTransfer } from '../../main/sync/blob-transfer';
import { SyncEngine } from '../../main/sync/engine';
import { StoreStorage } from '../../main/sync/store-storage';
import { RawClient, docUrl } from '../../main/sync/testing/raw-client';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from '../sync/helpers';

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const HANDLER = user('zjj.wu');
const OTHER = user('jyj.he');
const MARK = { name: '司马标记', idNumber: '350203196606066666', phone: '13566660666', address: '集美区标记大道六六六号' };

/**
 * A 信访 case through the real sync server (the app's areas): it reaches the 信访 office and the
 * unit it is assigned to, never another unit (not one byte); a reassignment removes it from the
 * old unit's profile at the next sync and says so; no file of any profile or of the server's
 * data directory holds the petitioner's plaintext.
 */
describe('信访 access at a real sync server', () => {
  const dataDir = tempDir();
  const pkiDir = tempDir('xietong-pki-');
  let server: SyncServerProcess;
  const peers: { store: Store; blobs: BlobStore; engine: SyncEngine; ctx: PetitionContext; revoked: string[]; stop: Array<() => void> }[] = [];

  /** A profile as the app runs it: store, engine, blob upkeep and blob transfer. */
  const peer = (who: Actor) => {
    const dir = tempDir('xietong-profile-');
    const store = Store.open({ dir });
    const blobs = BlobStore.open({ dir });
    const token = tokenFor(dataDir, who.login);
    const engine = new SyncEngine({ storage: new StoreStorage(store), url: server.wsUrl, token, backoffBaseMs: 20, backoffMaxMs: 300 });
    const p = { store, blobs, engine, ctx: { store, now: () => new Date(), keyring: demoKeyring(pkiDir), signing: demoEventSigning(pkiDir) }, revoked: [] as string[], stop: [] as Array<() => void> };
    engine.on('revoked', (ids) => p.revoked.push(...ids));
    p.stop.push(startBlobUpkeep(store, blobs).stop, startBlobTransfer(engine, blobs, server.wsUrl, token, { backoffBaseMs: 20, backoffMaxMs: 300 }));
    engine.start();
    peers.push(p);
    return p;
  };

  beforeAll(async () => {
    for (const u of [OFFICE, HANDLER, OTHER]) addUser(dataDir, u.login, { unit: u.unit, name: u.name });
    // Signatures and seals are checked against the demo CA, as a deployment does.
    DemoPki.open(pkiDir);
    const pki = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir, areas: 'app', args: ['--acl-poll-ms', '200', '--head-delay-ms', '10', '--trust-ca', pki.caCert, '--crl', pki.crl] });
  });
  afterAll(async () => {
    for (const p of peers) {
      for (const stop of p.stop) stop();
      p.engine.destroy();
      p.blobs.close();
      p.store.close();
    }
    await server?.stop('SIGKILL');
  });

  it('reaches the office and the assigned unit only; a reassigned unit loses its copy and is told', async () => {
    const office = peer(OFFICE);
    const handler = peer(HANDLER);
    const other = peer(OTHER);
    const { id } = await registerCase(office.ctx, { channel: '来访', category: '申诉求决类', persons: [MARK], matter: '地铁施工导致住宅墙体开裂', locality: '集美区' }, OFFICE);
    // The 来信 scan names the petitioner: sealed with the record key before it is a blob.
    const scan = new Uint8Array(Buffer.concat([Buffer.from(`${MARK.name} ${MARK.idNumber} ${MARK.phone}`, 'utf8'), Buffer.from(MARK.name, 'utf16le'), Buffer.alloc(50_000, 3)]));
    await attachFiles(office.ctx, office.blobs, id, [{ name: `${MARK.name}的来信.pdf`, mime: 'application/pdf', data: scan }], OFFICE);
    const sealed = office.store.reduced<{ attachments: Array<{ file: { blob: { sm3: string } } }> }>(id).state.attachments[0]!.file.blob.sm3;
    act(office.store, AREAS, { id, basis: office.store.reduced(id).head, type: 'accept', payload: {} }, OFFICE, new Date(), office.ctx.signing);
    await assignCase(office.ctx, id, { mode: '交办', unit: HANDLER.unit, handler: HANDLER }, OFFICE);
    await office.engine.whenIdle();

    const arrived = (p: { store: Store }, events: number) => p.store.ids().includes(id) && p.store.events(id).length >= events && caseView(p.store, id).fields.persons.length === 1;
    await until(() => arrived(handler, 5), 'the assigned unit receives the case');
    expect(await revealCase(handler.ctx, id, HANDLER, '办理需要', ['name'])).toEqual([{ name: MARK.name }]);
    // The sealed file arrives through the server's blob store and opens for the handler (audited).
    await until(() => handler.blobs.has(sealed), 'the sealed attachment reaches the handler');
    const opened = await openAttachment(handler.ctx, handler.blobs, id, sealed, HANDLER, '办理需要');
    expect(opened.name).toBe(`${MARK.name}的来信.pdf`);
    expect(Buffer.from(opened.data).equals(Buffer.from(scan))).toBe(true);
    expect(other.blobs.row(sealed)).toBeNull();
    await handler.engine.whenIdle();
    await other.engine.whenIdle();
    expect(other.store.ids()).not.toContain(id);
    // Asking the server for the document directly: refused before a single byte of it.
    const raw = new RawClient(docUrl(server.wsUrl, id, tokenFor(dataDir, OTHER.login)), { sendStep1: false });
    const closed = await raw.closed;
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(raw.received).toBe(0);
    // The office sees the handler's audit entry.
    await until(() => office.store.reduced<{ audit: unknown[] }>(id).state.audit.length === 2, 'the audit entries reach the office');

    // Reassigned to 市教育局: 市住建局's profile drops the case and is told; 市教育局 receives it.
    await assignCase(office.ctx, id, { mode: '交办', unit: OTHER.unit, handler: OTHER }, OFFICE);
    await office.engine.whenIdle();
    await until(() => handler.revoked.includes(id), 'the old unit is told');
    expect(handler.store.ids()).not.toContain(id);
    // …and its blobs: the sealed file is gone from the old unit's profile.
    await until(() => handler.blobs.row(sealed) === null, 'the old unit drops the file of the case');
    expect(await listCases(handler.ctx, HANDLER)).toEqual([]);
    await until(() => arrived(other, 7), 'the new unit receives the case');
    await until(() => other.blobs.has(sealed), 'the new unit receives the sealed file');
    expect((await listCases(other.ctx, OTHER, { reason: '办理需要' }))[0]!.petitioner).toBe(MARK.name);

    // The new unit replies; the office seals the 答复意见书: the server judges the 用印 (office only) and the unit gets it confirmed.
    act(other.store, AREAS, { id, basis: other.store.reduced(id).head, type: 'reply', payload: { summary: '已组织房屋安全鉴定并督促赔偿' } }, OTHER, new Date(), other.ctx.signing);
    await other.engine.whenIdle();
    await until(() => office.store.events(id).some((e) => e.event.type === 'reply' && e.status === 'confirmed'), 'the office receives the reply');
    sealReply({ ...office.ctx, pkiDir }, id, OFFICE);
    await office.engine.whenIdle();
    const confirmedSeal = (p: { store: Store }) => p.store.events(id).some((e) => e.event.type === 'sign' && e.status === 'confirmed');
    await until(() => confirmedSeal(office) && confirmedSeal(other), `the seal is confirmed by the server and reaches the unit (office: ${JSON.stringify(office.store.events(id).filter((e) => e.event.type !== 'decrypt').map((e) => [e.event.type, e.status, e.reason]))})`);
    expect(replySeal(other.store, id, DemoPki.open(pkiDir).trust())).toMatchObject({ unit: OFFICE.unit });

    // No plaintext in any profile or in the server's data directory (database, WAL, logs).
    await Promise.all(peers.map((p) => p.engine.whenIdle()));
    for (const dir of [dataDir, ...peers.map((p) => p.store.dir)]) expect(scanForMarkers(dir, Object.values(MARK))).toEqual([]);
  });
});
