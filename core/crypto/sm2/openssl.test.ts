import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatBytes, utf8Encode } from '../bytes';
import { opensslSync, sh } from '../../../main/crypto/testing/openssl';
import { requireTool } from '../../../main/testing/require-tool';
import { randomBytes } from '../random';
import { softSm2 } from '../software';
import { sm2Decrypt, sm2Encrypt } from './encrypt';
import { generatePrivateKey } from './keys';
import { encodeSpki, privateKeyFromPem, privateKeyToPem, publicKeyFromPem, publicKeyToPem } from './pkcs';
import { encodeSignatureDer } from './signature-der';
import { sm2SignDigest } from './sign';
import { SM2_DEFAULT_ID, sm2E } from './za';

const hasOpenssl = requireTool('openssl');

const CASES = 200;
const ID = `distid:${SM2_DEFAULT_ID}`;

/** Random messages, every fourth one text with U+E0100 (variation selector) and U+F0000 (private use plane). */
function message(i: number): Uint8Array {
  if (i % 4 === 0) return utf8Encode(`第${i}号 葛\u{E0100}洪 \u{F0000}\u{10FFFD} 𠀀 ${'中'.repeat(i % 50)}`);
  return randomBytes(1 + ((i * 37) % 300));
}

describe.skipIf(!hasOpenssl)('SM2 interoperability with the openssl CLI (both directions)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sm2-ossl-'));

  // A fixed amount of work (some 700 openssl processes), not a time budget: the timeout only guards
  // against a hang. Under load it took 33 s of the suite's 60 s default; a slower CI could cross it.
  it(`openssl verifies our signatures and we verify openssl's, for ${CASES} keys and messages`, async () => {
    for (let i = 0; i < CASES; i++) {
      const key = generatePrivateKey();
      const msg = message(i);
      writeFileSync(path.join(dir, `${i}.msg`), msg);
      writeFileSync(path.join(dir, `${i}.pub`), publicKeyToPem(key.pub));
      writeFileSync(path.join(dir, `${i}.sig`), encodeSignatureDer(sm2SignDigest(key, sm2E(key.pub, msg))));
    }
    // Two shells in parallel (the CI machine has 2 cores); each case spawns openssl 3 or 4 times.
    const script = (from: number, to: number) => `
      for i in $(seq ${from} ${to}); do
        if openssl pkeyutl -verify -pubin -inkey $i.pub -rawin -in $i.msg -sigfile $i.sig -digest sm3 -pkeyopt ${ID} >/dev/null 2>&1; then echo "$i ok"; else echo "$i bad"; fi
        openssl genpkey -algorithm sm2 -out $i.okey 2>/dev/null
        openssl pkeyutl -sign -inkey $i.okey -rawin -in $i.msg -out $i.osig -digest sm3 -pkeyopt ${ID}
        if [ $((i % 10)) -eq 0 ]; then openssl pkey -in $i.okey -pubout -out $i.opub; fi
      done`;
    const half = CASES / 2;
    const results = (await Promise.all([sh(script(0, half - 1), dir), sh(script(half, CASES - 1), dir)])).join('');
    const verdicts = results.trim().split('\n');
    expect(verdicts).toHaveLength(CASES);
    expect(verdicts.filter((l) => !l.endsWith(' ok'))).toEqual([]);

    for (let i = 0; i < CASES; i++) {
      const key = privateKeyFromPem(readFileSync(path.join(dir, `${i}.okey`), 'utf8'));
      if (i % 10 === 0) expect(publicKeyFromPem(readFileSync(path.join(dir, `${i}.opub`), 'utf8'))).toEqual(key.pub);
      const spki = { algorithm: 'SM2' as const, spki: encodeSpki(key.pub) };
      const msg = readFileSync(path.join(dir, `${i}.msg`));
      const sig = readFileSync(path.join(dir, `${i}.osig`));
      expect(softSm2.verify(spki, msg, sig)).toBe(true);
      // …and the same openssl signature is not valid for another message or under another ID.
      expect(softSm2.verify(spki, concatBytes(msg, new Uint8Array([1])), sig)).toBe(false);
      if (i % 20 === 0) expect(softSm2.verify(spki, msg, sig, { id: '' })).toBe(false);
    }
  }, 300_000);

  it('openssl reads our PKCS#8 keys and we read its SEC 1 ones', () => {
    const key = generatePrivateKey();
    writeFileSync(path.join(dir, 'ours.key'), privateKeyToPem(key));
    const text = opensslSync(['pkey', '-in', path.join(dir, 'ours.key'), '-text', '-noout']);
    expect(text.status).toBe(0);
    expect(text.stdout.toString()).toMatch(/ASN1 OID: SM2/);
    const sec1 = opensslSync(['ec', '-in', path.join(dir, 'ours.key'), '-outform', 'PEM']);
    expect(sec1.stdout.toString()).toMatch(/BEGIN (SM2 |EC )PRIVATE KEY/);
    expect(privateKeyFromPem(sec1.stdout.toString()).d).toBe(key.d);
  });

  it('SM2 encryption interoperates (GM/T 0009 C1C3C2) both ways', () => {
    for (let i = 0; i < 8; i++) {
      const key = generatePrivateKey();
      const keyFile = path.join(dir, `enc${i}.key`);
      const pubFile = path.join(dir, `enc${i}.pub`);
      writeFileSync(keyFile, privateKeyToPem(key));
      writeFileSync(pubFile, publicKeyToPem(key.pub));
      const plain = i % 2 ? randomBytes(1 + i * 40) : utf8Encode(`信访人身份证号 ${i} \u{F0000}`);
      const fromUs = opensslSync(['pkeyutl', '-decrypt', '-inkey', keyFile], sm2Encrypt(key.pub, plain));
      expect(fromUs.status).toBe(0);
      expect(new Uint8Array(fromUs.stdout)).toEqual(plain);
      const fromOpenssl = opensslSync(['pkeyutl', '-encrypt', '-pubin', '-inkey', pubFile], plain);
      expect(fromOpenssl.status).toBe(0);
      expect(sm2Decrypt(key, new Uint8Array(fromOpenssl.stdout))).toEqual(plain);
    }
  });
});
