import path from 'node:path';

/** The demo PIN of the demo PKI (main/crypto/demo-pki.ts); users' passwords in dev:office are `demo`. */
export const DEV_OFFICE_UNIT = '市工信局';
export const DEV_OFFICE_SERVER = { host: '127.0.0.1', port: 1234 };
export const DEV_OFFICE_URL = `ws://${DEV_OFFICE_SERVER.host}:${DEV_OFFICE_SERVER.port}`;

export const devOfficeUsers = [
  { login: 'zhang', name: '张三', port: 5171, role: 'staff' },
  { login: 'li', name: '李四', port: 5172, role: 'staff' },
] as const;

/** Pushes the seed once, as an administrator (unsigned `system:*` import events are taken from administrators only). */
export const devOfficeSeeder = { login: 'xtadmin', name: '系统管理员', role: 'admin' } as const;

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
