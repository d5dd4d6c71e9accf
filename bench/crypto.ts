/**
 * `npm run bench -- crypto`: SM2 sign/verify, SM3 and SM4-CBC throughput of each provider,
 * beside `openssl speed` measured in the same run, with ratios against the targets of issue 4
 * (sign ≥ 75 %, verify ≥ 50 % with per-key precomputation, SM3 ≥ 40 %, SM4 ≥ 50 % of OpenSSL).
 * Prints one JSON line. Figures are noisy on a shared 2-core machine: compare within one run.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { utf8Encode } from '../core/crypto/bytes';
import { createSoftSmProvider, memoryKeySource } from '../core/crypto/soft-sm';
import { Sm3 } from '../core/crypto/sm3';
import { sm4Encrypt } from '../core/crypto/sm4-modes';
import { decodeSignatureDer } from '../core/crypto/sm2/signature-der';
import { generatePrivateKey } from '../core/crypto/sm2/keys';
import { sm2VerifyDigest } from '../core/crypto/sm2/sign';
import { sm2E } from '../core/crypto/sm2/za';
import { signerTables } from '../core/crypto/software';
import { createSoftRsaProvider, generateRsaKey } from '../main/crypto/soft-rsa';

const MiB = 1024 * 1024;

/** Runs `op` repeatedly for about `seconds`, returning operations per second. */
async function rate(seconds: number, op: () => unknown): Promise<number> {
  for (let i = 0; i < 20; i++) await op(); // warm-up (JIT, lazy tables)
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let n = 0;
  while (performance.now() < end) {
    await op();
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

function throughput(seconds: number, chunk: Uint8Array, op: (b: Uint8Array) => unknown): number {
  op(chunk.subarray(0, 65536));
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  let bytes = 0;
  while (performance.now() < end) {
    op(chunk);
    bytes += chunk.length;
  }
  return bytes / MiB / ((performance.now() - t0) / 1000);
}

/** `openssl speed -mr` lines: +F7:…:sign/s:verify/s (SM2), +F2:…:sign/s:verify/s (RSA), +F:…:bytes/s. */
function opensslSpeed(args: string[]): string[] {
  const r = spawnSync('openssl', ['speed', '-mr', ...args], { encoding: 'utf8' });
  if (r.status !== 0) return [];
  return r.stdout.split('\n').filter((l) => l.startsWith('+F'));
}

function measureOpenssl(seconds: number) {
  const s = String(Math.max(1, Math.round(seconds)));
  const sm2 = opensslSpeed(['-seconds', s, 'sm2'])[0]?.split(':');
  const rsa = opensslSpeed(['-seconds', s, 'rsa2048'])[0]?.split(':');
  const bytes = (alg: string) => {
    const line = opensslSpeed(['-seconds', s, '-bytes', '16384', '-evp', alg])[0];
    return line ? Number(line.split(':')[3]) / MiB : null;
  };
  return {
    version: spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout?.trim() ?? null,
    sm2SignPerSec: sm2 ? Number(sm2[4]) : null,
    sm2VerifyPerSec: sm2 ? Number(sm2[5]) : null,
    sm3MiBps: bytes('sm3'),
    sm4CbcMiBps: bytes('sm4-cbc'),
    rsa2048SignPerSec: rsa ? Number(rsa[3]) : null,
    rsa2048VerifyPerSec: rsa ? Number(rsa[4]) : null,
  };
}

export async function measureCrypto(seconds = 1): Promise<Record<string, unknown>> {
  const msg = utf8Encode('关于开展数字政府建设专项督查的通知 rec-001 签发');
  const data = crypto.randomBytes(4 * MiB);

  // Throughput first, before the BigInt-heavy SM2 runs leave garbage for the collector.
  const sm3MiBps = throughput(seconds, data, (b) => new Sm3().update(b).digest());
  const sm4Key = crypto.randomBytes(16);
  const iv = crypto.randomBytes(16);
  const sm4CbcMiBps = throughput(seconds, data, (b) => sm4Encrypt({ mode: 'CBC', key: sm4Key, iv, padding: 'NONE' }, b));

  // soft-sm, through the provider interface (Z_A, e, DER included).
  const key = generatePrivateKey();
  const sm = createSoftSmProvider(memoryKeySource('bench-pin', [{ keyId: 'k', key }]));
  await sm.login('bench-pin');
  const [handle] = await sm.listKeys();
  const sigs = await Promise.all(Array.from({ length: 64 }, () => sm.sign(handle!, msg)));
  let i = 0;
  const signPerSec = await rate(seconds, () => sm.sign(handle!, msg));
  // Without precomputation: the wNAF path for an unknown signer, e recomputed each time.
  const parsed = sigs.map((s) => decodeSignatureDer(s)!);
  const verifyPlainPerSec = await rate(seconds, () => sm2VerifyDigest(key.pub, sm2E(key.pub, msg), parsed[i++ % 64]!));
  // With the per-signer table cached (a known signer), through the provider.
  signerTables.clear();
  const verifyPrecomputedPerSec = await rate(seconds, () => sm.verify(handle!.publicKey, msg, sigs[i++ % 64]!));

  // soft-rsa (native RSA-2048/SHA-256).
  const rsaKey = generateRsaKey();
  const rsa = createSoftRsaProvider({ list: async () => [{ keyId: 'r', usage: ['sign'], spki: rsaKey.spki }], unlock: async () => new Map([['r', rsaKey.privateKey.slice()]]) });
  await rsa.login('x');
  const [rsaHandle] = await rsa.listKeys();
  const rsaSig = await rsa.sign(rsaHandle!, msg);
  const rsaSignPerSec = await rate(seconds, () => rsa.sign(rsaHandle!, msg));
  const rsaVerifyPerSec = await rate(seconds, () => rsa.verify(rsaHandle!.publicKey, msg, rsaSig));

  // Node's own OpenSSL SM3/SM4 (not available in Electron's BoringSSL), for reference only.
  const nodeSm3MiBps = throughput(seconds, data, (b) => crypto.createHash('sm3').update(b).digest());

  const openssl = measureOpenssl(seconds);
  const ratio = (ours: number, theirs: number | null) => (theirs ? Math.round((ours / theirs) * 1000) / 1000 : null);
  const r1 = (v: number) => Math.round(v * 10) / 10;
  const ratios = {
    sm2Sign: ratio(signPerSec, openssl.sm2SignPerSec),
    sm2VerifyPrecomputed: ratio(verifyPrecomputedPerSec, openssl.sm2VerifyPerSec),
    sm2VerifyPlain: ratio(verifyPlainPerSec, openssl.sm2VerifyPerSec),
    sm3: ratio(sm3MiBps, openssl.sm3MiBps),
    sm4Cbc: ratio(sm4CbcMiBps, openssl.sm4CbcMiBps),
    rsaSign: ratio(rsaSignPerSec, openssl.rsa2048SignPerSec),
    rsaVerify: ratio(rsaVerifyPerSec, openssl.rsa2048VerifyPerSec),
  };
  const targets = { sm2Sign: 0.75, sm2VerifyPrecomputed: 0.5, sm3: 0.4, sm4Cbc: 0.5 };
  const met = Object.fromEntries(Object.entries(targets).map(([k, t]) => [k, (ratios[k as keyof typeof ratios] ?? 0) >= t]));
  return {
    area: 'crypto',
    seconds,
    providers: {
      'soft-sm': { sm2SignPerSec: r1(signPerSec), sm2VerifyPerSec: r1(verifyPlainPerSec), sm2VerifyPrecomputedPerSec: r1(verifyPrecomputedPerSec), sm3MiBps: r1(sm3MiBps), sm4CbcMiBps: r1(sm4CbcMiBps) },
      'soft-rsa': { rsa2048SignPerSec: r1(rsaSignPerSec), rsa2048VerifyPerSec: r1(rsaVerifyPerSec) },
    },
    nodeNative: { sm3MiBps: r1(nodeSm3MiBps) },
    openssl,
    ratios,
    targets,
    met,
  };
}
