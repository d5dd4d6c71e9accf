import { describe, expect, it } from 'vitest';
import { utf8Encode } from './bytes';
import { CryptoError } from './errors';
import type { CryptoProvider, KeyHandle } from './provider';
import { ProviderRegistry } from './registry';
import { createSm2Provider, type Sm2Backend } from './sm2-provider';
import { createSoftSmProvider, memoryKeySource } from './soft-sm';
import { sm2Decrypt } from './sm2/encrypt';
import { generatePrivateKey, type Sm2PrivateKey } from './sm2/keys';
import { encodeSpki } from './sm2/pkcs';
import { signatureToRaw } from './sm2/signature-der';
import { sm2SignDigest } from './sm2/sign';
import { Sm3 } from './sm3';

/**
 * A mock GM/T 0016 (SKF) USB key: it accepts only 32-byte digests and answers with raw
 * 64-byte r ‖ s, like a real ECCSignData. Everything else must happen outside the device.
 */
function mockSkf(pin: string, key: Sm2PrivateKey) {
  const seen: number[] = [];
  let loggedIn = false;
  let retries = 3;
  const backend: Sm2Backend = {
    id: 'mock-skf',
    listKeys: async () => [{ keyId: 'SIGN-CONTAINER', usage: ['sign', 'decrypt'], spki: encodeSpki(key.pub), label: '签名容器' }],
    async login(given) {
      if (retries === 0) throw new CryptoError('PIN_LOCKED', 'USB Key 已锁定');
      if (given !== pin) {
        retries--;
        throw new CryptoError('WRONG_PIN', `PIN 码错误,还可重试 ${retries} 次`);
      }
      retries = 3;
      loggedIn = true;
    },
    logout: async () => void (loggedIn = false),
    isLoggedIn: () => loggedIn,
    async signDigest(_keyId, e) {
      seen.push(e.length);
      if (!loggedIn) throw new CryptoError('NOT_LOGGED_IN', '未登录');
      if (e.length !== 32) throw new Error('SAR_INDATALENERR');
      return signatureToRaw(sm2SignDigest(key, e));
    },
    decrypt: async (_keyId, ct) => sm2Decrypt(key, ct),
  };
  return { backend, seen };
}

/** Caller code written once against the interface, run against both providers. */
async function signThenVerify(registry: ProviderRegistry, handle: KeyHandle, text: string): Promise<boolean> {
  const provider = registry.forKey(handle);
  const msg = utf8Encode(text);
  const sig = await provider.sign(handle, msg);
  return registry.get().verify(handle.publicKey, msg, sig);
}

const code = async (p: Promise<unknown>) => p.then(() => 'none', (e: CryptoError) => e.code);

describe('provider interface', () => {
  const softKey = generatePrivateKey();
  const skfKey = generatePrivateKey();
  const soft = createSoftSmProvider(memoryKeySource('1234', [{ keyId: 'me', key: softKey, label: '张三' }]));
  const skf = mockSkf('8888', skfKey);
  const usb = createSm2Provider(skf.backend);
  const registry = new ProviderRegistry().register(soft).register(usb);

  it('lists key handles without private material', async () => {
    const handles = await registry.listKeys();
    expect(handles.map((h) => [h.providerId, h.keyId, h.algorithm])).toEqual([
      ['soft-sm', 'me', 'SM2'],
      ['mock-skf', 'SIGN-CONTAINER', 'SM2'],
    ]);
    expect(JSON.stringify(handles, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(softKey.d.toString());
  });

  it('needs login; a wrong PIN is WRONG_PIN; the mock device locks after three', async () => {
    const [h] = await soft.listKeys();
    expect(await code(soft.sign(h!, utf8Encode('x')))).toBe('NOT_LOGGED_IN');
    expect(await code(soft.login('0000'))).toBe('WRONG_PIN');
    await soft.login('1234');
    expect(soft.isLoggedIn()).toBe(true);
    expect(await code(usb.login('1'))).toBe('WRONG_PIN');
    await usb.login('8888');
  });

  it('the same caller code signs with the software key and the USB key', async () => {
    for (const h of await registry.listKeys()) expect(await signThenVerify(registry, h, `签发 ${h.providerId}`)).toBe(true);
    // The device only ever saw 32-byte digests: Z_A and e were computed outside.
    expect(skf.seen.length).toBeGreaterThan(0);
    expect(skf.seen.every((n) => n === 32)).toBe(true);
  });

  it('signDigest over a streamed e equals sign over the message', async () => {
    const [h] = await usb.listKeys();
    const chunks = Array.from({ length: 10 }, (_, i) => utf8Encode(`附件第${i}块`.repeat(100)));
    const e = usb.messageDigestStream(h!.publicKey);
    for (const c of chunks) e.update(c);
    const sig = await usb.signDigest(h!, e.digest());
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((o, c) => (joined.set(c, o), o + c.length), 0);
    expect(await soft.verify(h!.publicKey, joined, sig)).toBe(true);
    expect(await code(usb.signDigest(h!, new Uint8Array(31)))).toBe('BAD_INPUT');
  });

  it('encrypts to a public key and decrypts only through the key handle', async () => {
    const [h] = await usb.listKeys();
    const ct = await soft.encrypt(h!.publicKey, utf8Encode('身份证号 350203199001011234'));
    expect(new TextDecoder().decode(await usb.decrypt(h!, ct))).toBe('身份证号 350203199001011234');
    const [mine] = await soft.listKeys();
    expect(await code(usb.decrypt(mine!, ct))).toBe('KEY_NOT_FOUND');
  });

  it('logout forgets the keys', async () => {
    const [h] = await soft.listKeys();
    await soft.logout();
    expect(await code(soft.sign(h!, utf8Encode('x')))).toBe('NOT_LOGGED_IN');
  });

  it('digest, SM4 and random are available on every provider', () => {
    const providers: CryptoProvider[] = [soft, usb];
    for (const p of providers) {
      expect(p.digest('SM3', utf8Encode('abc'))).toEqual(new Sm3().update(utf8Encode('abc')).digest());
      expect(p.digest('SHA-256', new Uint8Array(0))[0]).toBe(0xe3);
      const key = p.random(16);
      const iv = p.random(16);
      expect(p.symmetricDecrypt({ mode: 'CBC', key, iv }, p.symmetricEncrypt({ mode: 'CBC', key, iv }, utf8Encode('abc')))).toEqual(utf8Encode('abc'));
    }
    expect(registry.get('soft-sm')).toBe(soft);
    expect(() => registry.get('sdf')).toThrow(CryptoError);
  });
});
