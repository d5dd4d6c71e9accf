import path from 'node:path';
import { hashPassword } from '../../core/sync/password';
import { nodePasswordCrypto, withAccounts } from '../../main/sync/admin';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { expect, test } from './fixtures';

// The profile's seed records reach the server only with their `create` events (protocol v2).

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');

test('an expired login: the header says 登录已失效, 重新登录 opens the filled-in form, the password brings it back online', async ({ browser }) => {
  const serverDir = tempDir('xietong-e2e-relogin-');
  addUser(serverDir, 'li', { name: '李四', unit: '市工信局' });
  withAccounts(serverDir, (a) => a.putUser({ login: 'li', name: '李四', units: ['市工信局'], role: 'staff', passwordHash: hashPassword('demo', nodePasswordCrypto) }));
  let server: SyncServerProcess | null = null;
  let host: HostProcess | null = null;
  try {
    server = await startSyncServer({ dataDir: serverDir });
    // A token that expires a few seconds after it is issued: the server closes the connection
    // with 4401 (or refuses it, if the host connects later than that).
    host = await startHostProcess(tempDataDir('xietong-e2e-relogin-host-'), ['--sync-url', server.wsUrl, '--sync-token', tokenFor(serverDir, 'li', 3)]);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${host.url}#/workbench`);
    const status = page.getByTestId('connection-status');

    await expect(status).toHaveAttribute('data-needs-login', 'yes', { timeout: 60_000 });
    await expect(status).toContainText('登录已失效');
    await expect(status).not.toHaveAttribute('data-state', 'online');
    await page.locator('.xt-header').screenshot({ path: path.join(shots, 'sync-relogin-header.png') });

    await page.getByTestId('sync-relogin').click();
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(page.getByTestId('sync-relogin-notice')).toContainText('登录已失效,请重新登录');
    // The previous server and login name are filled in; the password field waits for the user.
    await expect(page.getByTestId('sync-url')).toHaveValue(server.wsUrl);
    await expect(page.getByTestId('sync-login')).toHaveValue('li');
    await expect(page.getByTestId('sync-password')).toBeFocused();
    await page.getByTestId('sync-settings').screenshot({ path: path.join(shots, 'sync-relogin-form.png') });

    await page.getByTestId('sync-password').fill('demo');
    await page.getByTestId('sync-login-button').click();
    await expect(status).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await expect(status).toContainText('在线');
    await expect(status).toHaveAttribute('data-needs-login', 'no');
    await expect(page.getByTestId('sync-relogin')).toHaveCount(0);
    await expect(page.getByTestId('sync-settings')).toContainText('李四(li · 市工信局)');
  } catch (err) {
    const tail = (text: string) => text.split('\n').slice(-40).join('\n');
    console.log(`--- sync server\n${tail(server?.output() ?? '')}\n--- host\n${tail(host?.output() ?? '')}`);
    throw err;
  } finally {
    await host?.stop();
    await server?.stop();
  }
});
