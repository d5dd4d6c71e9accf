import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testPki } from '../crypto/test-pki';
import { bodyOf, fieldsOf } from '../records/record-doc';
import { appendSupervisionEvent, type SupervisionEvent } from './events';
import { certificateIdentity, recordContentHash, signatureLabel, signSupervisionEvent, verifySupervisionEvent } from './signature';

const DAY = 86_400_000;

describe('signed 督办 events', async () => {
  const identities = {
    'dcs.lin': { unit: '市政府督查室', role: 'supervisor' },
    'spj.zhang': { unit: '市审批管理局', role: 'unit_staff' },
    'gxj.chen': { unit: '市审批管理局', role: 'unit_staff' },
  };
  // old.li: a certificate from before unit and role were attested (or issued by OpenSSL).
  const { users, trust, start } = await testPki(['dcs.lin', 'spj.zhang', 'gxj.chen', 'old.li'], { revoked: ['gxj.chen'], identities });
  const doc = new Y.Doc();
  fieldsOf(doc).set('kind', 'supervision');
  fieldsOf(doc).set('title', '推行掌上办公');
  const at = (days: number) => new Date(start.getTime() + days * DAY).toISOString();
  const event: SupervisionEvent = {
    id: 'e1',
    type: 'acknowledge',
    actor: 'spj.zhang',
    by: { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'unit_staff' },
    at: at(1),
    basis: null,
    payload: { unit: '市审批管理局', note: '' },
  };
  const signAs = (login: string, e: SupervisionEvent, recordId = 'rec-1') => ({
    ...e,
    sig: signSupervisionEvent(recordId, e, recordContentHash(doc), users[login]!.signer, users[login]!.certificate),
  });
  const signed = signAs('spj.zhang', event);

  it('an event signed by its actor is valid and names the signer', () => {
    const s = verifySupervisionEvent('rec-1', signed, trust);
    expect(s).toEqual({ status: 'valid', signer: 'spj.zhang' });
    expect(signatureLabel(s)).toBe('签名有效(spj.zhang)');
  });

  it('survives the Y.Array round trip (what another replica reads)', () => {
    const d = new Y.Doc();
    appendSupervisionEvent(d, signed);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(d));
    const read = copy.getArray('events').get(0) as SupervisionEvent;
    expect(verifySupervisionEvent('rec-1', read, trust).status).toBe('valid');
  });

  it('tampering with the payload, basis, time, type, id or `by` breaks it', () => {
    const tampered: SupervisionEvent[] = [
      { ...signed, payload: { unit: '市审批管理局', note: '改过' } },
      { ...signed, basis: 'other' },
      { ...signed, at: at(2) },
      { ...signed, type: 'report' },
      { ...signed, id: 'e2' },
      { ...signed, by: { ...signed.by!, role: 'supervisor' } },
    ];
    for (const t of tampered) expect(verifySupervisionEvent('rec-1', t, trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    // Replayed onto another record.
    expect(verifySupervisionEvent('rec-2', signed, trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
  });

  it("another user's name with your own key is forged", () => {
    const forged = signAs('dcs.lin', event); // actor spj.zhang, signed by dcs.lin
    const s = verifySupervisionEvent('rec-1', forged, trust);
    expect(s).toMatchObject({ status: 'invalid', code: 'ACTOR_MISMATCH' });
    expect(signatureLabel(s)).toBe('签名无效(冒用他人名义)');
    // Renaming the actor of a signed event is caught the same way.
    expect(verifySupervisionEvent('rec-1', { ...signed, actor: 'dcs.lin' }, trust)).toMatchObject({ status: 'invalid' });
  });

  it('a revoked certificate gives CERT_REVOKED for events after the revocation only', () => {
    const mine = { ...event, actor: 'gxj.chen', by: { ...event.by!, login: 'gxj.chen' } };
    const before = signAs('gxj.chen', { ...mine, at: at(5) });
    const after = signAs('gxj.chen', { ...mine, at: at(11) });
    expect(verifySupervisionEvent('rec-1', before, trust).status).toBe('valid');
    const s = verifySupervisionEvent('rec-1', after, trust);
    expect(s).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
    expect(signatureLabel(s)).toBe('证书已吊销');
  });

  it('unsigned, system, malformed and untrusted events each say so, without throwing', () => {
    expect(verifySupervisionEvent('rec-1', event, trust)).toMatchObject({ status: 'missing' });
    expect(verifySupervisionEvent('rec-1', { ...event, actor: 'system:import' }, trust)).toMatchObject({ status: 'system' });
    for (const sig of ['x', '{}', JSON.stringify({ ...JSON.parse(signed.sig!), value: '!!' }), JSON.stringify({ ...JSON.parse(signed.sig!), certificate: 'AAAA' })]) {
      expect(verifySupervisionEvent('rec-1', { ...event, sig }, trust).status).toBe('invalid');
    }
    expect(verifySupervisionEvent('rec-1', signed, null)).toMatchObject({ status: 'untrusted', code: 'CERT_UNTRUSTED' });
  });

  it('the certificate must attest the unit and role the event claims', () => {
    expect(certificateIdentity(users['spj.zhang']!.certificate)).toEqual({ unit: '市审批管理局', role: 'unit_staff' });
    // 张敏 (unit_staff) signs a 销号 claiming to be 督查室, with her own valid certificate.
    const close: SupervisionEvent = { ...event, id: 'e-close', type: 'close', by: { ...event.by!, role: 'supervisor' }, payload: { note: '' } };
    const above = verifySupervisionEvent('rec-1', signAs('spj.zhang', close), trust);
    expect(above).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    expect(above.message).toContain('市审批管理局/supervisor');
    expect(signatureLabel(above)).toBe('签名无效(身份与证书不符)');
    // Acting for another unit, with the right role.
    const other = { ...event, by: { ...event.by!, unit: '市工信局(大数据局)' }, payload: { unit: '市工信局(大数据局)', note: '' } };
    expect(verifySupervisionEvent('rec-1', signAs('spj.zhang', other), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    // Units compare as exact strings: a trailing space is another unit.
    const spaced = { ...event, by: { ...event.by!, unit: '市审批管理局 ' } };
    expect(verifySupervisionEvent('rec-1', signAs('spj.zhang', spaced), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    // A supervisor's certificate does not cover a lower role either: the claim must be exact.
    const lower = { ...event, actor: 'dcs.lin', by: { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'unit_staff' as const } };
    expect(verifySupervisionEvent('rec-1', signAs('dcs.lin', lower), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    const matching = { ...lower, by: { ...lower.by, role: 'supervisor' as const } };
    expect(verifySupervisionEvent('rec-1', signAs('dcs.lin', matching), trust)).toEqual({ status: 'valid', signer: 'dcs.lin' });
    // No `by` at all cannot be attested.
    const { by: _by, ...bare } = event;
    expect(verifySupervisionEvent('rec-1', signAs('spj.zhang', bare), trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
  });

  it('a certificate without unit and role cannot sign 督办 events', () => {
    expect(certificateIdentity(users['old.li']!.certificate)).toBeUndefined();
    const mine = { ...event, actor: 'old.li', by: { ...event.by!, login: 'old.li' } };
    const s = verifySupervisionEvent('rec-1', signAs('old.li', mine), trust);
    expect(s).toMatchObject({ status: 'untrusted', code: 'CERT_NO_IDENTITY' });
    expect(signatureLabel(s)).toBe('证书未载明单位或职务');
  });

  it('the content hash covers fields, body text and the events before', () => {
    const d = new Y.Doc();
    fieldsOf(d).set('title', 'a');
    fieldsOf(d).set('ratio', 0.5);
    const h0 = recordContentHash(d);
    expect(h0).toMatch(/^[0-9a-f]{64}$/);
    fieldsOf(d).set('title', 'b');
    const h1 = recordContentHash(d);
    expect(h1).not.toBe(h0);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('正文')]);
    bodyOf(d).insert(0, [p]);
    const h2 = recordContentHash(d);
    expect(h2).not.toBe(h1);
    appendSupervisionEvent(d, event);
    expect(recordContentHash(d)).not.toBe(h2);
  });
});
