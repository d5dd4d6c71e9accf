import path from 'node:path';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { addUser, startSyncServer, tempDir, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { expect, test } from './fixtures';

// The profile's seed records reach the server only with their `create` events (protocol v2).

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');

test('数字证书登录 from 设置: a wrong PIN is refused and keeps the app offline, the right one syncs', async ({ browser }) => {
  // One demo PKI for the host's keys and the server's trust (what OA_DEMO_PKI_DIR is for).
  const pkiDir = tempDir('xietong-e2e-pki-');
  DemoPki.open(pkiDir);
  const serverDir = tempDir('xietong-e2e-cert-');
  // An administrator: a server that checks signed events takes the seed's unsigned system
  // imports (system:*) only from one, and every profile pushes the seed it imported.
  addUser(serverDir, 'dcs.lin', { name: '林督查', unit: '市政府督查室', role: 'admin' });
  let server: SyncServerProcess | null = null;
  let host: HostProcess | null = null;
  try {
    const p = pkiPaths(pkiDir);
    server = await startSyncServer({ dataDir: serverDir, args: ['--trust-ca', p.caCert, '--crl', p.crl] });
    host = await startHostProcess(tempDataDir('xietong-e2e-cert-host-'), [], { OA_DEMO_PKI_DIR: pkiDir });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${host.url}#/settings`);
    const status = page.getByTestId('connection-status');
    await expect(status).toHaveAttribute('data-state', 'disabled');

    await page.getByTestId('sync-cert-tab').click();
    // The certificate of the current identity (the 督查室, the profile's default) is the one used.
    await expect(page.getByTestId('sync-cert-holder')).toContainText('林督查(市政府督查室)');
    await page.getByTestId('sync-url').fill(server.wsUrl);
    await page.getByTestId('sync-pin').fill('000000');
    await page.getByTestId('sync-cert-login-button').click();
    await expect(page.getByTestId('sync-login-error')).toContainText('PIN 码错误');
    await expect(page.getByTestId('sync-pin')).toHaveValue('');
    await expect(status).toHaveAttribute('data-state', 'disabled');
    await page.getByTestId('sync-settings').screenshot({ path: path.join(shots, 'sync-cert-wrong-pin.png') });

    await page.getByTestId('sync-pin').fill('123456');
    await page.getByTestId('sync-cert-login-button').click();
    await expect(page.getByTestId('sync-server')).toHaveText(server.wsUrl);
    await expect(page.getByTestId('sync-settings')).toContainText('林督查(dcs.lin · 市政府督查室)');
    await expect(status).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await page.getByTestId('sync-settings').screenshot({ path: path.join(shots, 'sync-cert-online.png') });
  } finally {
    await host?.stop();
    await server?.stop();
  }
});
