import path from 'node:path';

export const DEV_OFFICE_SERVER = { host: '127.0.0.1', port: 1234 };
export const DEV_OFFICE_URL = `ws://${DEV_OFFICE_SERVER.host}:${DEV_OFFICE_SERVER.port}`;

/**
 * Two offices of the seed, each acting as its logged-in account (password `demo`): the 督查室,
 * and the contact of a 牵头单位 of most of its items. Logins of the demo directory, so their
 * demo certificates attest the unit and 督办 role the server checks signed events against.
 */
export const devOfficeUsers = [
  { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', port: 5171, role: 'staff' },
  { login: 'gxj.chen', name: '陈志强', unit: '市工信局(大数据局)', port: 5172, role: 'staff' },
] as const;

/**
 * Pushes the seed once, as an administrator (unsigned `system:*` import events are taken from
 * administrators only); of the 督查室, so the 督查室 sees every item it imported.
 */
export const devOfficeSeeder = { login: 'xtadmin', name: '系统管理员', unit: '市政府督查室', role: 'admin' } as const;

export interface DevOfficePaths {
  serverDir: string;
  /** One demo PKI for every profile (OA_DEMO_PKI_DIR), whose CA the server trusts. */
  pkiDir: string;
}

export const devOfficePaths = (base: string): DevOfficePaths => ({ serverDir: path.join(base, 'sync-server'), pkiDir: path.join(base, 'pki') });

/**
 * The sync server's flags in dev:office: certificate login and signature checks on, trusting the
 * demo PKI's CA and CRL, and naming its public address (challenges name it; the app signs only
 * a challenge for the address it dialled).
 */
export function devOfficeServerArgs(paths: DevOfficePaths, pki: { caCert: string; crl: string }): string[] {
  return [
    '--port', String(DEV_OFFICE_SERVER.port),
    '--host', DEV_OFFICE_SERVER.host,
    '--data', paths.serverDir,
    '--trust-ca', pki.caCert,
    '--crl', pki.crl,
    '--public-url', DEV_OFFICE_URL,
  ];
}
