import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('oa ca / cert / seal', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oa-pki-'));
  const data = path.join(dir, 'profile');
  const f = (name: string) => path.join(dir, name);
  /** The seal file the seal test exported, checked with openssl at the end. */
  const sealFiles: string[] = [];
  const saved = process.env.OA_CA_PIN;
  beforeAll(() => {
    process.env.OA_CA_PIN = 'ca-pin-2468';
    fs.writeFileSync(f('seal.png'), PNG);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.OA_CA_PIN;
    else process.env.OA_CA_PIN = saved;
  });

  it('ca init creates the CA, the seal maker and an empty CRL; a second init is refused', () => {
    const r = oa('ca', 'init', '--data', data, '--org', '某市人民政府办公室');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/某市人民政府办公室 协同办公 CA/);
    for (const file of ['pki/ca.pem', 'pki/crl.pem', 'pki/seal-maker.pem', 'pki/keys/ca.json', 'pki/keys/seal-maker.json']) expect(fs.existsSync(path.join(data, file))).toBe(true);
    expect(fs.readFileSync(path.join(data, 'pki/keys/ca.json'), 'utf8')).not.toContain('ca-pin-2468');
    expect(oa('ca', 'init', '--data', data).code).toBe(1);
    expect(oa('ca', 'init').code).toBe(2);
  });

  it('cert issue creates the user key under the PIN; verify passes; a wrong CA PIN is WRONG_PIN', () => {
    const r = oa('cert', 'issue', '--data', data, '--user', 'zhangsan', '--pin', '135790');
    expect(r.code, r.err).toBe(0);
    expect(fs.existsSync(path.join(data, 'keys', 'zhangsan.json'))).toBe(true);
    expect(oa('cert', 'verify', '--data', data, '--user', 'zhangsan').code).toBe(0);
    const wrong = oa('cert', 'issue', '--data', data, '--user', 'lisi', '--pin', '111111', '--ca-pin', 'not-the-pin');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/\[WRONG_PIN\]/);
    expect(oa('cert', 'issue', '--data', data, '--user', 'nopin').err).toMatch(/PIN/);
  });

  it('an expired certificate gives CERT_EXPIRED', () => {
    expect(oa('cert', 'issue', '--data', data, '--user', 'lisi', '--pin', '222222', '--days', '1').code).toBe(0);
    expect(oa('cert', 'verify', '--data', data, '--user', 'lisi').code).toBe(0);
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const r = oa('cert', 'verify', '--data', data, '--user', 'lisi', '--at', later);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\[CERT_EXPIRED\]/);
  });

  it('seal create / apply / verify; changing one character afterwards fails verification', () => {
    const created = oa('seal', 'create', '--data', data, '--unit', '某市人民政府办公室', '--image', f('seal.png'), '--user', 'zhangsan');
    expect(created.code, created.err).toBe(0);
    const sealFile = /:(\/.+\.seal)$/.exec(created.out)![1]!;
    fs.writeFileSync(f('doc.txt'), '关于开展数字政府建设专项督查的通知\n请各单位于6月30日前报送。');
    const applied = oa('seal', 'apply', '--data', data, '--seal', sealFile, '--user', 'zhangsan', '--pin', '135790', '--in', f('doc.txt'), '--out', f('doc.sig'), '--property', 'record:doc-1');
    expect(applied.code, applied.err).toBe(0);
    const ok = oa('seal', 'verify', '--data', data, '--in', f('doc.txt'), '--sig', f('doc.sig'));
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/签章有效:某市人民政府办公室.*用章人 zhangsan/);
    fs.writeFileSync(f('doc2.txt'), fs.readFileSync(f('doc.txt'), 'utf8').replace('6月30日', '7月30日'));
    const changed = oa('seal', 'verify', '--data', data, '--in', f('doc2.txt'), '--sig', f('doc.sig'));
    expect(changed.code).toBe(1);
    expect(changed.out).toMatch(/DATA_CHANGED/);
    // lisi holds a certificate but is not a holder of this seal.
    const notHolder = oa('seal', 'apply', '--data', data, '--seal', sealFile, '--user', 'lisi', '--pin', '222222', '--in', f('doc.txt'), '--out', f('lisi.sig'));
    expect(notHolder.code).toBe(0);
    expect(oa('seal', 'verify', '--data', data, '--in', f('doc.txt'), '--sig', f('lisi.sig')).out).toMatch(/SIGNER_NOT_HOLDER/);
    const wrongPin = oa('seal', 'apply', '--data', data, '--seal', sealFile, '--user', 'zhangsan', '--pin', '000000', '--in', f('doc.txt'), '--out', f('x.sig'));
    expect(wrongPin.err).toMatch(/\[WRONG_PIN\]/);
    sealFiles.push(sealFile);
  });

  it('cert revoke publishes a CRL; the revoked certificate gives CERT_REVOKED', async () => {
    // Signing and revocation times are whole seconds in the DER, and a signature made in the very
    // second of its certificate's revocation counts as revoked. The seal below was applied by the
    // previous test, so revoke from the next second on to keep "applied before" unambiguous.
    await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    const r = oa('cert', 'revoke', '--data', data, '--user', 'zhangsan');
    expect(r.code, r.err).toBe(0);
    const v = oa('cert', 'verify', '--data', data, '--user', 'zhangsan', '--at', new Date(Date.now() + 60_000).toISOString());
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/\[CERT_REVOKED\]/);
    expect(oa('cert', 'verify', '--data', data, '--user', 'lisi').code).toBe(0);
    expect(oa('cert', 'revoke', '--data', data, '--user', 'zhangsan').code).toBe(1); // nothing left to revoke
    // A seal applied before the revocation is judged at its signing time (see README: time stamps).
    expect(oa('seal', 'verify', '--data', data, '--in', f('doc.txt'), '--sig', f('doc.sig')).code).toBe(0);
  });

  it.skipIf(!hasOpenssl)('the exported seal and signature are plain DER, and the CRL lists the revocation, for openssl too', () => {
    expect(sealFiles).toHaveLength(1);
    for (const file of [...sealFiles, f('doc.sig')]) expect(opensslSync(['asn1parse', '-inform', 'DER', '-in', file]).status).toBe(0);
    expect(opensslSync(['crl', '-in', path.join(data, 'pki/crl.pem'), '-noout', '-text']).stdout.toString()).toMatch(/Revoked Certificates:/);
  });
});
