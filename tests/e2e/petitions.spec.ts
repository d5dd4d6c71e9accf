import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, fillDate, pickOption } from './ui';

const shots = path.join('test-results', 'screenshots');
const PERSON = { name: '郑晓梅', idNumber: '350203198505051234', phone: '13855556789', address: '思明区湖滨北路88号' };

async function switchTo(page: Page, url: string, name: string, back: string): Promise<void> {
  await page.goto(`${url}#/settings`);
  await pickOption(page, page.getByTestId('identity-select'), name);
  await expect(page.getByTestId('current-identity')).toContainText(name);
  await page.goto(back);
}

/** One action from the bar, its form filled by `fill`, confirmed; waits until the status shows `after`. */
async function act(page: Page, label: string, after: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await expect(dialog(page)).toBeVisible();
  await fill();
  await dialog(page).getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: `信访事项(${after})` })).toBeVisible();
}

/** A 文书 from the notices card: the reason dialog, then the download. */
async function makeNotice(page: Page, button: string) {
  await page.getByTestId('petition-notices').getByRole('button', { name: button }).click();
  const file = page.waitForEvent('download');
  await dialog(page).getByRole('button', { name: /生\s*成/ }).click();
  return file;
}

// Each action's form has at most one text area, one date (or two) and one select.
const text = (page: Page, value: string) => dialog(page).locator('textarea').fill(value);
const date = (page: Page, i: number) => dialog(page).locator('.ant-picker').nth(i);
const choose = (page: Page, value: string) => pickOption(page, dialog(page).locator('.ant-select').first(), value);

test('信访: 来访 登记 → 受理 → 交办 → 延期 → 答复 → 复查 → 回访 → 办结, as three roles, masked where they may not decrypt', async ({ page, host }) => {
  const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  const today = day(0);
  // 信访局 陈静 registers the 来访.
  await switchTo(page, host.url, '陈静', `${host.url}#/petitions/new`);
  await page.getByTestId('person-name').fill(PERSON.name);
  await page.getByTestId('person-id').fill(PERSON.idNumber);
  await page.getByTestId('person-phone').fill(PERSON.phone);
  await page.getByTestId('person-address').fill(PERSON.address);
  await page.getByTestId('matter').fill('地铁施工导致我家住宅墙体开裂,施工单位只做简单修补,房屋安全鉴定结果一直不公开,要求赔偿并公开鉴定报告');
  // The 来访 brings a written statement that names her: attached at 登记, sealed before it is stored.
  const statement = `来访人${PERSON.name},身份证号${PERSON.idNumber},反映墙体开裂情况。`;
  await page.getByTestId('register-files').setInputFiles({ name: '来访书面材料.txt', mimeType: 'text/plain', buffer: Buffer.from(statement) });
  await page.getByRole('button', { name: '比对重复信访' }).click();
  await expect(page.getByText('未发现重复或相似的信访事项')).toBeVisible();
  await page.getByRole('button', { name: /登\s*记/ }).last().click();
  await expect(page.getByRole('heading', { name: '信访事项(待受理)' })).toBeVisible();
  const record = page.url();
  await expect(page.getByTestId('persons')).toContainText('郑**');
  await expect(page.getByTestId('persons')).toContainText('350203********1234');

  await act(page, '受理', '办理中');
  // 受理告知书: made with the petitioner's name after a reason (留痕).
  const notice = await makeNotice(page, '生成受理告知书');
  expect(notice.suggestedFilename()).toMatch(/^受理告知书_.+\.pdf$/);
  await act(page, '转送交办', '办理中', async () => {
    await pickOption(page, dialog(page).getByLabel('承办单位'), '市住建局');
    await pickOption(page, dialog(page).getByLabel('承办人(可查看信访人信息)'), '吴承办');
  });
  await expect(page.getByText('交办至市住建局')).toBeVisible();

  // 市住建局 吴承办 handles: asks for an extension, sees the petitioner after choosing a reason.
  await switchTo(page, host.url, '吴承办', record);
  await act(page, '申请延期', '办理中', async () => {
    await dialog(page).getByRole('spinbutton').fill('30');
    await text(page, '需等待第三方房屋安全鉴定');
  });
  await page.getByRole('button', { name: '查看个人信息' }).click();
  await dialog(page).getByRole('button', { name: /查\s*看/ }).click();
  await expect(page.getByTestId('persons')).toContainText(PERSON.phone);
  // The attachment opens for the handler after a reason, as the file that was registered.
  await expect(page.getByTestId('petition-attachments')).toContainText('附件1');
  await page.getByTestId('petition-attachments').getByRole('button', { name: /查\s*看/ }).click();
  const download = page.waitForEvent('download');
  await dialog(page).getByRole('button', { name: /查\s*看/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('来访书面材料.txt');
  const saved = await file.path();
  expect(fs.readFileSync(saved, 'utf8')).toBe(statement);
  await page.screenshot({ path: path.join(shots, 'petitions-handler.png'), fullPage: true });

  // 信访局 approves the extension.
  await switchTo(page, host.url, '陈静', record);
  await act(page, '批准延期', '办理中', async () => {
    await fillDate(page, date(page, 0), day(80));
    await text(page, '需等待第三方房屋安全鉴定,已电话告知');
  });
  await expect(page.getByText(/延期批准后/)).toBeVisible();

  await switchTo(page, host.url, '吴承办', record);
  await act(page, '答复', '已答复', () => text(page, '经鉴定,施工单位承担修复费用并公开鉴定报告'));

  await switchTo(page, host.url, '陈静', record);
  // 答复意见书: sealed by the office (electronic seal), then generated with the verified seal.
  await expect(page.getByTestId('petition-notices')).toContainText('答复意见书未用印');
  await page.getByRole('button', { name: '答复意见书用印' }).click();
  await page.getByRole('dialog', { name: /确认对答复意见书加盖/ }).getByRole('button', { name: /用\s*印/ }).click();
  await expect(page.getByTestId('reply-sealed')).toContainText('答复意见书已用印(市信访局)');
  const reply = await makeNotice(page, '生成答复意见书');
  expect(reply.suggestedFilename()).toMatch(/^答复意见书_[^_]+\.pdf$/);
  expect(fs.readFileSync(await reply.path()).includes('/Subtype /Image')).toBe(true);
  await act(page, '登记复查申请', '复查中', async () => {
    await fillDate(page, date(page, 0), today);
    await text(page, '对赔偿金额有异议');
  });
  await act(page, '复查决定', '复查已决定', async () => {
    await choose(page, '维持');
    await text(page, '维持原答复意见');
  });
  await act(page, '回访', '已回访', () => choose(page, '基本满意'));
  await act(page, '办结', '已办结');
  await expect(page.getByTestId('persons')).toContainText('郑**');
  await page.screenshot({ path: path.join(shots, 'petitions-office.png'), fullPage: true });
  // The audit trail shows the handler's decryption with its reason.
  await expect(page.getByText('个人信息查看记录')).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: '个人信息查看记录' })).toContainText('吴承办');

  // 市住建局's colleague without the handler's key: masked, no button to decrypt. An administrator: masked too.
  await switchTo(page, host.url, '系统管理员', record);
  await expect(page.getByTestId('persons')).toContainText('138****6789');
  await expect(page.getByTestId('persons')).not.toContainText(PERSON.phone);
  await expect(page.getByRole('button', { name: '查看个人信息' })).toHaveCount(0);
  await expect(page.getByTestId('petition-attachments')).toContainText('附件1(无权查看)');
  await expect(page.getByTestId('petition-attachments')).not.toContainText('来访书面材料');
  await page.screenshot({ path: path.join(shots, 'petitions-admin.png'), fullPage: true });
});

