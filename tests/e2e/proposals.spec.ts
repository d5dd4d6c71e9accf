import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { dialog } from './ui';

const confirm = (page: Page) => dialog(page).getByRole('button', { name: /确\s*定/ }).click();

/**
 * 提案建议, the whole journey in the browser: the 人大 office imports the session's 建议, 交办s one
 * to 市教育局 with 市卫健委; 市卫健委 asks 调整 and the office grants it; 市教育局 records a 面商,
 * drafts the 答复函 (a 函), its leader 签发 and its office 用印, and it answers; the office records
 * 不满意, pushes 重新办理; the second reply is signed and sent, the office records 满意 and 办结.
 * Screenshots: the list, the detail and the statistics.
 */
const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
const START = '2024-01-22T01:00:00Z';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('建议');
  ws.addRow(['编号', '标题', '领衔人', '代表团或界别', '联系方式', '附议人', '主办单位', '协办单位', '届次', '会次', '重点', '内容']);
  ws.addRow(['0001', '关于加强中小学校园周边交通安全管理的建议', '王建华', '思明区代表团', '13859201234', '李秀英、陈志强', '市教育局', '市卫健委', '十六届', '三次会议', '是', '上下学时段校门口交通拥堵,存在安全隐患。']);
  ws.addRow(['0002', '关于推进社区嵌入式托育服务的建议', '林美玲', '湖里区代表团', '13859205678', '', '市卫健委', '市民政局', '十六届', '三次会议', '否', '托育服务供给不足。']);
  ws.addRow(['0003', '关于完善老旧小区加装电梯政策的建议', '', '集美区代表团', '', '', '市建设局', '', '十六届', '三次会议', '否', '缺少领衔人的一行。']);
  ws.addRow(['0004', '关于提升公共数据开放水平的建议', '赵海峰', '海沧区代表团', '', '', '市数字经济办', '', '十六届', '三次会议', '否', '单位不在名录中的一行。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 设置 → 演示身份切换: the directory is longer than the dropdown's window, so the name is reached with the arrow keys. */
async function chooseIdentity(page: Page, name: string): Promise<void> {
  await page.getByTestId('identity-select').click();
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  for (let i = 0; i < 30; i++) {
    if ((await active.textContent())?.includes(name)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-identity')).toContainText(name);
}

async function as(page: Page, host: HostProcess, name: string, back: string): Promise<void> {
  await page.goto(new URL('#/settings', host.url).toString());
  await chooseIdentity(page, name);
  await expect(page.getByTestId('current-identity')).toContainText(name);
  await page.goto(back);
  await expect(page.getByTestId('proposal-detail')).toBeVisible();
}

async function step(page: Page, type: string, fill: () => Promise<void> = async () => undefined): Promise<void> {
  await page.getByTestId(`proposal-action-${type}`).click();
  await expect(dialog(page)).toBeVisible();
  await fill();
  await dialog(page).getByRole('button', { name: '确定' }).click();
  await expect(dialog(page)).toHaveCount(0);
}

async function signAndAnswer(page: Page, host: HostProcess, detail: string, resultClass: string): Promise<void> {
  await as(page, host, '林晓', detail);
  await step(page, 'link_reply');
  const letter = page.getByTestId('proposal-reply-letter');
  await expect(letter).toContainText('未签发');
  await letter.getByTestId('reply-letter-body').fill('王建华代表:\n您提出的建议收悉。现答复如下:\n一、在校门口增设护学岗和临时停车区。\n感谢您对教育工作的关心和支持。');
  await letter.getByTestId('reply-letter-save').click();
  await expect(letter.getByTestId('reply-letter-save')).toBeDisabled();
  // The 函 goes through the 公文 workflow in the letter's own panel: 送审 (no 核稿人: straight to the leader).
  const panel = page.getByTestId('proposal-reply-letter');
  await panel.getByTestId('step-submit').click();
  await confirm(page);
  await expect(panel.getByTestId('document-phase')).toHaveText('待签发');
  await as(page, host, '吴建国', detail);
  await page.getByTestId('proposal-reply-letter').getByTestId('step-issue').click();
  await dialog(page).getByTestId('step-opinion').fill('同意');
  await confirm(page);
  await expect(page.getByTestId('proposal-reply-letter')).toContainText('已签发');
  await as(page, host, '林晓', detail);
  await page.getByTestId('proposal-reply-letter').getByTestId('step-number').click();
  await expect(page.getByTestId('proposal-reply-letter').getByTestId('document-phase')).toHaveText('待用印');
  await page.getByTestId('proposal-reply-letter').getByTestId('step-seal').click();
  await expect(page.getByTestId('proposal-reply-letter')).toContainText('已用印');
  await step(page, 'reply', async () => {
    await dialog(page).getByRole('radio', { name: new RegExp(`^${resultClass}类`) }).check();
  });
  await expect(page.getByTestId('proposal-phase')).toHaveText('已答复');
}

test('提案建议: import, 交办, 调整, 面商, 函 signed, 不满意, 重新办理, second reply, 满意, 办结', async ({ page }) => {
  const host = await startHostProcess(tempDataDir('xietong-e2e-'), ['--now', START]);
  try {
    await page.goto(host.url);
    await page.goto(new URL('#/settings', host.url).toString());
    await chooseIdentity(page, '许静');
    await page.getByRole('menuitem', { name: '提案建议' }).click();
    await page.getByTestId('proposal-import-button').click();
    await page.locator('[data-testid="proposal-import-file"] input[type=file], .ant-upload input[type=file]').first().setInputFiles({
      name: '十六届三次会议代表建议.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    });
    const report = page.getByTestId('proposal-import-report');
    await expect(report).toContainText('已登记 2 件,2 行未导入');
    await expect(report).toContainText('第4行');
    await expect(report).toContainText('缺少领衔人');
    await expect(report).toContainText('第5行');
    await expect(report).toContainText('单位“市数字经济办”不在承办单位名录中');
    await dialog(page).getByRole('button', { name: '完成' }).click();
    await expect(page.getByTestId('proposal-table')).toContainText('关于推进社区嵌入式托育服务的建议');
    await page.screenshot({ path: path.join(shots, 'proposals-list.png'), fullPage: true });

    // The office's 工作台 lists what waits for it.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await expect(page.getByTestId('proposal-todo-card')).toContainText('待交办');
    await page.getByRole('menuitem', { name: '提案建议' }).click();
    await page.getByTestId('proposal-link').filter({ hasText: '校园周边' }).click();
    await expect(page.getByTestId('proposal-detail')).toContainText('拟:市教育局');
    const detail = page.url();
    await step(page, 'assign');
    await expect(page.getByTestId('proposal-phase')).toHaveText('办理中');
    await expect(page.getByTestId('proposal-deadlines')).toContainText('交办后3个月');
    await expect(page.getByTestId('proposal-deadlines')).toContainText('2024-04-22');

    // 市卫健委 asks to be taken off; the office grants it.
    await as(page, host, '谢芳', detail);
    await step(page, 'adjust_request', async () => {
      await dialog(page).getByLabel('申请调整的理由').fill('该事项主要涉及校园周边交通,不属本单位职责。');
    });
    await as(page, host, '许静', detail);
    await step(page, 'adjust_decide', async () => {
      await dialog(page).getByLabel('说明').fill('同意市卫健委不再协办。');
    });
    await expect(page.getByTestId('proposal-handling')).toContainText('已同意');
    await expect(page.getByTestId('proposal-deadlines')).toContainText('调整后重新交办后3个月');

    // 市教育局: 面商 with the 代表, then the 答复函.
    await as(page, host, '林晓', detail);
    await step(page, 'contact', async () => {
      await dialog(page).getByLabel('日期').fill('2024-01-22');
      await dialog(page).getByLabel('参加人员').fill('王建华代表、林晓');
      await dialog(page).getByLabel('沟通情况').fill('到校门口实地查看,听取代表意见。');
    });
    await expect(page.getByTestId('proposal-handling')).toContainText('到校门口实地查看');
    await signAndAnswer(page, host, detail, 'A');

    // 不满意 → 重新办理.
    await as(page, host, '许静', detail);
    await step(page, 'satisfaction', async () => {
      await dialog(page).getByRole('radio', { name: '不满意' }).check();
      await dialog(page).getByLabel('反馈日期').fill('2024-01-22');
      await dialog(page).getByLabel('意见').fill('护学岗覆盖时段不足。');
    });
    await expect(page.getByTestId('proposal-phase')).toHaveText('待重新办理');
    await step(page, 'redo');
    await expect(page.getByTestId('proposal-phase')).toHaveText('重新办理中');
    await expect(page.getByTestId('proposal-deadlines')).toContainText('重新办理交办后1个月');

    await signAndAnswer(page, host, detail, 'B');
    await as(page, host, '许静', detail);
    await step(page, 'satisfaction', async () => {
      await dialog(page).getByRole('radio', { name: '满意', exact: true }).check();
      await dialog(page).getByLabel('反馈日期').fill('2024-01-22');
    });
    await step(page, 'close');
    await expect(page.getByTestId('proposal-phase')).toHaveText('已办结');
    await expect(page.getByTestId('proposal-history')).toContainText('办结');
    await page.screenshot({ path: path.join(shots, 'proposals-detail.png'), fullPage: true });

    await page.goto(new URL('#/proposals/stats', host.url).toString());
    const stats = page.getByTestId('proposal-stats');
    await expect(stats.getByTestId('proposal-unit-table')).toContainText('市教育局');
    for (const id of ['proposal-chart-units', 'proposal-chart-lights', 'proposal-chart-classes', 'proposal-chart-satisfaction']) {
      await expect(page.getByTestId(id).locator('canvas').first()).toBeVisible();
    }
    await page.screenshot({ path: path.join(shots, 'proposals-stats.png'), fullPage: true });
    await stats.getByTestId('proposal-unit-table').getByText('市教育局').click();
    await expect(page.getByTestId('proposal-table')).toContainText('校园周边');
    await expect(page.getByTestId('proposal-table')).not.toContainText('托育服务');

    // 设置: the limits the next 交办 carries.
    await page.goto(new URL('#/proposals/settings', host.url).toString());
    await expect(page.getByTestId('proposal-settings').getByLabel('答复期限(交办后)')).toHaveValue('3');
    await expect(page.getByTestId('proposal-settings')).toContainText('办理结果分类');
  } finally {
    await host.stop();
  }
});
