import { CryptoError, badInput } from './errors';
import { readWord, sm4CryptWords, sm4RoundKeys, writeWord } from './sm4';

/**
 * SM4 modes with an explicit mode, IV and padding: nothing is defaulted silently except
 * that ECB/CBC pad with PKCS#7 and CTR (a stream mode) does not pad. CBC with PKCS#7 is
 * byte-compatible with `openssl enc -sm4-cbc -K … -iv …`.
 *
 * None of these modes authenticates. Data at rest should use sealSm4 (aead.ts), which adds
 * HMAC-SM3 encrypt-then-MAC.
 */
export type Sm4Mode = 'ECB' | 'CBC' | 'CTR';
export type Sm4Padding = 'PKCS7' | 'NONE';

export interface Sm4Params {
  mode: Sm4Mode;
  key: Uint8Array;
  /** 16 bytes for CBC (IV) and CTR (initial counter block); must be absent for ECB. */
  iv?: Uint8Array;
  padding?: Sm4Padding;
}

function check(params: Sm4Params): Sm4Padding {
  if (params.key.length !== 16) throw badInput('SM4 密钥必须为 16 字节');
  if (params.mode === 'ECB') {
    if (params.iv) throw badInput('ECB 模式不使用 IV');
  } else if (!params.iv || params.iv.length !== 16) throw badInput(`${params.mode} 模式需要 16 字节的 IV`);
  const padding = params.padding ?? (params.mode === 'CTR' ? 'NONE' : 'PKCS7');
  if (params.mode === 'CTR' && padding !== 'NONE') throw badInput('CTR 模式不使用填充');
  return padding;
}

export function sm4Encrypt(params: Sm4Params, data: Uint8Array): Uint8Array {
  const padding = check(params);
  if (params.mode === 'CTR') return ctr(params, data);
  let input = data;
  if (padding === 'PKCS7') {
    const pad = 16 - (data.length % 16);
    input = new Uint8Array(data.length + pad);
    input.set(data);
    input.fill(pad, data.length);
  } else if (data.length % 16 !== 0) throw badInput('无填充时数据长度必须是 16 的倍数');
  const rk = sm4RoundKeys(params.key);
  const out = new Uint8Array(input.length);
  const w = new Int32Array(4);
  const iv = params.iv;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  if (params.mode === 'CBC' && iv) [c0, c1, c2, c3] = [readWord(iv, 0), readWord(iv, 4), readWord(iv, 8), readWord(iv, 12)];
  const cbc = params.mode === 'CBC';
  for (let o = 0; o < input.length; o += 16) {
    const x0 = readWord(input, o), x1 = readWord(input, o + 4), x2 = readWord(input, o + 8), x3 = readWord(input, o + 12);
    if (cbc) sm4CryptWords(rk, x0 ^ c0, x1 ^ c1, x2 ^ c2, x3 ^ c3, w);
    else sm4CryptWords(rk, x0, x1, x2, x3, w);
    c0 = w[0]!;
    c1 = w[1]!;
    c2 = w[2]!;
    c3 = w[3]!;
    writeWord(out, o, c0);
    writeWord(out, o + 4, c1);
    writeWord(out, o + 8, c2);
    writeWord(out, o + 12, c3);
  }
  return out;
}

export function sm4Decrypt(params: Sm4Params, data: Uint8Array): Uint8Array {
  const padding = check(params);
  if (params.mode === 'CTR') return ctr(params, data);
  if (data.length % 16 !== 0 || (padding === 'PKCS7' && data.length === 0)) throw new CryptoError('DECRYPT_FAILED', '密文长度不正确');
  const rk = sm4RoundKeys(params.key, true);
  const out = new Uint8Array(data.length);
  const w = new Int32Array(4);
  const iv = params.iv;
  const cbc = params.mode === 'CBC';
  let p0 = 0, p1 = 0, p2 = 0, p3 = 0;
  if (cbc && iv) [p0, p1, p2, p3] = [readWord(iv, 0), readWord(iv, 4), readWord(iv, 8), readWord(iv, 12)];
  for (let o = 0; o < data.length; o += 16) {
    const x0 = readWord(data, o), x1 = readWord(data, o + 4), x2 = readWord(data, o + 8), x3 = readWord(data, o + 12);
    sm4CryptWords(rk, x0, x1, x2, x3, w);
    writeWord(out, o, w[0]! ^ p0);
    writeWord(out, o + 4, w[1]! ^ p1);
    writeWord(out, o + 8, w[2]! ^ p2);
    writeWord(out, o + 12, w[3]! ^ p3);
    if (cbc) [p0, p1, p2, p3] = [x0, x1, x2, x3];
  }
  if (padding === 'NONE') return out;
  const pad = out[out.length - 1]!;
  let bad = pad === 0 || pad > 16 ? 1 : 0;
  for (let i = 0; i < 16; i++) if (i < pad && out[out.length - 1 - i] !== pad) bad = 1;
  if (bad) throw new CryptoError('DECRYPT_FAILED', '解密失败:填充不正确(密钥或 IV 错误,或数据已损坏)');
  return out.slice(0, out.length - pad);
}

/** CTR: the IV is the initial 128-bit counter block, incremented big-endian (as OpenSSL). */
function ctr(params: Sm4Params, data: Uint8Array): Uint8Array {
  const rk = sm4RoundKeys(params.key);
  // A copy, never .slice(): on a Node Buffer slice() is a view and we would mutate the caller's IV.
  const counter = new Uint8Array(params.iv!);
  const out = new Uint8Array(data.length);
  const w = new Int32Array(4);
  const ks = new Uint8Array(16);
  for (let o = 0; o < data.length; o += 16) {
    sm4CryptWords(rk, readWord(counter, 0), readWord(counter, 4), readWord(counter, 8), readWord(counter, 12), w);
    for (let i = 0; i < 4; i++) writeWord(ks, i * 4, w[i]!);
    const n = Math.min(16, data.length - o);
    for (let i = 0; i < n; i++) out[o + i] = data[o + i]! ^ ks[i]!;
    for (let i = 15; i >= 0; i--) {
      counter[i] = (counter[i]! + 1) & 255;
      if (counter[i] !== 0) break;
    }
  }
  return out;
}
