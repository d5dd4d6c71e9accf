import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../crypto/bytes';
import { applySealSync } from '../crypto/seal/seal';
import { testPki, type TestUser } from '../crypto/test-pki';
import { contentHash } from './content-hash';
import { fieldsOf, setBodyText, type WorkflowEvent } from './record-doc';
import { testUnitSeal } from '../testing/test-seal';
import { contentBytes } from './content-hash';
import { createSignEvent, legacySealPropertyInfo, SIGN_EVENT, verifyRecordSignEvent, type SignKind } from './sign-event';

const DAY = 86_400_000;
const REC = 'rec-incoming-1';
const UNIT = '市审批管理局';

describe('签发 / 用印 record events: the shared verifier', async () => {
  // testPki revokes at start + 10 days.
  // Certificates attest the unit and role each login claims as `by` (leader of UNIT); staff.zhao
  // is a 科员, plain.he's certificate names neither (older or OpenSSL-issued).
  const leader = { unit: UNIT, role: 'leader' };
  const identities = { 'leader.wang': leader, 'spj.zhang': leader, 'revoked.li': leader, 'staff.zhao': { unit: UNIT, role: 'unit_staff' } };
  const { users, trust, start } = await testPki(['seal-maker', 'leader.wang', 'spj.zhang', 'revoked.li', 'staff.zhao', 'plain.he'], { revoked: ['revoked.li'], identities });
  const other = await testPki(['leader.wang'], { start, identities });
  const seal = testUnitSeal(users['seal-maker']!, [users['spj.zhang']!, users['revoked.li']!, users['staff.zhao']!, users['plain.he']!], UNIT, start);

  const doc = new Y.Doc();
  fieldsOf(doc).set('kind', 'incoming');
  fieldsOf(doc).set('title', '关于推行掌上办公的通知');
  setBodyText(doc, '各区人民政府:\n现将有关事项通知如下。');

  const at = (days: number) => new Date(start.getTime() + days * DAY);
  const make = (kind: SignKind, actor: string, key: TestUser = users[actor]!, when = at(1), recordId = REC, by = { name: actor, unit: UNIT, role: 'leader' }): WorkflowEvent =>
    createSignEvent(recordId, doc, {
      kind,
      eventId: `${kind}-${actor}-${when.getTime()}`,
      actor,
      at: when,
      basis: null,
      by,
      signer: key.signer,
      certificate: key.certificate.der,
      ...(kind === '用印' ? { seal } : {}),
    });
  /** A copy of `e` with its payload changed (what a forger could push). */
  const edit = (e: WorkflowEvent, mutate: (p: Record<string, unknown>, e: Record<string, unknown>) => void): unknown => {
    const copy = structuredClone(e) as unknown as Record<string, unknown> & { payload: Record<string, unknown> };
    mutate(copy.payload, copy);
    return copy;
  };
  const flipLast = (b64: string, back = 1): string => {
    const bytes = fromBase64(b64);
    bytes[bytes.length - back]! ^= 1;
    return toBase64(bytes);
  };

  it('a valid 签发 names its signer and the content hash it covers', () => {
    const e = make('签发', 'leader.wang');
    expect(e.type).toBe(SIGN_EVENT);
    const v = verifyRecordSignEvent(REC, e, trust);
    expect(v).toMatchObject({ status: 'valid', kind: '签发', signer: 'leader.wang', contentHash: contentHash(doc) });
  });

  it('a valid 用印 names the SES signer, the seal unit and esID', () => {
    const e = make('用印', 'spj.zhang');
    expect(verifyRecordSignEvent(REC, e, trust)).toMatchObject({ status: 'valid', kind: '用印', signer: 'spj.zhang', unit: UNIT, esID: seal.esID, contentHash: contentHash(doc) });
  });

  it('签发: `by` must be what the certificate attests, and a role that may 签发', () => {
    const as = (login: string, unit: string, role: string) => make('签发', login, undefined, at(1), REC, { name: login, unit, role });
    expect(verifyRecordSignEvent(REC, as('leader.wang', UNIT, 'leader'), trust)).toMatchObject({ status: 'valid', kind: '签发', signer: 'leader.wang', bound: true });
    // A 科员's certificate claiming to be a leader: the claim is signed, but not certified.
    expect(verifyRecordSignEvent(REC, as('staff.zhao', UNIT, 'leader'), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH', message: expect.stringMatching(/与证书载明的身份\(市审批管理局\/unit_staff\)不符/) });
    // Claiming what the certificate says: still not a role that may 签发.
    expect(verifyRecordSignEvent(REC, as('staff.zhao', UNIT, 'unit_staff'), trust)).toMatchObject({ status: 'invalid', code: 'NOT_ISSUER' });
    // A leader's certificate, but another unit or role claimed.
    expect(verifyRecordSignEvent(REC, as('leader.wang', '市政府办公厅', 'leader'), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    expect(verifyRecordSignEvent(REC, as('leader.wang', UNIT, 'supervisor'), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    // A certificate without unit and role cannot 签发, whatever is claimed.
    expect(verifyRecordSignEvent(REC, as('plain.he', UNIT, 'leader'), trust)).toMatchObject({ status: 'untrusted', code: 'CERT_NO_IDENTITY' });
  });

  it('用印: `by.unit` must be the certificate\'s unit when it names one; any role of the unit may seal', () => {
    const as = (login: string, unit: string, role: string) => make('用印', login, undefined, at(1), REC, { name: login, unit, role });
    expect(verifyRecordSignEvent(REC, as('staff.zhao', UNIT, 'unit_staff'), trust)).toMatchObject({ status: 'valid', kind: '用印', unit: UNIT });
    expect(verifyRecordSignEvent(REC, as('staff.zhao', '市政府办公厅', 'unit_staff'), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    // A certificate that names no unit: nothing to hold `by.unit` to (the seal's holder list still decides).
    expect(verifyRecordSignEvent(REC, as('plain.he', UNIT, 'unit_staff'), trust)).toMatchObject({ status: 'valid', kind: '用印' });
  });

  it('a forged actor (another user\'s name, my key) is invalid: ACTOR_MISMATCH', () => {
    expect(verifyRecordSignEvent(REC, make('签发', 'spj.zhang', users['leader.wang']), trust)).toMatchObject({ status: 'invalid', code: 'ACTOR_MISMATCH' });
    // A valid event whose actor is rewritten afterwards.
    expect(verifyRecordSignEvent(REC, edit(make('签发', 'leader.wang'), (_p, e) => (e.actor = 'spj.zhang')), trust)).toMatchObject({ status: 'invalid', code: 'ACTOR_MISMATCH' });
    expect(verifyRecordSignEvent(REC, edit(make('用印', 'spj.zhang'), (_p, e) => (e.actor = 'leader.wang')), trust)).toMatchObject({ status: 'invalid', code: 'ACTOR_MISMATCH' });
  });

  it('a flipped signature byte is invalid: BAD_SIGNATURE', () => {
    expect(verifyRecordSignEvent(REC, edit(make('签发', 'leader.wang'), (p) => (p.signature = flipLast(p.signature as string))), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(make('用印', 'spj.zhang'), (p) => (p.signature = flipLast(p.signature as string, 5))), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
  });

  it('signed fields changed after signing are invalid (by, hash, time, record, seal unit and esID)', () => {
    const issued = make('签发', 'leader.wang');
    expect(verifyRecordSignEvent(REC, edit(issued, (p) => (p.by = { name: '市长', unit: '市政府', role: 'leader' })), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(issued, (p) => (p.contentHash = 'ab'.repeat(32))), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(issued, (_p, e) => (e.at = at(2).toISOString())), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(issued, (p) => (p.unit = '市政府')), trust)).toMatchObject({ status: 'invalid', code: 'MALFORMED' });
    expect(verifyRecordSignEvent('rec-other', issued, trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    const sealed = make('用印', 'spj.zhang');
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.contentHash = 'ab'.repeat(32))), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.unit = '市政府办公厅')), trust)).toMatchObject({ status: 'invalid' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.esID = 'XT-OTHER')), trust)).toMatchObject({ status: 'invalid' });
    expect(verifyRecordSignEvent('rec-other', sealed, trust)).toMatchObject({ status: 'invalid', code: 'WRONG_RECORD' });
  });

  it('a 用印 binds its own event: id, time, 签章人 and certificate changed after sealing are invalid', () => {
    const sealed = make('用印', 'spj.zhang');
    expect(verifyRecordSignEvent(REC, sealed, trust)).toMatchObject({ status: 'valid', bound: true, time: at(1).toISOString() });
    // What the reviewer did: each of these used to verify as valid, and the panel shows them.
    expect(verifyRecordSignEvent(REC, edit(sealed, (_p, e) => (e.id = 'another-id')), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (_p, e) => (e.at = '2030-01-01T00:00:00.000Z')), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.by = { name: '王市长', unit: '市政府', role: 'leader' })), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.certificate = 'AAAA')), trust)).toMatchObject({ status: 'invalid', code: 'CERT_MISMATCH' });
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.certificate = toBase64(users['leader.wang']!.certificate.der))), trust)).toMatchObject({ status: 'invalid', code: 'CERT_MISMATCH' });
    // Extra keys in `by` are not shown and not bound: they change nothing.
    expect(verifyRecordSignEvent(REC, edit(sealed, (p) => (p.by = { ...(p.by as object), extra: 1 })), trust)).toMatchObject({ status: 'valid', bound: true });
  });

  it('a 用印 whose time is not the seal\'s time is invalid (the seal keeps whole seconds)', () => {
    const when = new Date(at(1).getTime() + 750);
    const sealed = createSignEvent(REC, doc, { kind: '用印', eventId: 'ms', actor: 'spj.zhang', at: when, basis: null, by: { name: 'spj.zhang', unit: UNIT, role: 'leader' }, signer: users['spj.zhang']!.signer, certificate: users['spj.zhang']!.certificate.der, seal });
    expect(verifyRecordSignEvent(REC, sealed, trust)).toMatchObject({ status: 'valid', time: at(1).toISOString() });
  });

  it('an early 用印 (propertyInfo record:<id> only) verifies, but as not bound to its event fields', () => {
    const when = at(1);
    const legacy = (by: { name: string; unit: string; role: string }, eventAt = when): WorkflowEvent => {
      const ses = applySealSync(seal.der, users['spj.zhang']!.signer, users['spj.zhang']!.certificate.der, { content: contentBytes(doc), time: when, propertyInfo: legacySealPropertyInfo(REC) });
      return { id: 'old-1', type: SIGN_EVENT, actor: 'spj.zhang', at: eventAt.toISOString(), basis: null, payload: { kind: '用印', contentHash: contentHash(doc), signature: toBase64(ses), certificate: toBase64(users['spj.zhang']!.certificate.der), by, esID: seal.esID, unit: UNIT } };
    };
    expect(verifyRecordSignEvent(REC, legacy({ name: '张科员', unit: UNIT, role: 'unit_staff' }), trust)).toMatchObject({ status: 'valid', bound: false, signer: 'spj.zhang', unit: UNIT, time: when.toISOString() });
    // Its `by` is not covered (hence `bound: false`); its certificate, time, record and hash still are.
    expect(verifyRecordSignEvent(REC, legacy({ name: '王市长', unit: UNIT, role: 'leader' }), trust)).toMatchObject({ status: 'valid', bound: false });
    // A unit the signer's certificate contradicts is refused all the same.
    expect(verifyRecordSignEvent(REC, legacy({ name: '王市长', unit: '市政府', role: 'leader' }), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    expect(verifyRecordSignEvent(REC, legacy({ name: '张科员', unit: UNIT, role: 'unit_staff' }, new Date('2030-01-01T00:00:00Z')), trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    expect(verifyRecordSignEvent('rec-other', legacy({ name: '张科员', unit: UNIT, role: 'unit_staff' }), trust)).toMatchObject({ status: 'invalid', code: 'WRONG_RECORD' });
    expect(verifyRecordSignEvent(REC, make('签发', 'leader.wang'), trust)).toMatchObject({ status: 'valid', bound: true });
  });

  it('another user\'s certificate, or one from another CA, does not pass', () => {
    // Signed with leader.wang's key, carrying spj.zhang's certificate: the certificate names someone else.
    const swapped = edit(make('签发', 'leader.wang'), (p) => (p.certificate = toBase64(users['spj.zhang']!.certificate.der)));
    expect(verifyRecordSignEvent(REC, swapped, trust)).toMatchObject({ status: 'invalid', code: 'ACTOR_MISMATCH' });
    // In spj.zhang's name with spj.zhang's certificate, but leader.wang's key: the signature fails.
    const borrowed = edit(make('签发', 'spj.zhang', users['leader.wang']), (p) => (p.certificate = toBase64(users['spj.zhang']!.certificate.der)));
    expect(verifyRecordSignEvent(REC, borrowed, trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    // A 用印 by someone who is not a holder of the seal.
    expect(verifyRecordSignEvent(REC, make('用印', 'leader.wang'), trust)).toMatchObject({ status: 'invalid', code: 'SIGNER_NOT_HOLDER' });
    // The same login certified by another CA (of the same name) this trust store does not know.
    expect(verifyRecordSignEvent(REC, make('签发', 'leader.wang', other.users['leader.wang']), trust)).toMatchObject({ status: 'untrusted', code: expect.stringMatching(/^CERT_(UNTRUSTED|INVALID)$/) });
    expect(verifyRecordSignEvent(REC, make('签发', 'leader.wang'), null)).toMatchObject({ status: 'untrusted', code: 'CERT_UNTRUSTED' });
  });

  it('a revoked certificate: signatures made after the revocation are untrusted (CERT_REVOKED), earlier ones valid', () => {
    expect(verifyRecordSignEvent(REC, make('签发', 'revoked.li', undefined, at(20)), trust)).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
    expect(verifyRecordSignEvent(REC, make('用印', 'revoked.li', undefined, at(20)), trust)).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
    expect(verifyRecordSignEvent(REC, make('签发', 'revoked.li', undefined, at(1)), trust)).toMatchObject({ status: 'valid', signer: 'revoked.li' });
    expect(verifyRecordSignEvent(REC, make('用印', 'revoked.li', undefined, at(1)), trust)).toMatchObject({ status: 'valid', signer: 'revoked.li' });
  });

  it('malformed entries are invalid and never throw', () => {
    const good = make('签发', 'leader.wang');
    const sealed = make('用印', 'spj.zhang');
    const ymap = new Y.Map();
    const junk: unknown[] = [
      undefined,
      null,
      42,
      'sign',
      [],
      {},
      ymap,
      { type: 'sign' },
      { ...good, type: 'note' },
      { ...good, payload: null },
      { ...good, payload: 'x' },
      { ...good, actor: 7 },
      { ...good, at: 'yesterday' },
      edit(good, (p) => (p.kind = '盖章')),
      edit(good, (p) => delete p.by),
      edit(good, (p) => (p.signature = '!!not base64')),
      edit(good, (p) => (p.signature = toBase64(new Uint8Array([0x30, 0x02, 0x02, 0x00])))),
      edit(good, (p) => (p.certificate = 'AAAA')),
      edit(good, (p) => (p.certificate = '!!')),
      edit(sealed, (p) => (p.signature = 'AAAA')),
      edit(sealed, (p) => (p.signature = toBase64(fromBase64(p.signature as string).slice(0, 200)))),
      edit(sealed, (p) => (p.signature = toBase64(new Uint8Array(4096).fill(0x30)))),
      edit(sealed, (p) => (p.signature = '')),
      edit(good, (p) => (p.contentHash = 'AB'.repeat(32))),
      {
        ...good,
        get payload(): unknown {
          throw new Error('boom');
        },
      },
    ];
    junk.forEach((raw, i) => {
      let v: ReturnType<typeof verifyRecordSignEvent> | undefined;
      expect(() => (v = verifyRecordSignEvent(REC, raw, trust)), `junk[${i}]`).not.toThrow();
      expect(v?.status, `junk[${i}]`).toBe('invalid');
    });
  });
});
