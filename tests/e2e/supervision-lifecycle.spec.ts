import path from 'node:path';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { expect, test } from './fixtures';
import { actAs, dialog, fillDate } from './ui';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
const JUNE_20 = '2022-06-20T09:00:00+08:00';
/** After the 2022-06-30 deadline: 07-01, 07-04 and 07-05 are three working days past it. */
const JULY_5 = '2022-07-05T09:00:00+08:00';

test('督办 lifecycle: 交办, 签收 and 进展反馈, overdue turns red, 催办, 延期 approved, 办结审核, 销号', async ({ page }) => {
  const dir = tempDataDir('xietong-e2e-lifecycle-');
  let host: HostProcess = await startHostProcess(dir, ['--now', JUNE_20]);
  try {
    // 立项 as the 督查室 (the default identity), with a deadline.
    await page.goto(`${host.url}#/supervision`);
    await page.getByTestId('create-button').click();
    const create = dialog(page);
    await create.getByLabel('事项').fill('推进政务服务“一件事一次办”集成改革');
    const lead = create.locator('.ant-form-item', { hasText: '牵头单位' }).locator('input');
    await lead.fill('市审批管理局');
    await lead.press('Enter');
    await create.getByLabel('事项').click(); // closes the unit dropdown
    await fillDate(page, create.getByPlaceholder('不填表示无明确时限'), '2022-06-30');
    await create.getByRole('button', { name: '创建' }).click();
    await expect(page.getByTestId('detail-title')).toHaveText('推进政务服务“一件事一次办”集成改革');
    const detailUrl = page.url().replace(host.url, '');

    // 交办: the form starts from the 牵头单位, with the unit's contact.
    await page.getByTestId('action-assign').click();
    await expect(dialog(page).getByTestId('assign-form')).toBeVisible();
    await dialog(page).getByRole('button', { name: '确认交办' }).click();
    await expect(page.getByTestId('assignment-table')).toContainText('市审批管理局');
    await expect(page.getByTestId('ack-status')).toHaveAttribute('data-ack', 'no');

    // 市审批管理局 signs and reports.
    await actAs(page, '张敏', host.url + detailUrl);
    await page.getByTestId('action-acknowledge').click();
    await expect(page.getByTestId('ack-status')).toHaveAttribute('data-ack', 'yes');
    await page.getByTestId('action-report').click();
    await dialog(page).getByTestId('report-text').fill('已完成“一件事”清单梳理,首批20个事项上线试运行。');
    await dialog(page).getByTestId('report-percent').fill('40');
    await dialog(page).getByRole('button', { name: '报送' }).click();
    await expect(page.getByTestId('report-entry').first()).toContainText('首批20个事项上线试运行');
    await expect(page.getByTestId('light-tag').first()).toHaveAttribute('data-light', 'green');

    // The deadline passes: the host restarts on 2022-07-05.
    await host.stop();
    host = await startHostProcess(dir, ['--now', JULY_5]);
    await page.goto(host.url + detailUrl);
    await expect(page.getByTestId('light-tag').first()).toHaveAttribute('data-light', 'red');
    await expect(page.getByTestId('light-reasons')).toContainText('已超期3个工作日');
    await page.screenshot({ path: path.join(shots, 'supervision-lifecycle-red.png'), fullPage: true });

    await page.goto(`${host.url}#/supervision?sort=light`);
    await expect(page.getByTestId('supervision-table').getByTestId('light-tag').first()).toHaveAttribute('data-light', 'red');
    await page.screenshot({ path: path.join(shots, 'supervision-list-lights.png'), fullPage: true });

    // 催办 by the 督查室: a red 督查单 with generated text.
    await actAs(page, '林督查', host.url + detailUrl);
    await page.getByTestId('action-urge').click();
    await expect(dialog(page).getByTestId('urge-text')).toHaveValue(/督查单\(红色\)[\s\S]*市审批管理局:[\s\S]*已超期3个工作日/);
    await dialog(page).getByRole('button', { name: '发出催办' }).click();
    await expect(page.getByTestId('urge-entry')).toContainText('市审批管理局:未阅');

    // The unit answers the red 督查单 in writing (issue 10, point 5) and asks for an extension.
    await actAs(page, '张敏', host.url + detailUrl);
    await page.getByTestId('read-urge').click();
    await dialog(page).getByRole('button', { name: '提交情况说明' }).click();
    await expect(dialog(page)).toContainText('红色督查单须书面回复情况说明');
    await dialog(page).getByTestId('urge-reply').fill('省级平台接口调整,已组织联调,七月底前完成。');
    await dialog(page).getByRole('button', { name: '提交情况说明' }).click();
    await expect(page.getByTestId('urge-entry')).toContainText('市审批管理局:已阅');
    await expect(page.getByTestId('urge-reply-entry')).toContainText('省级平台接口调整');
    await page.getByTestId('action-extension_request').click();
    await fillDate(page, dialog(page).getByTestId('extension-deadline'), '2022-07-29');
    await dialog(page).getByTestId('extension-reason').fill('省级平台接口调整,需重新联调。');
    await dialog(page).getByRole('button', { name: '提交申请' }).click();
    await expect(page.getByTestId('extension-entry')).toContainText('待审批');
    // A request alone does not move the deadline.
    await expect(page.getByTestId('light-tag').first()).toHaveAttribute('data-light', 'red');

    // The 督查室 approves: the deadline assessed moves and the item is no longer red.
    await actAs(page, '林督查', host.url + detailUrl);
    await page.getByTestId('decide-extension').click();
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await expect(page.getByTestId('extension-entry')).toContainText('已批准,延期至 2022-07-29');
    await expect(page.getByTestId('light-tag').first()).not.toHaveAttribute('data-light', 'red');

    // 办结申请 by the unit, 审核通过 and 销号 by the 督查室.
    await actAs(page, '张敏', host.url + detailUrl);
    await page.getByTestId('action-completion_request').click();
    await dialog(page).getByTestId('completion-summary').fill('集成改革事项全部上线,群众办事平均跑动次数降至0.2次。');
    await dialog(page).getByRole('button', { name: '提交办结申请' }).click();
    await expect(page.getByTestId('completion-entry')).toContainText('待审核');

    await actAs(page, '林督查', host.url + detailUrl);
    await page.getByTestId('action-completion_review').click();
    await dialog(page).getByTestId('review-opinion').fill('材料齐全,同意办结。');
    await dialog(page).getByRole('button', { name: '确定' }).click();
    await expect(page.getByTestId('completion-entry')).toContainText('审核通过');
    await page.getByTestId('action-close').click();
    await dialog(page).getByRole('button', { name: '确认销号' }).click();
    await expect(page.getByText('已销号').first()).toBeVisible();
    await expect(page.getByTestId('light-tag').first()).toHaveAttribute('data-light', 'none');
    const types = await page.getByTestId('history-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types).toEqual([
      'assign',
      'acknowledge',
      'report',
      'urge',
      'urge_read',
      'extension_request',
      'extension_decision',
      'completion_request',
      'completion_review',
      'close',
    ]);
    expect(await page.getByTestId('history-conflict').count()).toBe(0);
    // Every action is signed by its actor with the profile's demo key (演示PIN) and verifies.
    const signatures = await page.getByTestId('history-signature').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(signatures).toEqual(types.map(() => 'valid'));
    await expect(page.getByTestId('history-signature').first()).toHaveText('签名有效(dcs.lin)');
    // 评价 feeds 绩效考评.
    await page.getByTestId('action-evaluate').click();
    await dialog(page).getByRole('button', { name: '保存评价' }).click();
    await expect(page.getByTestId('assignment-table')).toContainText('90 分');
    await page.reload(); // no toasts in the screenshot
    await expect(page.getByTestId('detail-title')).toBeVisible();
    await page.screenshot({ path: path.join(shots, 'supervision-lifecycle-closed.png'), fullPage: true });

    // 已办 on the 督查室's 工作台.
    await page.goto(`${host.url}#/workbench`);
    await page.getByRole('tab', { name: /已办/ }).click();
    await expect(page.getByTestId('done-list')).toContainText('销号');
  } finally {
    await host.stop();
  }
});
