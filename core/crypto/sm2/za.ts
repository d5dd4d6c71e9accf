import { bigintToBytes, utf8Encode } from '../bytes';
import { badInput } from '../errors';
import { Sm3 } from '../sm3';
import { A, B, GX, GY } from './curve';
import type { Sm2PublicPoint } from './keys';

/**
 * The default user ID of GM/T 0009-2012 §10, used for every SM2 signature unless a caller
 * explicitly passes another. This is the only place it is written down.
 */
export const SM2_DEFAULT_ID = '1234567812345678';

const CURVE_BYTES = [A, B, GX, GY].map((v) => bigintToBytes(v, 32));

export function idBytes(id: string | Uint8Array = SM2_DEFAULT_ID): Uint8Array {
  const b = typeof id === 'string' ? utf8Encode(id) : id;
  if (b.length * 8 > 0xffff) throw badInput('SM2 用户标识过长');
  return b;
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
export function sm2Za(pub: Sm2PublicPoint, id?: string | Uint8Array): Uint8Array {
  const idb = idBytes(id);
  const entl = idb.length * 8;
  const h = new Sm3().update(new Uint8Array([entl >>> 8, entl & 255])).update(idb);
  for (const c of CURVE_BYTES) h.update(c);
  return h.update(bigintToBytes(pub.x, 32)).update(bigintToBytes(pub.y, 32)).digest();
}

/** e = SM3(Z_A ‖ M): the 32-byte digest that SKF/SDF devices sign. */
export function sm2E(pub: Sm2PublicPoint, message: Uint8Array, id?: string | Uint8Array): Uint8Array {
  return new Sm3().update(sm2Za(pub, id)).update(message).digest();
}

/** Streaming form of e for large inputs: feed the message, then digest(). */
export function sm2EStream(pub: Sm2PublicPoint, id?: string | Uint8Array): Sm3 {
  return new Sm3().update(sm2Za(pub, id));
}
