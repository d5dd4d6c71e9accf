import type { Page } from '@playwright/test';
import { answerPinManually, DEMO_PIN, expect, pinDialog, test } from './fixtures';
import { issueAndNumber, pickOption } from './ui';

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

  // 签发 is the 公文 workflow's own step (送审, then the leader), never a bare signature here; the
  // seal goes on the numbered final text, so 拟稿 offers neither.
  await expect(panel.getByTestId('sign-issue')).toHaveCount(0);
  await expect(panel.getByTestId('sign-seal')).toHaveCount(0);
  // The 督查室 signs and numbers its own 通报; signed but not yet numbered, no seal either.
  await issueAndNumber(page, () => expect(panel.getByTestId('sign-seal')).toHaveCount(0));

  // 用印: confirmed, then the PIN every time; cancelling applies nothing.
  await panel.getByTestId('sign-seal').click();
  await confirmDialog(page).getByRole('button', { name: /用\s*印/ }).click();
  await expect(pinDialog(page)).toBeVisible();
  await page.locator('.ant-modal').filter({ has: pinDialog(page) }).getByRole('button', { name: /取\s*消/ }).click();
  await expect(panel.getByTestId('signature-status')).toHaveCount(0);
  await panel.getByTestId('sign-seal').click();
  await confirmDialog(page).getByRole('button', { name: /用\s*印/ }).click();
  await page.getByTestId('pin-input').fill(DEMO_PIN);
  await page.getByTestId('pin-input').press('Enter');
  await expect(panel.getByTestId('signature-status')).toHaveText(['签名有效']);
  await expect(panel).toContainText('市政府督查室');
  // Sealed by its one 发文机关: the workflow moves on and the seal is not offered again.
  await expect(page.getByTestId('document-phase')).toHaveText('待分发');
  await expect(panel.getByTestId('sign-seal')).toHaveCount(0);
  // The 正文, read-only from 签发 on, opened again at each step: nothing to save, so no 正文保存失败.
  await expect(page.getByTestId('body-editor')).toBeVisible();
  await expect(page.getByText('正文保存失败')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('signature-panel').getByTestId('signature-status')).toHaveText(['签名有效']);
});

test('发文: the leader 签发 in the 公文 workflow, signed as the unit and role the certificate attests; a 科员 of another unit cannot', async ({ page, host }) => {
  const switchTo = async (name: string) => {
    await page.goto(`${host.url}#/settings`);
    await pickOption(page, page.getByTestId('identity-select'), name);
    await expect(page.getByTestId('current-identity')).toContainText(name);
  };
  const ok = () => page.locator('.ant-modal:visible').getByRole('button', { name: /确\s*定/ }).click();
  await switchTo('王副秘书长');
  await draftBriefing(page, host.url);
  const flow = page.getByTestId('document-workflow');
  // The leader drafted it: 送审 with no 核稿人 goes straight to 签发, which the leader signs.
  await flow.getByTestId('step-submit').click();
  await ok();
  await expect(page.getByTestId('document-phase')).toHaveText('待签发');
  const record = page.url();
  await switchTo('张敏');
  await page.goto(record);
  await expect(page.getByTestId('document-workflow').getByTestId('step-issue')).toHaveCount(0);
  await expect(page.getByTestId('signature-panel').getByTestId('sign-issue')).toHaveCount(0);
  await switchTo('王副秘书长');
  await page.goto(record);
  await page.getByTestId('document-workflow').getByTestId('step-issue').click();
  await page.locator('.ant-modal:visible').getByTestId('step-opinion').fill('同意印发');
  await ok();
  await expect(page.getByTestId('document-phase')).toHaveText('已签发');
  await expect(page.getByTestId('document-opinions')).toContainText('王副秘书长');
  await expect(page.getByTestId('document-opinions')).toContainText('同意印发');
});
