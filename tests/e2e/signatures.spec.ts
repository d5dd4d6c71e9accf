import { expect, test } from './fixtures';
import { pickOption } from './ui';

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

test('收文: a leader\'s 签发 carries the unit and role the certificate attests; a 科员 cannot 签发', async ({ page, host }) => {
  const switchTo = async (name: string) => {
    await page.goto(`${host.url}#/settings`);
    await pickOption(page, page.getByTestId('identity-select'), name);
    await expect(page.getByTestId('current-identity')).toContainText(name);
  };
  await switchTo('王副秘书长');
  await page.goto(`${host.url}#/documents`);
  await page.locator('a[href^="#/documents/"]').filter({ hasNotText: '发文' }).first().click();
  const panel = page.getByTestId('signature-panel');
  await expect(panel).toContainText('尚未签发或用印');
  // `by` is the current identity (市政府办公厅 / leader), which the demo certificate attests.
  await panel.getByTestId('sign-issue').click();
  await expect(panel.getByTestId('signature-status')).toHaveText(['签名有效']);
  await expect(panel).toContainText('王副秘书长');
  await expect(panel).toContainText('市政府办公厅');
  const record = page.url();
  await switchTo('张敏');
  await page.goto(record);
  await expect(page.getByTestId('signature-panel').getByTestId('signature-status')).toHaveText(['签名有效']);
  await expect(page.getByTestId('signature-panel').getByTestId('sign-issue')).toHaveCount(0);
  await expect(page.getByTestId('signature-panel').getByTestId('sign-seal')).toBeVisible();
});
