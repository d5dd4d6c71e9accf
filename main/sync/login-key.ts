import fs from 'node:fs';
import { answerChallenge, type LoginChallenge, type LoginResponse } from '../../core/crypto/challenge';
import { CryptoError } from '../../core/crypto/errors';
import { createSoftSmProvider } from '../../core/crypto/soft-sm';
import { pkiPaths } from '../crypto/ca-files';
import { Keystore } from '../crypto/keystore';

/**
 * The key that answers a 数字证书 login challenge: the current identity's SM2 signing key
 * (keyId `sign`, with its certificate) in the keystore, unlocked by the user's PIN for this one
 * signature. The private key stays inside the soft-sm provider: the keystore hands it only to
 * the provider's login, and the provider forgets it right after signing.
 */
export interface LoginKey {
  /** Whose certificate a login would use now (the current identity's login). */
  login(): string;
  /** Signs the challenge; WRONG_PIN (with the keystore's back-off), PIN_LOCKED, KEY_NOT_FOUND… */
  answer(challenge: LoginChallenge, pin: string): Promise<LoginResponse>;
}

export interface KeystoreLoginKeyOptions {
  /** The keystore holding the identities' keys (the demo PKI's `<dir>/keys`). */
  keystore: () => Keystore;
  /** The current identity's login (the session). */
  login: () => string;
}

export function keystoreLoginKey(opts: KeystoreLoginKeyOptions): LoginKey {
  return {
    login: opts.login,
    async answer(challenge, pin) {
      const login = opts.login();
      const keystore = opts.keystore();
      if (!keystore.exists(login)) throw new CryptoError('KEY_NOT_FOUND', `当前身份(${login})在本机没有数字证书,请联系管理员签发`);
      const provider = createSoftSmProvider(keystore.source(login, 'SM2'));
      await provider.login(pin);
      try {
        const key = (await provider.listKeys()).find((k) => k.keyId === 'sign' && k.usage.includes('sign') && k.certificate);
        if (!key) throw new CryptoError('KEY_NOT_FOUND', `当前身份(${login})没有可用于登录的签名证书`);
        return await answerChallenge(provider, key, challenge);
      } finally {
        await provider.logout();
      }
    },
  };
}

/**
 * The app's login key: the current identity's key in the demo PKI (main/crypto/demo-pki.ts, in
 * the profile or OA_DEMO_PKI_DIR). A server trusting that PKI's CA (`--trust-ca <dir>/pki/…`)
 * accepts it. A login only reads the PKI: signing a 督办 event creates it on first use, but a
 * login attempt must not mint a CA and keys that no server trusts, so a profile without one gets
 * KEY_NOT_FOUND.
 */
export function demoLoginKey(profileDir: string, login: () => string, now: () => number = Date.now, env: NodeJS.ProcessEnv = process.env): LoginKey {
  const dir = env.OA_DEMO_PKI_DIR || profileDir;
  return keystoreLoginKey({
    login,
    keystore: () => {
      if (!fs.existsSync(pkiPaths(dir).caCert)) throw new CryptoError('KEY_NOT_FOUND', '本机尚未建立数字证书体系,无法进行证书登录,请先由管理员签发证书或改用账号密码登录');
      return Keystore.forDataDir(dir, { now });
    },
  });
}
