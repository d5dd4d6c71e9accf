import type { Sm2PrivateKey } from './keys';
import { encodeSpki } from './pkcs';
import { encodeSignatureDer } from './signature-der';
import { sm2SignDigest } from './sign';
import { sm2E } from './za';

/**
 * A synchronous signer over an unlocked soft key, for the administrator's CLI (CA, seal maker),
 * whose command table is synchronous. Application code signs through a provider and key handle.
 */
export interface SyncSigner {
  readonly spki: Uint8Array;
  /** DER SM2 signature over data with the default ID. */
  sign(data: Uint8Array): Uint8Array;
}

export function sm2SyncSigner(key: Sm2PrivateKey): SyncSigner {
  return { spki: encodeSpki(key.pub), sign: (data) => encodeSignatureDer(sm2SignDigest(key, sm2E(key.pub, data))) };
}
