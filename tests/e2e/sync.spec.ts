import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inOffice } from './office';
import { rpc } from './ui';

// The profile's seed records reach the server only with their `create` events (protocol v2).

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');

const status = (page: Page) => page.getByTestId('connection-status');

test('two colleagues on two machines: one logs in from 设置, an edit on one shows on the other', async ({ browser }) => {
  // A logged-in profile acts as its account, and only the 督查室 or an administrator edits an
  // item's fields: 林督查 on one machine (connected at start, as npm run dev:office does), 李四 (an
  // administrator) on the other, with no server yet.
  await inOffice(browser, { name: 'sync', liUnit: '市工信局', liConnected: false }, async ({ server, lin: { host: hostA, page: pageA }, li: { host: hostB, page: pageB } }) => {
    // 李四 works offline until he logs in from 设置 → 数据同步.
    await pageB.goto(`${hostB.url}#/settings`);
    await expect(status(pageB)).toHaveAttribute('data-state', 'disabled');
    await expect(status(pageB)).toContainText('未配置同步');
    await pageB.getByTestId('sync-url').fill(server.wsUrl);
    await pageB.getByTestId('sync-login').fill('li');
    await pageB.getByTestId('sync-password').fill('demo');
    await pageB.getByTestId('sync-login-button').click();
    await expect(pageB.getByTestId('sync-server')).toHaveText(server.wsUrl);
    await expect(pageB.getByTestId('sync-settings')).toContainText('李四');
    await expect(status(pageB)).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await pageB.screenshot({ path: path.join(shots, 'sync-settings.png'), fullPage: true });

    // Both open the same 督办 item.
    const item = (await rpc<{ rows: Array<{ id: string; title: string }> }>(hostA, 'supervision.list', { limit: 1 })).rows[0]!;
    await pageA.goto(`${hostA.url}#/supervision/${item.id}`);
    await pageB.goto(`${hostB.url}#/supervision/${item.id}`);
    await expect(pageA.getByTestId('detail-title')).toHaveText(item.title);
    await expect(pageB.getByTestId('detail-title')).toHaveText(item.title);
    await expect(status(pageA)).toHaveAttribute('data-state', 'online', { timeout: 60_000 });

    // 林督查 writes the progress note; 李四's page shows it without reloading.
    const note = '林督查:已与省网上办事大厅完成对接联调。';
    await pageA.getByTestId('edit-button').click();
    await pageA.getByTestId('edit-progress-note').fill(note);
    await pageA.getByTestId('save-button').click();
    await expect(pageA.getByTestId('progress-note')).toContainText(note);
    await expect(pageB.getByTestId('progress-note')).toContainText(note, { timeout: 60_000 });

    // And back: 李四 answers, 林督查 sees it.
    const reply = `${note}\n李四:收到,本周内完成测试。`;
    await pageB.getByTestId('edit-button').click();
    await pageB.getByTestId('edit-progress-note').fill(reply);
    await pageB.getByTestId('save-button').click();
    await expect(pageA.getByTestId('progress-note')).toContainText('李四:收到', { timeout: 60_000 });

    await expect(status(pageA)).toHaveAttribute('data-pending', '0', { timeout: 60_000 });
    await expect(status(pageA)).toContainText('在线');
    await status(pageA).screenshot({ path: path.join(shots, 'sync-status-online.png') });
    await pageA.screenshot({ path: path.join(shots, 'sync-two-machines.png'), fullPage: true });

    // The server goes away: the header says 离线, edits wait as pending.
    await server.stop('SIGTERM');
    await expect(status(pageA)).not.toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await pageA.getByTestId('edit-button').click();
    await pageA.getByTestId('edit-progress-note').fill(`${reply}\n林督查:离线补充。`);
    await pageA.getByTestId('save-button').click();
    await expect(status(pageA)).toHaveAttribute('data-pending', '1');
    await expect(status(pageA)).toContainText('待同步 1 条');
    await status(pageA).screenshot({ path: path.join(shots, 'sync-status-offline.png') });
  });
});
