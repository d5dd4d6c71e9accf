import path from 'node:path';
import { expect, test } from './fixtures';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');

test('a civil servant finds the 39 work points, filters by lead unit, edits a progress note that survives reload', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('menuitem', { name: '督查督办' }).click();
  await expect(page.getByTestId('supervision-total')).toContainText('共 39 项');

  await page.getByTestId('filter-lead').click();
  await page.keyboard.type('市审批管理局');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="市审批管理局"]').click();
  await expect(page.getByTestId('supervision-total')).toContainText('共 4 项');
  await page.screenshot({ path: path.join(shots, 'supervision-list.png'), fullPage: true });

  const first = page.getByTestId('supervision-table').getByRole('link', { name: '建设全市统一的政务服务管理平台' });
  await first.click();
  await expect(page.getByTestId('detail-title')).toHaveText('建设全市统一的政务服务管理平台');
  await expect(page.getByText('市审批管理局').first()).toBeVisible();

  const note = '已完成省网上办事大厅对接,闽政通接口联调中。';
  const editButton = page.getByTestId('edit-button');
  if (await editButton.count()) await editButton.click();
  await page.getByTestId('edit-progress-note').fill(note);
  await page.getByTestId('save-button').click();
  await expect(page.getByText('保存成功')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('progress-note')).toContainText(note);
  await page.screenshot({ path: path.join(shots, 'supervision-detail.png'), fullPage: true });
});

test('navigation shows every area, and each opens its page', async ({ page, host }) => {
  await page.goto(host.url);
  for (const name of ['工作台', '公文', '督查督办', '提案建议', '信访投诉', '通讯录', '设置']) {
    await expect(page.getByRole('menuitem', { name })).toBeVisible();
  }
  // Every area is built now: 提案建议 opens its list (批量登记), 信访投诉 its masked list.
  await page.getByRole('menuitem', { name: '提案建议' }).click();
  await expect(page.getByText('批量登记').first()).toBeVisible();
  await page.getByRole('menuitem', { name: '信访投诉' }).click();
  await expect(page).toHaveURL(/#\/petitions/);
  await page.getByRole('menuitem', { name: '公文' }).click();
  await expect(page.getByText('厦府办〔2022〕47号').first()).toBeVisible();
  await expect(page.getByTestId('connection-status')).toBeVisible();
});

test('full-text search finds two-character words and shows highlighted snippets', async ({ page, host }) => {
  await page.goto(host.url);
  const search = page.getByPlaceholder(/搜索/).first();
  await search.fill('督办');
  await search.press('Enter');
  await expect(page.locator('mark', { hasText: '督办' }).first()).toBeVisible();
});