test('信访 登记: a match is linked only when the registrar chooses it, with its reason in 办理记录', async ({ page, host }) => {
  const register = async (matter: string) => {
    await page.goto(`${host.url}#/petitions/new`);
    await page.getByTestId('person-name').fill(PERSON.name);
    await page.getByTestId('person-phone').fill(PERSON.phone);
    await page.getByTestId('matter').fill(matter);
    await page.getByRole('button', { name: '比对重复信访' }).click();
  };
  await switchTo(page, host.url, '陈静', `${host.url}#/petitions`);
  await register('小区门口夜间施工噪音扰民,多次投诉未果');
  await expect(page.getByText('未发现重复或相似的信访事项')).toBeVisible();
  await page.getByRole('button', { name: /登\s*记/ }).last().click();
  await expect(page.getByRole('heading', { name: '信访事项(待受理)' })).toBeVisible();
  const first = page.url().split('/').at(-1)!;

  // The same person again, in other words: offered with the reason, linked because chosen.
  await register('夜间施工噪音问题仍未解决,请求督促整改');
  await expect(page.getByTestId('repeat-offer')).toHaveCount(1);
  await expect(page.getByTestId('repeat-offer')).toContainText('同一信访人');
  await pickOption(page, page.getByTestId('repeat-relation'), '关联为重复信访');
  await page.getByRole('button', { name: /登\s*记/ }).last().click();
  await expect(page.getByRole('heading', { name: '信访事项(待受理)' })).toBeVisible();
  await expect(page.locator('.ant-card', { hasText: '办理记录' })).toContainText(`关联:重复信访 ${first}`);
  await expect(page.locator('.ant-card', { hasText: '办理记录' })).toContainText('同一信访人');

  // Later, from the first case's page: the second is offered (the first link does not cover it) and linked as 同一事项.
  await page.goto(`${host.url}#/petitions/${first}`);
  await page.getByRole('button', { name: '关联重复信访' }).click();
  await expect(dialog(page).getByTestId('repeat-offer')).toHaveCount(1);
  await pickOption(page, dialog(page).getByTestId('repeat-relation'), '关联为同一事项');
  await dialog(page).getByRole('button', { name: /关\s*联/ }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.locator('.ant-card', { hasText: '办理记录' })).toContainText('关联:同一事项');
});

test('12345办理时限: the office sets 投诉 to 5 working days; a 工单 registered afterwards is due then', async ({ page, host }) => {
  await switchTo(page, host.url, '陈静', `${host.url}#/petitions`);
  await page.getByRole('button', { name: '12345办理时限' }).click();
  await expect(dialog(page)).toContainText('默认13个工作日');
  await page.getByTestId('hotline-limit-投诉').fill('5');
  await dialog(page).getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog(page)).toHaveCount(0);

  await page.goto(`${host.url}#/petitions/new`);
  await pickOption(page, page.getByLabel('来源渠道'), '12345');
  await pickOption(page, page.getByLabel('12345类型'), '投诉');
  await page.getByTestId('person-name').fill('市民乙');
  await page.getByTestId('matter').fill('小区门口早市占道经营,影响通行');
  await page.getByRole('button', { name: /登\s*记/ }).last().click();
  await expect(page.getByRole('heading', { name: '信访事项(待受理)' })).toBeVisible();
  // The date itself is checked by main/petitions/hotline-settings.test.ts and core/petitions/limits.test.ts (rest days).
  await expect(page.locator('.ant-card', { hasText: '办理时限' }).getByRole('row', { name: /12345投诉办理/ })).toContainText('5个工作日内');
  await expect(page.locator('.ant-card', { hasText: '办理记录' })).toContainText('12345办理时限:5个工作日');
});
