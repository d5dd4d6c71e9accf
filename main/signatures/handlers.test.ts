import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../core/crypto/bytes';
import { parseSeal } from '../../core/crypto/seal/structures';
import { pngSize } from '../../core/crypto/seal/png';
import { contentHash, NON_CONTENT_FIELDS } from '../../core/records/content-hash';
import { eventJson } from '../../core/kernel/event';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { createSession, type Session } from '../app/session';
import { revokeUser } from '../crypto/ca';
import { DEMO_PIN } from '../crypto/demo-pki';
import { z } from 'zod';
import { AREAS } from '../../core/areas';
import { defineArea } from '../../core/kernel/area';
import { createRegistry } from '../../core/kernel/registry';
import { signingAreaParts } from '../../core/records/sign-area';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { signatureHandlers } from './handlers';
import { demoSealPicture } from './seal-picture';

let store: Store;
let session: Session;
let h: ReturnType<typeof signatureHandlers>;
let now: Date;
let id: string;

/**
 * A record that takes bare 签发 and 用印 (`sign` events), as 收文 and 发文 did before their
 * workflows: the generic signature machinery is tested on it (发文's 签发 is now its workflow's
 * step, and a received 收文 is not signed here).
 */
const signedNote = defineArea({
  kind: 'signed_note',
  label: '签章测试件',
  fields: z.record(z.string(), z.unknown()).catch({}),
  ...signingAreaParts(new Set(['supervisor', 'leader', 'office', 'admin', 'unit_staff']), '不能起草'),
  search: () => ({ title: '', body: '', notes: '' }),
});

