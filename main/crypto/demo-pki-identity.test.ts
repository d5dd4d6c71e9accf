import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { nameValue } from '../../core/crypto/x509/name';
import type { SupervisionEvent } from '../../core/supervision/events';
import { certificateIdentity, recordContentHash, signSupervisionEvent, verifySupervisionEvent } from '../../core/supervision/signature';
import { issueUserCertificate } from './ca';
import { DEMO_PIN, DemoPki } from './demo-pki';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'demo-pki-id-'));

/** A signed 督办 event by `login` acting as `by`, verified against the PKI's trust. */
function signedStatus(pki: DemoPki, login: string, by: SupervisionEvent['by']) {
  const doc = new Y.Doc();
  const event: SupervisionEvent = { id: 'e1', type: 'urge', actor: login, by, at: new Date().toISOString(), basis: null, payload: { units: ['市审批管理局'], level: 'yellow', text: '请按时报送' } };
  const id = pki.identity(login, by);
  const sig = signSupervisionEvent('rec-1', event, recordContentHash(doc), id.signer, id.certificate);
  return verifySupervisionEvent('rec-1', { ...event, sig }, pki.trust());
}

describe('demo PKI: certificates attest unit and role', () => {
  it('demo users get their directory unit and role; others the identity they act as', () => {
    const pki = DemoPki.open(tmp());
    expect(certificateIdentity(pki.identity('dcs.lin').certificate)).toEqual({ unit: '市政府督查室', role: 'supervisor' });
    expect(certificateIdentity(pki.identity('spj.zhang').certificate)).toEqual({ unit: '市审批管理局', role: 'unit_staff' });
    const acting = { login: 'new.he', name: '何新', unit: '市信息中心', role: 'unit_staff' as const };
    expect(certificateIdentity(pki.identity('new.he', acting).certificate)).toEqual({ unit: '市信息中心', role: 'unit_staff' });
    expect(signedStatus(pki, 'new.he', acting)).toEqual({ status: 'valid', signer: 'new.he' });
    // The directory, not the acting identity, decides for a demo user.
    const claimed = { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'supervisor' as const };
    expect(signedStatus(pki, 'spj.zhang', claimed)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
  });

  it('re-issues an older certificate without unit and role, for the same key, and signs valid events afterwards', () => {
    const dir = tmp();
    DemoPki.open(dir);
    // What an older demo profile holds: dcs.lin's certificate names only O and CN.
    const before = issueUserCertificate({ dataDir: dir, caPin: DEMO_PIN, login: 'dcs.lin', days: 30, iterations: 2_000 });
    expect(certificateIdentity(before)).toBeUndefined();
    const pki = DemoPki.open(dir);
    const id = pki.identity('dcs.lin');
    expect(nameValue(id.certificate.subject, 'OU')).toBe('市政府督查室');
    expect(nameValue(id.certificate.subject, 'title')).toBe('supervisor');
    expect(id.certificate.publicKey.spki).toEqual(before.publicKey.spki);
    expect(id.certificate.serialHex).not.toBe(before.serialHex);
    const by = { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' as const };
    expect(signedStatus(pki, 'dcs.lin', by)).toEqual({ status: 'valid', signer: 'dcs.lin' });
    // Stored: the next open finds the new certificate.
    expect(certificateIdentity(DemoPki.open(dir).identity('dcs.lin').certificate)).toEqual({ unit: '市政府督查室', role: 'supervisor' });
  });

  it('an identity first used without an acting identity is re-issued once it acts', () => {
    const pki = DemoPki.open(tmp());
    expect(certificateIdentity(pki.identity('temp.qian').certificate)).toBeUndefined();
    const acting = { login: 'temp.qian', name: '钱临', unit: '思明区', role: 'unit_staff' as const };
    expect(signedStatus(pki, 'temp.qian', acting)).toEqual({ status: 'valid', signer: 'temp.qian' });
  });
});
