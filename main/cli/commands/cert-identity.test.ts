import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameValue } from '../../../core/crypto/x509/name';
import { parseCertificate } from '../../../core/crypto/x509/certificate';
import { Keystore } from '../../crypto/keystore';
import { runOa } from '../run';

function oa(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOa(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('oa cert issue --unit --role', () => {
  const data = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oa-cert-id-')), 'profile');
  const saved = process.env.OA_CA_PIN;
  beforeAll(() => {
    process.env.OA_CA_PIN = 'ca-pin-2468';
    expect(oa('ca', 'init', '--data', data, '--org', '某市人民政府办公室').code).toBe(0);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.OA_CA_PIN;
    else process.env.OA_CA_PIN = saved;
  });
  const certOf = (login: string) => parseCertificate(Keystore.forDataDir(data).list(login, 'SM2').find((k) => k.certificate)!.certificate!);

  it('issues a certificate attesting the unit (OU) and role (title)', () => {
    const r = oa('cert', 'issue', '--data', data, '--user', 'spj.zhang', '--pin', '135790', '--unit', '市审批管理局', '--role', 'unit_staff');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('OU=市审批管理局, title=unit_staff, CN=spj.zhang');
    expect(nameValue(certOf('spj.zhang').subject, 'OU')).toBe('市审批管理局');
    expect(nameValue(certOf('spj.zhang').subject, 'title')).toBe('unit_staff');
    // Re-certifying the existing key with another role needs no user PIN.
    expect(oa('cert', 'issue', '--data', data, '--user', 'spj.zhang', '--unit', '市审批管理局', '--role', 'leader').code).toBe(0);
    expect(nameValue(certOf('spj.zhang').subject, 'title')).toBe('leader');
  });

  it('an unknown role, or only one of --unit/--role, is a usage error and creates nothing', () => {
    const bad = oa('cert', 'issue', '--data', data, '--user', 'lisi', '--pin', '222222', '--unit', '市审批管理局', '--role', '局长');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--role 须为 supervisor、leader、unit_staff、office、liaison、petition_office、admin 之一');
    expect(oa('cert', 'issue', '--data', data, '--user', 'lisi', '--pin', '222222', '--unit', '市审批管理局').err).toContain('--role');
    expect(oa('cert', 'issue', '--data', data, '--user', 'lisi', '--pin', '222222', '--role', 'leader').err).toContain('--unit');
    expect(fs.existsSync(path.join(data, 'keys', 'lisi.json'))).toBe(false);
  });

  it('without --unit/--role the certificate names neither (usable for login, not for 督办 events)', () => {
    expect(oa('cert', 'issue', '--data', data, '--user', 'wangwu', '--pin', '333333').code).toBe(0);
    expect(nameValue(certOf('wangwu').subject, 'OU')).toBeUndefined();
  });
});