beforeEach(() => {
  const dir = tempDir();
  store = Store.open({ dir, registry: createRegistry([...AREAS.areas, signedNote]) });
  session = createSession();
  now = new Date('2026-03-02T01:00:00Z');
  h = signatureHandlers({ store, now: () => now, actor: () => session.current(), pkiDir: dir });
  id = store.create('signed_note', (doc) => {
    fieldsOf(doc).set('title', '关于推行掌上办公的通知');
    fieldsOf(doc).set('docNumber', '厦府办〔2026〕1号');
    setBodyText(doc, '各区人民政府:\n现将有关事项通知如下。');
  });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

const editBody = (text: string) => store.change(id, (doc) => setBodyText(doc, text));

/** Replaces the payload of the last event in the profile's file (tests only: the app never rewrites events). */
function tamperLast(mutate: (payload: Record<string, unknown>) => void) {
  const last = store.events(id).at(-1)!.event;
  const payload = structuredClone(last.payload);
  mutate(payload);
  store
    .use((db) => db)
    .prepare('UPDATE record_events SET data = ? WHERE event_id = ?')
    .run(eventJson({ ...last, payload }), last.id);
}

describe('content hash', () => {
  it('covers fields, body and attachments, not bookkeeping', async () => {
    const h0 = contentHash(store.getDoc(id));
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    expect(NON_CONTENT_FIELDS).toContain('updatedAt');
    store.change(id, (doc) => fieldsOf(doc).set('updatedAt', '2026-03-03T00:00:00Z'));
    expect(contentHash(store.getDoc(id))).toBe(h0);
    store.change(id, (doc) => fieldsOf(doc).set('attachments', [{ name: '附件1.pdf', sm3: 'ab'.repeat(32) }]));
    const h1 = contentHash(store.getDoc(id));
    expect(h1).not.toBe(h0);
    store.change(id, (doc) => fieldsOf(doc).set('attachments', [{ name: '附件1.pdf', sm3: 'cd'.repeat(32) }]));
    expect(contentHash(store.getDoc(id))).not.toBe(h1);
    // Events are not content (they live outside the Y.Doc): a 签发 does not change what it covers.
    const h2 = contentHash(store.getDoc(id));
    session.switchTo('leader.wang');
    await h.sign({ id, kind: '签发' });
    expect(contentHash(store.getDoc(id))).toBe(h2);
  });
});

describe('签发', () => {
  it('sign then verify = valid; one character of the body changed → stale', async () => {
    session.switchTo('leader.wang');
    const signed = await h.sign({ id, kind: '签发' });
    expect(signed.entries).toHaveLength(1);
    expect(signed.entries[0]).toMatchObject({ kind: '签发', signer: 'leader.wang', signerName: '王副秘书长', unit: '市政府办公厅', status: 'valid', contentHash: signed.contentHash });
    editBody('各区人民政府:\n现将有关事项通知如下!');
    const after = await h.list({ id });
    expect(after.contentHash).not.toBe(signed.contentHash);
    expect(after.entries[0]).toMatchObject({ status: 'stale', message: '内容已变更,签章不再覆盖当前版本' });
    // Back to the signed text: covered again.
    editBody('各区人民政府:\n现将有关事项通知如下。');
    expect((await h.list({ id })).entries[0]!.status).toBe('valid');
  });

  it('a tampered stored signature is invalid, a tampered hash too; verification never throws', async () => {
    session.switchTo('dcs.lin');
    await h.sign({ id, kind: '签发' });
    tamperLast((p) => {
      const sig = fromBase64(p.signature as string);
      sig[sig.length - 1]! ^= 1;
      p.signature = toBase64(sig);
    });
    expect((await h.list({ id })).entries[0]).toMatchObject({ status: 'invalid' });
    tamperLast((p) => {
      p.signature = '!!not base64';
    });
    expect((await h.list({ id })).entries[0]).toMatchObject({ status: 'invalid', code: 'MALFORMED' });
    // (Another signer: one person does not 签发 the same version twice.)
    session.switchTo('leader.wang');
    await h.sign({ id, kind: '签发' });
    tamperLast((p) => {
      p.contentHash = 'ab'.repeat(32);
    });
    expect((await h.list({ id })).entries[1]).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
  });

  it('signed with a revoked certificate → untrusted with CERT_REVOKED; signatures made before the revocation stay valid', async () => {
    session.switchTo('leader.wang');
    await h.sign({ id, kind: '签发' });
    now = new Date(now.getTime() + 60_000);
    revokeUser({ dataDir: store.dir, caPin: DEMO_PIN, login: 'leader.wang', now: () => now.getTime() });
    now = new Date(now.getTime() + 60_000);
    // A new version (one person does not 签发 the same version twice).
    editBody('各区人民政府:\n现将有关事项通知如下。\n特此通知。');
    const listed = await h.sign({ id, kind: '签发' });
    // The earlier signature still checks out (not untrusted); it covers the earlier version only.
    expect(listed.entries[0]).toMatchObject({ status: 'stale', code: 'CONTENT_CHANGED' });
    expect(listed.entries[1]).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
  });

  it('only leaders and the 督查室 may 签发', async () => {
    session.switchTo('spj.zhang');
    expect((await h.list({ id })).can).toEqual({ 签发: false, 用印: true });
    expect(() => h.sign({ id, kind: '签发' })).toThrow(/领导或督查室/);
    expect((await h.list({ id })).entries).toHaveLength(0);
    session.switchTo('leader.wang');
    expect((await h.list({ id })).can).toEqual({ 签发: true, 用印: true });
  });

  it('signs as the identity the certificate attests; an identity it contradicts is refused and nothing is written', async () => {
    session.switchTo('leader.wang');
    expect((await h.sign({ id, kind: '签发' })).entries).toMatchObject([{ status: 'valid', signerName: '王副秘书长', unit: '市政府办公厅' }]);
    // leader.wang's demo certificate says 市政府办公厅 / leader: acting as another unit or role is not what it attests.
    for (const acting of [{ unit: '市政府督查室', role: 'leader' as const }, { unit: '市政府办公厅', role: 'supervisor' as const }]) {
      const other = signatureHandlers({ store, now: () => now, actor: () => ({ login: 'leader.wang', name: '王副秘书长', ...acting }), pkiDir: store.dir });
      expect(() => other.sign({ id, kind: '签发' }), acting.unit).toThrow(/与当前身份.*不符/);
    }
    expect((await h.list({ id })).entries).toHaveLength(1);
  });
});

describe('用印', () => {
  it('creates the unit seal on first use (demo picture, seal maker), apply → valid, edit a field → stale', async () => {
    session.switchTo('spj.zhang');
    const sealed = await h.sign({ id, kind: '用印' });
    expect(sealed.entries[0]).toMatchObject({ kind: '用印', signer: 'spj.zhang', unit: '市审批管理局', status: 'valid' });
    const files = fs.readdirSync(path.join(store.dir, 'seals'));
    expect(files).toHaveLength(1);
    const seal = parseSeal(new Uint8Array(fs.readFileSync(path.join(store.dir, 'seals', files[0]!))));
    expect(seal.info.name).toBe('市审批管理局');
    expect(pngSize(seal.info.picture.data)).toEqual({ width: 96, height: 96 });
    // The second 用印 of the unit reuses its seal.
    await h.sign({ id, kind: '用印' });
    expect(fs.readdirSync(path.join(store.dir, 'seals'))).toHaveLength(1);
    store.change(id, (doc) => fieldsOf(doc).set('docNumber', '厦府办〔2026〕2号'));
    const after = await h.list({ id });
    expect(after.entries.map((e) => e.status)).toEqual(['stale', 'stale']);
  });

  it('a tampered seal signature is invalid; a revoked holder is untrusted', async () => {
    session.switchTo('spj.zhang');
    await h.sign({ id, kind: '用印' });
    await h.sign({ id, kind: '用印' });
    tamperLast((p) => {
      const der = fromBase64(p.signature as string);
      der[der.length - 1]! ^= 1;
      p.signature = toBase64(der);
    });
    const listed = await h.list({ id });
    expect(listed.entries.map((e) => e.status)).toEqual(['valid', 'invalid']);
    now = new Date(now.getTime() + 60_000);
    revokeUser({ dataDir: store.dir, caPin: DEMO_PIN, login: 'spj.zhang', now: () => now.getTime() });
    now = new Date(now.getTime() + 60_000);
    const after = await h.sign({ id, kind: '用印' });
    expect(after.entries[0]!.status).toBe('valid');
    expect(after.entries[2]).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
  });

  it('a 签发 and a 用印 on one record are verified independently; 督办 records are refused', async () => {
    session.switchTo('leader.wang');
    await h.sign({ id, kind: '签发' });
    await h.sign({ id, kind: '用印' });
    const listed = await h.list({ id });
    expect(listed.entries.map((e) => [e.kind, e.status, e.unit])).toEqual([
      ['签发', 'valid', '市政府办公厅'],
      ['用印', 'valid', '市政府办公厅'],
    ]);
    const sup = store.create('supervision', (doc) => fieldsOf(doc).set('title', 't'));
    expect(() => h.list({ id: sup })).toThrow(/督办/);
    expect(() => h.list({ id: 'nope' })).toThrow(/不存在/);
  });

  it('the demo seal picture is a PNG', () => {
    expect(pngSize(demoSealPicture(40))).toEqual({ width: 40, height: 40 });
  });
});
