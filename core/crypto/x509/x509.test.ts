import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { opensslSync } from '../../../main/crypto/testing/openssl';
import { requireTool } from '../../../main/testing/require-tool';
import type { CryptoError } from '../errors';
import { generatePrivateKey } from '../sm2/keys';
import { sm2SyncSigner } from '../sm2/signer';
import { assembleSigned, certificateFromPem, certificateToPem, parseCertificate } from './certificate';
import { validateCertificate, type TrustStore } from './chain';
import { buildTbsCrl, crlToPem, parseCrl } from './crl';
import { caTbs, keyIdentifier, leafTbs } from './issue';
import { formatName, nameValue } from './name';

const hasOpenssl = requireTool('openssl');

const DAY = 86_400_000;
const T0 = new Date(Date.UTC(2026, 0, 1));
const at = (days: number) => new Date(T0.getTime() + days * DAY);

function pki(cn: string) {
  const caSigner = sm2SyncSigner(generatePrivateKey());
  const tbs = caTbs([['O', '某市人民政府办公室'], ['CN', cn]], caSigner.spki, { notBefore: at(0), notAfter: at(3650) });
  return { caSigner, ca: parseCertificate(assembleSigned(tbs, caSigner.sign(tbs))) };
}

function issue(caSigner: ReturnType<typeof sm2SyncSigner>, ca: ReturnType<typeof parseCertificate>, login: string, days = 365) {
  const user = sm2SyncSigner(generatePrivateKey());
  const tbs = leafTbs(ca, [['O', '某市人民政府办公室'], ['CN', login]], user.spki, { notBefore: at(0), notAfter: at(days) });
  return { user, cert: parseCertificate(assembleSigned(tbs, caSigner.sign(tbs))) };
}

function crl(caSigner: ReturnType<typeof sm2SyncSigner>, ca: ReturnType<typeof parseCertificate>, revoked: Array<{ serial: bigint; date: Date }>) {
  const tbs = buildTbsCrl({ issuer: ca.subject.der, thisUpdate: at(1), nextUpdate: at(8), revoked, crlNumber: 1n, authorityKeyId: keyIdentifier(ca.publicKey.spki) });
  return parseCrl(assembleSigned(tbs, caSigner.sign(tbs)));
}

const codeOf = (f: () => unknown) => {
  try {
    f();
    return 'none';
  } catch (e) {
    return (e as CryptoError).code;
  }
};

