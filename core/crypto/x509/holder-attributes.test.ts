import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { opensslSync } from '../../../main/crypto/testing/openssl';
import { requireTool } from '../../../main/testing/require-tool';
import { generatePrivateKey } from '../sm2/keys';
import { sm2SyncSigner } from '../sm2/signer';
import { assembleSigned, certificateFromPem, certificateToPem, parseCertificate } from './certificate';
import { caTbs, leafTbs } from './issue';
import { encodeName, formatName, nameValue } from './name';

const hasOpenssl = requireTool('openssl');

/** User certificates attest the holder's unit (subject OU) and 督办 role (subject title, 2.5.4.12). */
describe('unit and role in the certificate subject', () => {
  const start = new Date(Date.UTC(2026, 0, 1));
  const validity = { notBefore: start, notAfter: new Date(start.getTime() + 365 * 86_400_000) };
  const caSigner = sm2SyncSigner(generatePrivateKey());
  const caT = caTbs([['C', 'CN'], ['O', '某市人民政府办公室'], ['CN', '协同办公 组织 CA']], caSigner.spki, validity);
  const ca = parseCertificate(assembleSigned(caT, caSigner.sign(caT)));
  const leaf = (subject: Parameters<typeof leafTbs>[1]) => {
    const t = leafTbs(ca, subject, sm2SyncSigner(generatePrivateKey()).spki, validity);
    return parseCertificate(assembleSigned(t, caSigner.sign(t)));
  };
  const zhang = leaf([['O', '某市人民政府办公室'], ['OU', '市审批管理局'], ['title', 'unit_staff'], ['CN', 'spj.zhang']]);
  const old = leaf([['O', '某市人民政府办公室'], ['CN', 'old.li']]);

  it('round-trips OU and title; the DER re-reads byte for byte', () => {
    expect(nameValue(zhang.subject, 'OU')).toBe('市审批管理局');
    expect(nameValue(zhang.subject, 'title')).toBe('unit_staff');
    expect(nameValue(zhang.subject, 'CN')).toBe('spj.zhang');
    expect(formatName(zhang.subject)).toBe('O=某市人民政府办公室, OU=市审批管理局, title=unit_staff, CN=spj.zhang');
    const again = certificateFromPem(certificateToPem(zhang.der));
    expect(again.der).toEqual(zhang.der);
    expect(again.subject.attrs).toEqual(zhang.subject.attrs);
    // Strict DER: the subject is what we encoded, attribute for attribute.
    expect(zhang.subject.der).toEqual(encodeName([['O', '某市人民政府办公室'], ['OU', '市审批管理局'], ['title', 'unit_staff'], ['CN', 'spj.zhang']]));
  });

  it('a certificate without them (older, or OpenSSL-issued) still parses, with neither value', () => {
    expect(nameValue(old.subject, 'CN')).toBe('old.li');
    expect(nameValue(old.subject, 'OU')).toBeUndefined();
    expect(nameValue(old.subject, 'title')).toBeUndefined();
  });

  describe.skipIf(!hasOpenssl)('against openssl', () => {
    it('openssl reads OU and title from our certificate', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'x509-holder-'));
      writeFileSync(path.join(dir, 'user.pem'), certificateToPem(zhang.der));
      const r = opensslSync(['x509', '-in', path.join(dir, 'user.pem'), '-noout', '-subject', '-nameopt', 'utf8,sep_comma_plus_space']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.toString()).toContain('OU=市审批管理局');
      expect(r.stdout.toString()).toContain('title=unit_staff');
    });

    it('an OpenSSL-issued certificate with OU and title reads the same way', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'x509-holder-'));
      const key = path.join(dir, 'key.pem');
      const cert = path.join(dir, 'cert.pem');
      expect(opensslSync(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', key]).status).toBe(0);
      const r = opensslSync(['req', '-new', '-x509', '-key', key, '-sm3', '-days', '30', '-utf8', '-subj', '/O=某市人民政府办公室/OU=市政府督查室/title=supervisor/CN=dcs.lin', '-out', cert]);
      expect(r.status, r.stderr).toBe(0);
      const c = certificateFromPem(readFileSync(cert, 'utf8'));
      expect(nameValue(c.subject, 'OU')).toBe('市政府督查室');
      expect(nameValue(c.subject, 'title')).toBe('supervisor');
    });
  });
});
