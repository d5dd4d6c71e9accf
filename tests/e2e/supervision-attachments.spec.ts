import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { actAs, dialog } from './ui';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
test('进展反馈 carries a real file: uploaded by the unit, downloaded back from the history with the same bytes', async ({ page, host }) => {
  // 立项 and 交办 as the 督查室 (the default identity).
  await page.goto(`${host.url}#/supervision`);
  await page.getByTestId('create-button').click();
  const create = dialog(page);
  await create.getByLabel('事项').fill('推进政务服务事项“掌上办”');
  const lead = create.locator('.ant-form-item', { hasText: '牵头单位' }).locator('input');
  await lead.fill('市审批管理局');
  await lead.press('Enter');
  await create.getByLabel('事项').click(); // closes the unit dropdown
  await create.getByRole('button', { name: '创建' }).click();
  await expect(page.getByTestId('detail-title')).toHaveText('推进政务服务事项“掌上办”');
  const detailUrl = page.url();
  await page.getByTestId('action-assign').click();
  await dialog(page).getByRole('button', { name: '确认交办' }).click();
  await expect(page.getByTestId('assignment-table')).toContainText('市审批管理局');

  // 市审批管理局 reports with a file whose name is Chinese and whose bytes are not all text.
  await actAs(page, '张敏', detailUrl);
  const name = '掌上办进展说明(第一期).docx';
  const bytes = Buffer.concat([Buffer.from('第一期:已上线事项 120 项。\n', 'utf8'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))]);
  await page.getByTestId('action-report').click();
  const report = dialog(page);
  await report.getByTestId('report-text').fill('首批120个事项实现“掌上办”,详见附件。');
  await report.getByTestId('report-percent').fill('50');
  // While the file is still on its way to the service (sent in chunks, then checked for this item), 报送 cannot be clicked.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/rpc', async (route) => {
    if (route.request().postData()?.includes('"supervision.attachFile"')) await held;
    await route.continue();
  });
  await report.getByTestId('attachment-upload').locator('input[type=file]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: bytes });
  await expect(report.getByTestId('attachment-uploading')).toHaveText('附件正在上传,请稍候');
  await expect(report.getByRole('button', { name: '报送' })).toBeDisabled();
  release();
  await expect(report.getByTestId('attachment-item')).toContainText(name);
  await expect(report.getByRole('button', { name: '报送' })).toBeEnabled();
  await page.unroute('**/rpc');
  await expect(report.getByTestId('attachment-item')).toContainText('4 KB');
  // A file chosen by mistake can be removed before 报送; it is then not part of the report.
  await report.getByTestId('attachment-upload').locator('input[type=file]').setInputFiles({ name: '误选的文件.txt', mimeType: 'text/plain', buffer: Buffer.from('误选') });
  await expect(report.getByTestId('attachment-item')).toHaveCount(2);
  await report.getByTestId('attachment-item').filter({ hasText: '误选的文件.txt' }).getByTestId('attachment-remove').click();
  await expect(report.getByTestId('attachment-item')).toHaveCount(1);
  // Over the limit (200 MB by default): said plainly before any byte is sent, nothing added. The
  // file is made inside the page, so the test does not push 200 MB through Playwright.
  await report
    .getByTestId('attachment-upload')
    .locator('input[type=file]')
    .evaluate((input: HTMLInputElement) => {
      const files = new DataTransfer();
      files.items.add(new File([new Uint8Array(200 * 1024 * 1024 + 1)], '扫描件.pdf', { type: 'application/pdf' }));
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
  await expect(report.getByTestId('attachment-error')).toContainText('单个附件不能超过 200.0 MB');
  await expect(report.getByTestId('attachment-item')).toHaveCount(1);
  await report.screenshot({ path: path.join(shots, 'supervision-report-attachment.png') });
  await report.getByRole('button', { name: '报送' }).click();
  await expect(page.getByTestId('report-entry').first()).toContainText('首批120个事项');
  await expect(page.getByTestId('report-entry').first().getByTestId('attachment-link')).toHaveText(new RegExp(name.replace(/[()]/g, '\\$&')));
  await expect(page.getByTestId('report-entry').first().getByTestId('attachment-link')).toHaveCount(1);

  // Another identity (the 督查室) downloads it from the history.
  await actAs(page, '林督查', detailUrl);
  const entry = page.locator('[data-testid="history-entry"][data-type="report"]');
  await expect(entry.getByTestId('attachment-link')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), entry.getByTestId('attachment-link').click()]);
  expect(download.suggestedFilename()).toBe(name);
  const saved = await download.path();
  expect(fs.readFileSync(saved).equals(bytes)).toBe(true);
  await page.screenshot({ path: path.join(shots, 'supervision-attachments.png'), fullPage: true });
});
