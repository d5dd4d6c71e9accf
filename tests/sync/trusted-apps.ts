import { afterAll, beforeAll } from 'vitest';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { SyncStatusView } from '../../core/ipc/sync';
import { openApp, type OpenedApp } from '../../main/app/open-app';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { appCall } from '../helpers/pin-dispatch';
import { untilValue } from './helpers';

/**
 * For a describe block: the demo PKI in a fresh directory (every profile shares it through
 * OA_DEMO_PKI_DIR), a real sync server that checks signatures and seals against it (--trust-ca,
 * --crl), and one app profile per demo login, each syncing with that server. Stopped and the
 * environment restored after the block.
 */
export function trustedServerApps(name: string, logins: string[]): Map<string, OpenedApp> {
  const apps = new Map<string, OpenedApp>();
  let server: SyncServerProcess | null = null;
  const savedPki = process.env.OA_DEMO_PKI_DIR;
  beforeAll(async () => {
    const pkiDir = tempDir('xietong-pki-');
    process.env.OA_DEMO_PKI_DIR = pkiDir;
    DemoPki.open(pkiDir);
    const dir = tempDir(`xietong-${name}-`);
    for (const login of logins) {
      const person = DEMO_USERS.find((u) => u.login === login);
      if (!person) throw new Error(`not a demo login: ${login}`);
      addUser(dir, login, { name: person.name, unit: person.unit });
    }
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir: dir, args: ['--trust-ca', p.caCert, '--crl', p.crl], areas: 'app' });
    for (const login of logins) {
      apps.set(login, openApp({ dataDir: tempDir(`xietong-${name}-${login}-`), shell: 'web', autoSeed: false, sync: { connect: { url: server.wsUrl, token: tokenFor(dir, login) }, engine: { backoffBaseMs: 50, backoffMaxMs: 400 } } }));
    }
  });
  afterAll(async () => {
    for (const a of apps.values()) a.close();
    await server?.stop('SIGKILL');
    if (savedPki === undefined) delete process.env.OA_DEMO_PKI_DIR;
    else process.env.OA_DEMO_PKI_DIR = savedPki;
  });
  return apps;
}

/** Until `app` is online with nothing pending and has synced at least once. */
export const idle = (app: OpenedApp) =>
  untilValue(async () => {
    const s = await appCall<SyncStatusView>(app, 'sync.status', {});
    return s.state === 'online' && s.pending === 0 && s.lastSyncAt !== null;
  }, 'synced');
