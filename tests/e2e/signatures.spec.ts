import type { Page } from '@playwright/test';
import { answerPinManually, DEMO_PIN, expect, pinDialog, test } from './fixtures';
import { pickOption } from './ui';

/** 签发 and 用印 belong to 发文 (issue 10, point 8): a generated 通报 is the 公文 signed here. */
async function draftBriefing(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/dashboard`);
  await page.getByTestId('briefing-generate').click();
  await expect(page).toHaveURL(/#\/documents\/outgoing\//);
  await expect(page.getByTestId('signature-panel')).toContainText('尚未签发或用印');
}

const confirmDialog = (page: Page) => page.locator('.ant-modal-confirm');

test('收文 offers no 签发 or 用印; on 发文 each asks for confirmation, the signature for the PIN once, the seal every time', async ({ page, host }) => {
  await page.goto(`${host.url}#/documents`);
  await page.locator('a[href^="#/documents/"]').filter({ hasNotText: '发文' }).first().click();
  await expect(page.getByText('厦府办〔2022〕47号').first()).toBeVisible();
  await expect(page.getByTestId('signature-panel')).toHaveCount(0);

  // This test answers the PIN dialog itself.
  await answerPinManually(page);
  // The 督查室 drafts the 通报: its own signed event already asks for the PIN (once this session).
  await page.goto(`${host.url}#/dashboard`);
  await page.getByTestId('briefing-generate').click();
  await expect(pinDialog(page)).toBeVisible();
  await page.getByTestId('pin-input').fill('000000');
  await page.getByTestId('pin-input').press('Enter');
  await expect(pinDialog(page)).toContainText('PIN码错误');
  await page.getByTestId('pin-input').fill(DEMO_PIN);
  await page.getByTestId('pin-input').press('Enter');
  await expect(page).toHaveURL(/#\/documents\/outgoing\//);
  const panel = page.getByTestId('signature-panel');
  await expect(panel).toContainText('尚未签发或用印');

  // 签发: confirmed, and no second PIN in this session.
  await panel.getByTestId('sign-issue').click();
  await expect(confirmDialog(page)).toContainText('确认签发当前版本');
  await confirmDialog(page).getByRole('button', { name: /签\s*发/ }).click();
  await expect(panel.getByTestId('signature-status').first()).toHaveText('签名有效');
  await expect(pinDialog(page)).toHaveCount(0);

  // 用印: confirmed, then the PIN every time; cancelling applies nothing.
  await panel.getByTestId('sign-seal').click();
  await confirmDialog(page).getByRole('button', { name: /用\s*印/ }).click();
  await expect(pinDialog(page)).toBeVisible();
  await page.locator('.ant-modal').filter({ has: pinDialog(page) }).getByRole('button', { name: /取\s*消/ }).click();
  await expect(panel.getByTestId('signature-status')).toHaveText(['签名有效']);
  await panel.getByTestId('sign-seal').click();
  await confirmDialog(page).getByRole('button', { name: /用\s*印/ }).click();
  await page.getByTestId('pin-input').fill(DEMO_PIN);
  await page.getByTestId('pin-input').press('Enter');
  await expect(panel.getByTestId('signature-status')).toHaveText(['签名有效', '签名有效']);
  await expect(panel).toContainText('市政府督查室');
  await page.reload();
  await expect(page.getByTestId('signature-panel').getByTestId('signature-status')).toHaveText(['签名有效', '签名有效']);
});

test('发文: a leader\'s 签发 carries the unit and role the certificate attests; a 科员 cannot 签发', async ({ page, host }) => {
  const switchTo = async (name: string) => {
    await page.goto(`${host.url}#/settings`);
    await pickOption(page, page.getByTestId('identity-select'), name);
    await expect(page.getByTestId('current-identity')).toContainText(name);
  };
  await switchTo('王副秘书长');
  await draftBriefing(page, host.url);
  const panel = page.getByTestId('signature-panel');
  // `by` is the current identity (市政府办公厅 / leader), which the demo certificate attests.
  await panel.getByTestId('sign-issue').click();
  await confirmDialog(page).getByRole('button', { name: /签\s*发/ }).click();
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
