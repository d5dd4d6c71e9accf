import { bytesToBigint } from '../bytes';
import { randomBytes } from '../random';
import { sm3 } from '../sm3';
import { encodePublicPoint } from '../sm2/keys';
import { decodeSpki } from '../sm2/pkcs';
import { buildTbsCertificate, type Certificate } from './certificate';
import type { KeyUsageBit } from './extensions';
import { encodeName, type NameKey } from './name';

/** Key identifier: the first 160 bits of SM3 over the public point (RFC 5280 §4.2.1.2 allows any method). */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  return sm3(encodePublicPoint(decodeSpki(spki))).subarray(0, 20);
}

/** 127-bit random serial: positive, unpredictable, well under the 20-octet limit. */
export function randomSerial(): bigint {
  const b = randomBytes(16);
  b[0]! &= 0x7f;
  b[0]! |= 0x01; // never a leading zero byte, so the length is always 16
  return bytesToBigint(b);
}

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** Self-signed organisation CA: may sign certificates and CRLs, no intermediates below it. */
export function caTbs(name: Array<[NameKey, string]>, spki: Uint8Array, validity: Validity, serial = randomSerial()): Uint8Array {
  const der = encodeName(name);
  const kid = keyIdentifier(spki);
  return buildTbsCertificate({
    serial,
    issuer: der,
    subject: der,
    spki,
    ...validity,
    extensions: { ca: true, pathLen: 0, keyUsage: ['keyCertSign', 'cRLSign', 'digitalSignature'], subjectKeyId: kid, authorityKeyId: kid },
  });
}

/** End-entity certificate for a person (signing and decryption) or the seal maker. */
export function leafTbs(issuer: Certificate, subject: Array<[NameKey, string]>, spki: Uint8Array, validity: Validity, serial = randomSerial()): Uint8Array {
  const usage: KeyUsageBit[] = ['digitalSignature', 'nonRepudiation'];
  return buildTbsCertificate({
    serial,
    issuer: issuer.subject.der,
    subject: encodeName(subject),
    spki,
    ...validity,
    extensions: {
      ca: false,
      keyUsage: usage,
      subjectKeyId: keyIdentifier(spki),
      ...(issuer.extensions.subjectKeyId ? { authorityKeyId: issuer.extensions.subjectKeyId } : {}),
    },
  });
}
