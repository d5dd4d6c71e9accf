/** A small in-memory PKI for tests (imported only by *.test.ts files). */
import type { CryptoProvider, KeyHandle } from './provider';
import { createSoftSmProvider, memoryKeySource } from './soft-sm';
import { generatePrivateKey } from './sm2/keys';
import { encodeSpki } from './sm2/pkcs';
import { sm2SyncSigner, type SyncSigner } from './sm2/signer';
import { assembleSigned, parseCertificate, type Certificate } from './x509/certificate';
import type { TrustStore } from './x509/chain';
import { buildTbsCrl, parseCrl } from './x509/crl';
import { caTbs, keyIdentifier, leafTbs } from './x509/issue';
import type { NameKey } from './x509/name';

const DAY = 86_400_000;

export interface TestUser {
  login: string;
  provider: CryptoProvider;
  handle: KeyHandle;
  certificate: Certificate;
  /** The same key as a synchronous signer (seal maker, CLI-style code paths). */
  signer: SyncSigner;
}

/** `identities`: the unit (subject OU) and 督办 role (subject title) a login's certificate attests; others get neither. */
export async function testPki(logins: string[], opts: { start?: Date; days?: number; revoked?: string[]; identities?: Record<string, { unit: string; role: string }> } = {}) {
  const start = opts.start ?? new Date(Date.UTC(2026, 0, 1));
  const validity = { notBefore: start, notAfter: new Date(start.getTime() + (opts.days ?? 365) * DAY) };
  const caSigner = sm2SyncSigner(generatePrivateKey());
  const caT = caTbs([['O', '测试单位'], ['CN', '测试 CA']], caSigner.spki, { notBefore: start, notAfter: new Date(start.getTime() + 3650 * DAY) });
  const ca = parseCertificate(assembleSigned(caT, caSigner.sign(caT)));
  const users: Record<string, TestUser> = {};
  for (const login of logins) {
    const key = generatePrivateKey();
    const id = opts.identities?.[login];
    const holder: Array<[NameKey, string]> = id ? [['OU', id.unit], ['title', id.role]] : [];
    const t = leafTbs(ca, [['O', '测试单位'], ...holder, ['CN', login]], encodeSpki(key.pub), validity);
    const certificate = parseCertificate(assembleSigned(t, caSigner.sign(t)));
    const provider = createSoftSmProvider(memoryKeySource('123456', [{ keyId: 'sign', key, certificate: certificate.der }]));
    await provider.login('123456');
    users[login] = { login, provider, handle: (await provider.listKeys())[0]!, certificate, signer: sm2SyncSigner(key) };
  }
  const revoked = (opts.revoked ?? []).map((l) => ({ serial: users[l]!.certificate.serial, date: new Date(start.getTime() + 10 * DAY) }));
  const crlT = buildTbsCrl({ issuer: ca.subject.der, thisUpdate: start, nextUpdate: new Date(start.getTime() + 30 * DAY), revoked, crlNumber: 1n, authorityKeyId: keyIdentifier(ca.publicKey.spki) });
  const trust: TrustStore = { anchors: [ca], crls: [parseCrl(assembleSigned(crlT, caSigner.sign(crlT)))] };
  return { ca, users, trust, start };
}
