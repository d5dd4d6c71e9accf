import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startHostProcess, tempDataDir } from '../helpers/host-process';
import { expect, test } from './fixtures';
import { fillDate, pickOption } from './ui';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
/**
 * Thursday 2022-09-29. The deadline 2022-10-10 is 4 working days away across 国庆 (09-30, the
 * 调休 Saturday and Sunday 10-08/10-09, then 10-10): green with the default 3, yellow with 4.
 */
const SEPT_29 = '2022-09-29T09:00:00+08:00';
const TITLE = '建立政务服务“好差评”整改回访机制';

/** The item's light in the 督办 list, found by its title. */
async function listLight(page: Page, url: string): Promise<Locator> {
  await page.goto(`${url}#/supervision?q=${encodeURIComponent('整改回访机制')}`);
  const row = page.getByTestId('supervision-table').locator('tr', { hasText: TITLE });
  await expect(row).toHaveCount(1);
  return row.getByTestId('light-tag');
}

const daysInput = (card: Locator) => card.getByRole('spinbutton', { name: '黄灯预警工作日数' });

async function saveWindow(page: Page, url: string, days: number): Promise<void> {
  await page.goto(`${url}#/settings`);
  const card = page.getByTestId('supervision-settings');
  await expect(card).toContainText('黄灯预警:截止前');
  const input = daysInput(card);
  await input.fill(String(days));
  await card.getByTestId('save-supervision-settings').click();
  await expect(page.getByText(`已保存:截止前 ${days} 个工作日亮黄灯`)).toBeVisible();
}

test('督办设置: the 黄灯 window set in 设置 recolours an item in the list; it is this installation’s own setting', async ({ page }) => {
  const host = await startHostProcess(tempDataDir('xietong-e2e-settings-'), ['--now', SEPT_29]);
  try {
    // 立项 as the 督查室 (the default identity) with a deadline 4 working days away.
    await page.goto(`${host.url}#/supervision`);
    await page.getByTestId('create-button').click();
    const create = page.locator('.ant-modal:visible');
    await create.getByLabel('事项').fill(TITLE);
    await fillDate(page, create.getByPlaceholder('不填表示无明确时限'), '2022-10-10');
    await create.getByRole('button', { name: '创建' }).click();
    await expect(page.getByText('督办事项已创建')).toBeVisible();

    await expect(await listLight(page, host.url)).toHaveAttribute('data-light', 'green');

    // 设置 → 督办设置: the default is 3; 4 working days turns the item yellow.
    await page.goto(`${host.url}#/settings`);
    const card = page.getByTestId('supervision-settings');
    await expect(daysInput(card)).toHaveValue('3');
    await expect(card).toContainText('调休上班日计入');
    await saveWindow(page, host.url, 4);
    await page.screenshot({ path: path.join(shots, 'supervision-settings.png'), fullPage: true });
    await expect(await listLight(page, host.url)).toHaveAttribute('data-light', 'yellow');
    await page.goto(`${host.url}#/supervision?light=yellow&q=${encodeURIComponent('整改回访机制')}`);
    await expect(page.getByTestId('supervision-table').locator('tr', { hasText: TITLE })).toHaveCount(1);

    // A unit's contact on the same machine sees the same value and may set it too: it is this
    // installation's view, not an office-wide rule.
    await page.goto(`${host.url}#/settings`);
    await pickOption(page, page.getByTestId('identity-select'), '张敏');
    await expect(page.getByTestId('current-identity')).toContainText('张敏');
    await expect(daysInput(card)).toBeEnabled();
    await expect(daysInput(card)).toHaveValue('4');

    // Back to 3: the item is green again.
    await saveWindow(page, host.url, 3);
    await expect(await listLight(page, host.url)).toHaveAttribute('data-light', 'green');
  } finally {
    await host.stop();
  }
});