describe('X.509 with SM2 (sm2sign-with-sm3)', () => {
  const caSigner = sm2SyncSigner(generatePrivateKey());
  const caTbsBytes = caTbs([['C', 'CN'], ['O', '某市人民政府办公室'], ['CN', '协同办公 组织 CA']], caSigner.spki, { notBefore: at(0), notAfter: at(3650) });
  const ca = parseCertificate(assembleSigned(caTbsBytes, caSigner.sign(caTbsBytes)));
  const alice = issue(caSigner, ca, 'zhangsan');

  it('round-trips fields and reads Chinese names', () => {
    expect(nameValue(alice.cert.subject, 'CN')).toBe('zhangsan');
    expect(formatName(ca.subject)).toBe('C=CN, O=某市人民政府办公室, CN=协同办公 组织 CA');
    expect(alice.cert.extensions.basicConstraints).toEqual({ ca: false });
    expect([...alice.cert.extensions.keyUsage!]).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(ca.extensions.basicConstraints).toEqual({ ca: true, pathLen: 0 });
    expect(certificateFromPem(certificateToPem(alice.cert.der)).der).toEqual(alice.cert.der);
  });

  it('validates the chain with a CRL; revoked → CERT_REVOKED; expired → CERT_EXPIRED', () => {
    const bob = issue(caSigner, ca, 'lisi', 30);
    const trust: TrustStore = { anchors: [ca], crls: [crl(caSigner, ca, [{ serial: bob.cert.serial, date: at(2) }])] };
    expect(validateCertificate(alice.cert, trust, at(10)).map((c) => nameValue(c.subject, 'CN'))).toEqual(['zhangsan', '协同办公 组织 CA']);
    expect(codeOf(() => validateCertificate(bob.cert, trust, at(10)))).toBe('CERT_REVOKED');
    expect(validateCertificate(bob.cert, trust, at(1.5))).toHaveLength(2); // before the revocation date
    expect(codeOf(() => validateCertificate(alice.cert, trust, at(400)))).toBe('CERT_EXPIRED');
    expect(codeOf(() => validateCertificate(alice.cert, trust, at(-1)))).toBe('CERT_EXPIRED');
    expect(codeOf(() => validateCertificate(alice.cert, { anchors: [ca] }, at(10)))).toBe('CERT_UNTRUSTED'); // no CRL
    expect(validateCertificate(alice.cert, { anchors: [ca], requireCrl: false }, at(10))).toHaveLength(2);
  });

  it('rejects forged certificates and forged CRLs', () => {
    const rogue = sm2SyncSigner(generatePrivateKey());
    const tbs = leafTbs(ca, [['CN', 'zhangsan']], rogue.spki, { notBefore: at(0), notAfter: at(100) });
    const forged = parseCertificate(assembleSigned(tbs, rogue.sign(tbs))); // names the CA, signed by someone else
    const trust: TrustStore = { anchors: [ca], crls: [crl(caSigner, ca, [])] };
    expect(codeOf(() => validateCertificate(forged, trust, at(10)))).toBe('CERT_INVALID');
    const otherCa = pki('另一个 CA');
    expect(codeOf(() => validateCertificate(issue(otherCa.caSigner, otherCa.ca, 'x').cert, trust, at(10)))).toBe('CERT_UNTRUSTED');
    // Same name as our CA but another key: the signature check fails.
    const twin = pki('协同办公 组织 CA');
    expect(codeOf(() => validateCertificate(issue(twin.caSigner, ca, 'x').cert, trust, at(10)))).toBe('CERT_INVALID');
    // A CRL signed by the rogue key cannot revoke alice, and does not satisfy the CRL requirement.
    const fakeTbs = buildTbsCrl({ issuer: ca.subject.der, thisUpdate: at(1), nextUpdate: at(8), revoked: [{ serial: alice.cert.serial, date: at(1) }], crlNumber: 9n, authorityKeyId: new Uint8Array(20) });
    const fakeCrl = parseCrl(assembleSigned(fakeTbs, rogue.sign(fakeTbs)));
    expect(codeOf(() => validateCertificate(alice.cert, { anchors: [ca], crls: [fakeCrl] }, at(10)))).toBe('CERT_UNTRUSTED');
    // A leaf cannot act as a CA.
    const sub = sm2SyncSigner(generatePrivateKey());
    const subTbs = leafTbs(alice.cert, [['CN', 'mallory']], sub.spki, { notBefore: at(0), notAfter: at(100) });
    const subCert = parseCertificate(assembleSigned(subTbs, alice.user.sign(subTbs)));
    expect(codeOf(() => validateCertificate(subCert, { anchors: [ca], intermediates: [alice.cert], requireCrl: false }, at(10)))).toBe('CERT_INVALID');
    // One flipped byte anywhere in the signed part.
    const der = alice.cert.der.slice();
    der[der.length - 120]! ^= 1;
    expect(codeOf(() => validateCertificate(parseCertificate(der), trust, at(10)))).toMatch(/CERT_INVALID|CERT_UNTRUSTED/);
  });

  it('node-forge parses our DER structurally (an independent ASN.1 reader)', () => {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(alice.cert.der).toString('binary')), true);
    const tbs = asn1.value[0] as forge.asn1.Asn1;
    expect((tbs.value as forge.asn1.Asn1[]).length).toBe(8);
    expect(forge.asn1.derToOid(forge.util.createBuffer(((asn1.value[1] as forge.asn1.Asn1).value[0] as forge.asn1.Asn1).value as string))).toBe('1.2.156.10197.1.501');
    expect(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').equals(Buffer.from(alice.cert.der))).toBe(true);
  });

  describe.skipIf(!hasOpenssl)('against openssl', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'x509-'));

    it('openssl verifies our chain and reads our CRL', () => {
      const now = new Date();
      const liveTbs = caTbs([['O', 'Org'], ['CN', 'Live CA']], caSigner.spki, { notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + 30 * DAY) });
      const liveCa = parseCertificate(assembleSigned(liveTbs, caSigner.sign(liveTbs)));
      const user = sm2SyncSigner(generatePrivateKey());
      const userTbs = leafTbs(liveCa, [['CN', '张三']], user.spki, { notBefore: new Date(now.getTime() - DAY), notAfter: new Date(now.getTime() + 10 * DAY) });
      const userDer = assembleSigned(userTbs, caSigner.sign(userTbs));
      writeFileSync(path.join(dir, 'ca.pem'), certificateToPem(liveCa.der));
      writeFileSync(path.join(dir, 'user.pem'), certificateToPem(userDer));
      // OpenSSL 3.0 does not default the SM2 ID when verifying certificates: pass GM/T 0009's.
      const verify = () => {
        const r = opensslSync(['verify', '-vfyopt', 'distid:1234567812345678', '-CAfile', path.join(dir, 'ca.pem'), path.join(dir, 'user.pem')]);
        return r.stdout.toString() + r.stderr;
      };
      expect(verify()).toMatch(/user\.pem: OK/);
      const text = opensslSync(['x509', '-in', path.join(dir, 'user.pem'), '-noout', '-text']).stdout.toString();
      expect(text).toMatch(/SM2-with-SM3/);
      expect(text).toMatch(/Digital Signature, Non Repudiation/);
      // Our CRL parses in openssl with its entries. (OpenSSL 3.0 checks SM2 CRL signatures with an
      // empty ID and has no option to change it, so `verify -crl_check` cannot check CRLs signed
      // with the GM/T 0015 default ID; our own verifier does, see above.)
      const serial = parseCertificate(userDer).serial;
      const tbs = buildTbsCrl({ issuer: liveCa.subject.der, thisUpdate: new Date(now.getTime() - 1000), nextUpdate: new Date(now.getTime() + 7 * DAY), revoked: [{ serial, date: now }], crlNumber: 2n, authorityKeyId: keyIdentifier(liveCa.publicKey.spki) });
      writeFileSync(path.join(dir, 'revoked.crl'), crlToPem(assembleSigned(tbs, caSigner.sign(tbs))));
      const crlText = opensslSync(['crl', '-in', path.join(dir, 'revoked.crl'), '-noout', '-text']);
      expect(crlText.status).toBe(0);
      // OpenSSL prints whole bytes: an odd-length hex serial gets a leading 0.
      const hex = serial.toString(16).toUpperCase();
      expect(crlText.stdout.toString()).toMatch(new RegExp(`Serial Number: ${hex.length % 2 ? `0${hex}` : hex}`));
      expect(crlText.stdout.toString()).toMatch(/X509v3 CRL Number:\s+2/);
    });

    it('verifies an OpenSSL-issued SM2 certificate chain', () => {
      const run = (args: string[]) => expect(opensslSync(args).status).toBe(0);
      const f = (n: string) => path.join(dir, n);
      run(['req', '-x509', '-newkey', 'sm2', '-nodes', '-keyout', f('oca.key'), '-out', f('oca.pem'), '-days', '30', '-subj', '/CN=OpenSSL SM2 CA', '-sm3', '-sigopt', 'distid:1234567812345678']);
      run(['req', '-new', '-newkey', 'sm2', '-nodes', '-keyout', f('oleaf.key'), '-out', f('oleaf.csr'), '-subj', '/CN=leaf', '-sm3', '-sigopt', 'distid:1234567812345678']);
      writeFileSync(f('ext.cnf'), 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n');
      const sign = ['-CA', f('oca.pem'), '-CAkey', f('oca.key'), '-CAcreateserial', '-days', '10', '-sm3', '-sigopt', 'distid:1234567812345678', '-vfyopt', 'distid:1234567812345678'];
      run(['x509', '-req', '-in', f('oleaf.csr'), ...sign, '-out', f('oleaf.pem'), '-extfile', f('ext.cnf')]);
      run(['x509', '-req', '-in', f('oleaf.csr'), ...sign, '-out', f('oleaf-v1.pem')]);
      const oca = certificateFromPem(readFileSync(f('oca.pem'), 'utf8'));
      expect(oca.publicKey.algorithm).toBe('SM2');
      for (const file of ['oleaf.pem', 'oleaf-v1.pem']) {
        const leaf = certificateFromPem(readFileSync(f(file), 'utf8'));
        const chain = validateCertificate(leaf, { anchors: [oca], requireCrl: false }, new Date());
        expect(chain.map((c) => formatName(c.subject))).toEqual(['CN=leaf', 'CN=OpenSSL SM2 CA']);
        expect(codeOf(() => validateCertificate(leaf, { anchors: [ca], requireCrl: false }, new Date()))).toBe('CERT_UNTRUSTED');
      }
    });
  });
});
