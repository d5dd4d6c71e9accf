import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { opensslSync } from '../../crypto/testing/openssl';
import { requireTool } from '../../testing/require-tool';
import { runOa } from '../run';

const hasOpenssl = requireTool('openssl');

function oa(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOa(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe.skipIf(!hasOpenssl)('oa crypto (byte-compatible with openssl)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oa-crypto-'));
  const f = (name: string) => path.join(dir, name);
  fs.writeFileSync(f('msg.txt'), '关于葛\u{E0100}洪同志任职的通知\n\u{F0000} 附件一');

  it('keygen writes a key openssl reads; pub matches openssl -pubout', () => {
    expect(oa('crypto', 'keygen', '--out', f('key.pem')).code).toBe(0);
    expect(opensslSync(['pkey', '-in', f('key.pem'), '-text', '-noout']).stdout.toString()).toMatch(/ASN1 OID: SM2/);
    expect(oa('crypto', 'pub', '--in', f('key.pem'), '--out', f('pub.pem')).code).toBe(0);
    expect(fs.readFileSync(f('pub.pem'), 'utf8')).toBe(opensslSync(['pkey', '-in', f('key.pem'), '-pubout']).stdout.toString());
  });

  it('sm3 prints lowercase hex equal to openssl dgst -sm3', () => {
    const r = oa('crypto', 'sm3', f('msg.txt'));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[0-9a-f]{64}$/);
    expect(opensslSync(['dgst', '-sm3', '-r', f('msg.txt')]).stdout.toString().split(' ')[0]).toBe(r.out);
  });

  it('sign → openssl verifies; openssl signs → verify exits 0; tampering, another ID or key → 1; usage → 2', () => {
    expect(oa('crypto', 'sign', '--key', f('key.pem'), '--in', f('msg.txt'), '--out', f('msg.sig')).code).toBe(0);
    const v = opensslSync(['pkeyutl', '-verify', '-pubin', '-inkey', f('pub.pem'), '-rawin', '-in', f('msg.txt'), '-sigfile', f('msg.sig'), '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678']);
    expect(v.stdout.toString()).toMatch(/Signature Verified Successfully/);

    expect(opensslSync(['genpkey', '-algorithm', 'sm2', '-out', f('okey.pem')]).status).toBe(0);
    expect(opensslSync(['pkey', '-in', f('okey.pem'), '-pubout', '-out', f('opub.pem')]).status).toBe(0);
    const s = opensslSync(['pkeyutl', '-sign', '-inkey', f('okey.pem'), '-rawin', '-in', f('msg.txt'), '-out', f('o.sig'), '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678']);
    expect(s.status).toBe(0);
    expect(oa('crypto', 'verify', '--pub', f('opub.pem'), '--in', f('msg.txt'), '--sig', f('o.sig')).code).toBe(0);
    expect(oa('crypto', 'verify', '--pub', f('opub.pem'), '--in', f('msg.txt'), '--sig', f('o.sig'), '--id', 'ALICE123@YAHOO.COM').code).toBe(1);
    expect(oa('crypto', 'verify', '--pub', f('pub.pem'), '--in', f('msg.txt'), '--sig', f('o.sig')).code).toBe(1);
    fs.writeFileSync(f('msg2.txt'), fs.readFileSync(f('msg.txt'), 'utf8').replace('附件一', '附件二'));
    expect(oa('crypto', 'verify', '--pub', f('opub.pem'), '--in', f('msg2.txt'), '--sig', f('o.sig')).code).toBe(1);
    fs.writeFileSync(f('junk.pem'), 'not a key');
    expect(oa('crypto', 'verify', '--pub', f('junk.pem'), '--in', f('msg.txt'), '--sig', f('o.sig')).code).toBe(1);
    expect(oa('crypto', 'verify', '--pub', f('opub.pem'), '--in', f('msg.txt')).code).toBe(2);
    expect(oa('crypto', 'verify', '--pub', f('opub.pem'), '--in', f('missing.txt'), '--sig', f('o.sig')).code).toBe(2);
    expect(oa('crypto', 'frobnicate').code).toBe(2);

    // With an explicit ID, both sides agree too (our key, openssl's verifier).
    expect(oa('crypto', 'sign', '--key', f('okey.pem'), '--in', f('msg.txt'), '--out', f('id.sig'), '--id', 'zhangsan@example.gov.cn').code).toBe(0);
    const vid = opensslSync(['pkeyutl', '-verify', '-pubin', '-inkey', f('opub.pem'), '-rawin', '-in', f('msg.txt'), '-sigfile', f('id.sig'), '-digest', 'sm3', '-pkeyopt', 'distid:zhangsan@example.gov.cn']);
    expect(vid.stdout.toString()).toMatch(/Signature Verified Successfully/);
  });

  it('sm4 enc/dec is byte-compatible with openssl enc -sm4-cbc', () => {
    const key = '0123456789abcdeffedcba9876543210';
    const iv = '00112233445566778899aabbccddeeff';
    for (const size of [0, 1, 15, 16, 17, 1000]) {
      fs.writeFileSync(f('plain'), Buffer.alloc(size, 0x61));
      expect(oa('crypto', 'sm4', 'enc', '--key', key, '--iv', iv, '--in', f('plain'), '--out', f('ours.enc')).code).toBe(0);
      const theirs = execFileSync('openssl', ['enc', '-sm4-cbc', '-K', key, '-iv', iv, '-in', f('plain')]);
      expect(fs.readFileSync(f('ours.enc')).equals(theirs)).toBe(true);
      fs.writeFileSync(f('theirs.enc'), theirs);
      expect(oa('crypto', 'sm4', 'dec', '--key', key, '--iv', iv, '--in', f('theirs.enc'), '--out', f('back')).code).toBe(0);
      expect(fs.readFileSync(f('back')).equals(fs.readFileSync(f('plain')))).toBe(true);
    }
    expect(oa('crypto', 'sm4', 'enc', '--key', 'abcd', '--iv', iv, '--in', f('plain'), '--out', f('x')).code).toBe(2);
    const wrong = oa('crypto', 'sm4', 'dec', '--key', key.replace('0', '1'), '--iv', iv, '--in', f('theirs.enc'), '--out', f('x'));
    expect(wrong.code).toBe(1);
  });
});
