import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigintToBytes, concatBytes, utf8Encode } from '../bytes';
import type { PublicKeyRef } from '../provider';
import { randomBytes } from '../random';
import { sm3 } from '../sm3';
import { softProviderWithKeys } from '../test-helpers';
import { N, OID_EC_PUBLIC_KEY, OID_SM2_CURVE, P } from './curve';
import { encodePublicPoint } from './keys';
import { bitString, oid, seq } from '../asn1/der-write';
import { decodeSpki, encodeSpki, privateKeyToPem } from './pkcs';
import { decodeSignatureDer, encodeSignatureDer } from './signature-der';
import { sm2SignDigest } from './sign';

const MESSAGE = utf8Encode('关于印发《数字厦门工作要点》的通知 葛\u{E0100} \u{F0000}');
const intDer = (bytes: number[]) => [0x02, bytes.length, ...bytes];
const seqDer = (...parts: number[][]) => {
  const body = parts.flat();
  return new Uint8Array([0x30, body.length, ...body]);
};
const intOf = (n: bigint) => {
  const b = [...bigintToBytes(n, 33)];
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b.shift();
  return b[0]! >= 0x80 ? [0, ...b] : b;
};

describe('SM2 tampering: everything is invalid and nothing throws', async () => {
  const { provider, handles } = await softProviderWithKeys(2);
  const [mine, other] = handles as [(typeof handles)[0], (typeof handles)[0]];
  const pub = mine.publicKey;
  const sig = await provider.sign(mine, MESSAGE);

  it('accepts the genuine signature', async () => {
    expect(await provider.verify(pub, MESSAGE, sig)).toBe(true);
  });

  it('every flipped byte of the message or of the signature', async () => {
    for (let i = 0; i < MESSAGE.length; i++) {
      const m = MESSAGE.slice();
      m[i]! ^= 0x01;
      expect(await provider.verify(pub, m, sig)).toBe(false);
    }
    for (let i = 0; i < sig.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const s = sig.slice();
        s[i]! ^= mask;
        expect(await provider.verify(pub, MESSAGE, s)).toBe(false);
      }
    }
    expect(await provider.verify(pub, concatBytes(MESSAGE, new Uint8Array([0])), sig)).toBe(false);
  });

  it('r = 0, s = 0, r ≥ n, s = n, negative and oversized values', async () => {
    const { r, s } = decodeSignatureDer(sig)!;
    for (const bad of [
      seqDer(intDer([0]), intDer(intOf(s))),
      seqDer(intDer(intOf(r)), intDer([0])),
      seqDer(intDer(intOf(N)), intDer(intOf(s))),
      seqDer(intDer(intOf(r + N)), intDer(intOf(s))),
      seqDer(intDer(intOf(r)), intDer(intOf(N))),
      seqDer(intDer(intOf(r)), intDer(intOf(s + N))),
      seqDer(intDer([0xff]), intDer(intOf(s))),
    ]) {
      expect(await provider.verify(pub, MESSAGE, bad)).toBe(false);
    }
    // Unbounded encodings that happen to reduce to the genuine values mod n.
    expect(await provider.verify(pub, MESSAGE, encodeSignatureDer({ r: r + N, s }))).toBe(false);
  });

  it('DER with trailing bytes, non-minimal integers, long-form lengths or wrong tags', async () => {
    const { r, s } = decodeSignatureDer(sig)!;
    const variants = [
      concatBytes(sig, new Uint8Array([0])),
      seqDer(intDer([0, ...intOf(r)]), intDer(intOf(s))),
      seqDer(intDer(intOf(r)), intDer([0, ...intOf(s)])),
      new Uint8Array([0x30, 0x81, sig.length - 2, ...sig.subarray(2)]),
      new Uint8Array([0x31, ...sig.subarray(1)]),
      new Uint8Array([0x30, 0x80, ...sig.subarray(2), 0, 0]),
      sig.subarray(0, sig.length - 1),
      new Uint8Array(0),
      new Uint8Array(64),
    ];
    for (const v of variants) expect(await provider.verify(pub, MESSAGE, v)).toBe(false);
  });

  it('off-curve, zero, compressed and non-SM2 public keys', async () => {
    const point = decodeSpki(pub.spki);
    const spkiOf = (bits: Uint8Array, curve = OID_SM2_CURVE) => seq(seq(oid(OID_EC_PUBLIC_KEY), oid(curve)), bitString(bits));
    const compressed = concatBytes(new Uint8Array([point.y & 1n ? 3 : 2]), bigintToBytes(point.x, 32));
    const keys: PublicKeyRef[] = [
      { algorithm: 'SM2', spki: encodeSpki({ x: 1n, y: 2n }) }, // off the curve
      { algorithm: 'SM2', spki: encodeSpki({ x: point.x, y: P - point.y + 1n }) },
      { algorithm: 'SM2', spki: encodeSpki({ x: 0n, y: 0n }) }, // "zero"
      { algorithm: 'SM2', spki: spkiOf(new Uint8Array([0])) }, // SEC 1 infinity
      { algorithm: 'SM2', spki: spkiOf(compressed) },
      { algorithm: 'SM2', spki: spkiOf(encodePublicPoint(point), '1.2.840.10045.3.1.7') }, // same point, P-256 OID
      { algorithm: 'SM2', spki: concatBytes(pub.spki, new Uint8Array([0])) },
      { algorithm: 'SM2', spki: encodePublicPoint(point) }, // a bare point is not an SPKI
      { algorithm: 'RSA', spki: pub.spki },
    ];
    for (const k of keys) expect(await provider.verify(k, MESSAGE, sig)).toBe(false);
  });

  it('another key, another ID, the empty ID', async () => {
    expect(await provider.verify(other.publicKey, MESSAGE, sig)).toBe(false);
    expect(await provider.verify(pub, MESSAGE, sig, { id: '' })).toBe(false);
    expect(await provider.verify(pub, MESSAGE, sig, { id: 'ALICE123@YAHOO.COM' })).toBe(false);
    const withEmptyId = await provider.sign(mine, MESSAGE, { id: '' });
    expect(await provider.verify(pub, MESSAGE, withEmptyId)).toBe(false);
    expect(await provider.verify(pub, MESSAGE, withEmptyId, { id: '' })).toBe(true);
  });

  it('plain ECDSA on the SM2 curve (what Node crypto.sign does with an SM2 key) and unhashed signatures', async () => {
    const { keys } = await softProviderWithKeys(1);
    const key = keys[0]!;
    const spki = { algorithm: 'SM2' as const, spki: encodeSpki(key.pub) };
    const nodeKey = createPrivateKey(privateKeyToPem(key));
    const ecdsa = nodeSign('sm3', MESSAGE, nodeKey);
    expect(nodeVerify('sm3', MESSAGE, createPublicKey(nodeKey), ecdsa)).toBe(true); // a valid ECDSA signature…
    expect(await provider.verify(spki, MESSAGE, ecdsa)).toBe(false); // …but not an SM2 one
    // sm-crypto's hash:false: the signature is over SM3(M) or M itself, without Z_A.
    expect(await provider.verify(spki, MESSAGE, encodeSignatureDer(sm2SignDigest(key, sm3(MESSAGE))))).toBe(false);
    const short = utf8Encode('0123456789abcdef0123456789abcdef');
    expect(await provider.verify(spki, short, encodeSignatureDer(sm2SignDigest(key, short)))).toBe(false);
  });

  it('random garbage as signature, key or digest never throws', async () => {
    for (let i = 0; i < 200; i++) {
      const junk = randomBytes(i % 90);
      expect(await provider.verify(pub, MESSAGE, junk)).toBe(false);
      expect(await provider.verify({ algorithm: 'SM2', spki: junk }, MESSAGE, sig)).toBe(false);
      expect(await provider.verifyDigest(pub, junk, sig)).toBe(false);
    }
  });

  it('two signatures of the same message differ (fresh nonce each time)', async () => {
    const sigs = new Set<string>();
    for (let i = 0; i < 20; i++) sigs.add(Buffer.from(await provider.sign(mine, MESSAGE)).toString('hex'));
    expect(sigs.size).toBe(20);
  });
});
