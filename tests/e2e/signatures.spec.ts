import { expect, test } from './fixtures';

test('收文: 签发 and 用印 show as 签名有效 in the 签发与用印 panel', async ({ page, host }) => {
  await page.goto(`${host.url}#/documents`);
  const firstIncoming = page.locator('a[href^="#/documents/"]').filter({ hasNotText: '发文' }).first();
  await firstIncoming.click();
  const panel = page.getByTestId('signature-panel');
  await expect(panel).toContainText('尚未签发或用印');
  // The fresh profile's identity is the 督查室: it may 签发 and 用印 with its unit's seal.
  await panel.getByTestId('sign-issue').click();
  await expect(panel.getByTestId('signature-status').first()).toHaveText('签名有效');
  await panel.getByTestId('sign-seal').click();
  await expect(panel.getByTestId('signature-status')).toHaveText(['签名有效', '签名有效']);
  await expect(panel).toContainText('市政府督查室');
  await page.reload();
  await expect(page.getByTestId('signature-panel').getByTestId('signature-status')).toHaveText(['签名有效', '签名有效']);
});
