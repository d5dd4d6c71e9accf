import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialog, pickOption } from './ui';

/**
 * 公文处理 with two users in two browser contexts on one host: 李文 (科员, 市政府办公厅) drafts a
 * 通知 in one; in the other the reviewer 赵静 returns it with an opinion, 李文 fixes it, 王副秘书长
 * 签发s, 孙秘书 numbers (本地编号: no sync server here), seals and distributes it, and the
 * addressee 市工信局(大数据局)'s 吴文秘 签收s, registers it and starts 传阅, which 郑局长 阅毕s.
 * The host has one demo session, so each context switches to its person before it acts.
 * Screenshots of the 发文 and 收文 boxes go to test-results/screenshots/.
 */
const SHOTS = 'test-results/screenshots';

/** 设置 → 演示身份切换. */
async function become(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}#/settings`);
  await pickOption(page, page.getByTestId('identity-select'), name);
  await expect(page.getByTestId('current-identity')).toContainText(name);
}

/** Replaces the 正文 in the body editor (while 拟稿 it edits freely) and waits until the record has it. */
async function writeBody(page: Page, lines: string[]): Promise<void> {
  const editor = page.getByTestId('body-editor').locator('[contenteditable="true"]');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
  await expect(editor).toContainText(lines.at(-1)!);
}

const ok = (page: Page) => dialog(page).getByRole('button', { name: /确\s*定|起\s*草/ }).click();

test('发文 → 核稿退回 → 修改 → 签发 → 编号 → 用印 → 分发 → 收文签收 → 传阅', async ({ browser, host }) => {
  const clerk = await (await browser.newContext()).newPage();
  const other = await (await browser.newContext()).newPage();

  // 拟稿 (李文).
  await become(clerk, host.url, '李文');
  await clerk.goto(`${host.url}#/documents/outgoing`);
  await clerk.getByTestId('draft-document').click();
  await clerk.getByTestId('draft-title').fill('关于开展政务数据安全检查的通知');
  await clerk.getByTestId('draft-issuer-code').fill('厦府办');
  await ok(clerk);
  await expect(clerk.getByTestId('document-phase')).toHaveText('拟稿');
  const doc = clerk.url();
  const form = clerk.getByTestId('document-edit-form');
  await form.getByTestId('edit-main').click();
  await clerk.keyboard.type('市工信局(大数据局)');
  await clerk.keyboard.press('Enter');
  await clerk.keyboard.press('Escape');
  await form.getByTestId('edit-save').click();
  await expect(clerk.getByTestId('outgoing-detail')).toContainText('市工信局(大数据局)');
  await writeBody(clerk, ['各有关单位:', '为加强政务数据安全,现就有关事项通知如下:', '一、检查范围']);
  const submit = async () => {
    await clerk.getByTestId('step-submit').click();
    await pickOption(clerk, dialog(clerk).getByTestId('submit-reviewers'), '赵静');
    await ok(clerk);
    await expect(clerk.getByTestId('document-phase')).toHaveText('核稿中');
  };
  await submit();

  // 核稿: returned with an opinion (赵静, the other context).
  await become(other, host.url, '赵静');
  await other.goto(doc);
  await other.getByTestId('step-review').click();
  await dialog(other).getByText('退回修改').click();
  await dialog(other).getByTestId('step-opinion').fill('请补充检查时间');
  await ok(other);
  await expect(other.getByTestId('document-phase')).toHaveText('拟稿');

  // 李文 sees the opinion, fixes the draft and sends it again.
  await become(clerk, host.url, '李文');
  await clerk.goto(doc);
  await expect(clerk.getByTestId('document-opinions')).toContainText('请补充检查时间');
  await writeBody(clerk, ['各有关单位:', '为加强政务数据安全,现就有关事项通知如下:', '一、检查范围', '二、检查时间:7月31日前']);
  await submit();

  // 核稿 passes, 签发, 编号, 用印, 分发 (the other context, as each person in turn).
  await become(other, host.url, '赵静');
  await other.goto(doc);
  await other.getByTestId('step-review').click();
  await ok(other);
  await expect(other.getByTestId('document-phase')).toHaveText('待签发');
  await become(other, host.url, '王副秘书长');
  await other.goto(doc);
  await other.getByTestId('step-issue').click();
  await dialog(other).getByTestId('step-opinion').fill('同意印发');
  await ok(other);
  await expect(other.getByTestId('document-phase')).toHaveText('已签发');
  await become(other, host.url, '孙秘书');
  await other.goto(doc);
  await other.getByTestId('step-number').click();
  await expect(other.getByTestId('document-phase')).toHaveText('待用印');
  await expect(other.getByTestId('document-workflow')).toContainText(/厦府办〔\d{4}〕1号/);
  await expect(other.getByTestId('document-workflow')).toContainText('本地编号');
  await other.getByTestId('step-seal').click();
  await expect(other.getByTestId('document-phase')).toHaveText('待分发');
  await other.getByTestId('step-distribute').click();
  await ok(other);
  await expect(other.getByTestId('document-phase')).toHaveText('已分发');
  await expect(other.getByTestId('document-copies')).toContainText('市工信局(大数据局)');
  await other.goto(`${host.url}#/documents/outgoing`);
  await expect(other.getByTestId('outgoing-table')).toContainText('已分发');
  await other.screenshot({ path: `${SHOTS}/documents-outgoing-box.png`, fullPage: true });

  // The addressee unit: 签收, 登记, 传阅.
  await become(clerk, host.url, '吴文秘');
  await clerk.goto(`${host.url}#/documents`);
  const row = clerk.locator('tr', { hasText: '关于开展政务数据安全检查的通知' });
  await expect(row).toContainText('待签收');
  await clerk.screenshot({ path: `${SHOTS}/documents-incoming-box.png`, fullPage: true });
  await row.getByRole('link', { name: '关于开展政务数据安全检查的通知' }).click();
  await clerk.getByTestId('step-receive').click();
  await expect(clerk.getByTestId('incoming-phase')).toHaveText('待登记');
  await clerk.getByTestId('step-register').click();
  await expect(dialog(clerk).getByTestId('register-from')).toHaveValue('市政府办公厅');
  await ok(clerk);
  await expect(clerk.getByTestId('receipt-no')).toContainText(/\d{4}-0001/);
  await clerk.getByTestId('step-circulate').click();
  await pickOption(clerk, dialog(clerk).getByTestId('circulate-readers'), '郑局长');
  await pickOption(clerk, dialog(clerk).getByTestId('circulate-readers'), '陈志强');
  await dialog(clerk).locator('.ant-modal-title').click();
  await ok(clerk);
  await expect(clerk.getByTestId('circulation')).toContainText('0/2 已阅');
  const incoming = clerk.url();

  await become(other, host.url, '郑局长');
  await other.goto(incoming);
  await other.getByTestId('step-read').click();
  await dialog(other).getByTestId('step-opinion').fill('请数据处抓好落实');
  await ok(other);
  await expect(other.getByTestId('circulation')).toContainText('1/2 已阅');
  await expect(other.getByTestId('circulation')).toContainText('请数据处抓好落实');
  await other.screenshot({ path: `${SHOTS}/documents-incoming-circulation.png`, fullPage: true });

  // The sender sees where its copy stands.
  await become(other, host.url, '孙秘书');
  await other.goto(doc);
  await expect(other.getByTestId('document-copies')).toContainText('待初审');
});

test('撤销草稿: the drafter withdraws a draft with a reason; it leaves the 发文 list and stays read-only', async ({ page, host }) => {
  await become(page, host.url, '李文');
  await page.goto(`${host.url}#/documents/outgoing`);
  await page.getByTestId('draft-document').click();
  await page.getByTestId('draft-title').fill('关于召开季度工作例会的通知');
  await ok(page);
  await expect(page.getByTestId('document-phase')).toHaveText('拟稿');
  await page.getByTestId('step-withdraw').click();
  await page.getByRole('dialog', { name: /撤销草稿/ }).getByTestId('step-opinion').fill('会议取消');
  await page.getByRole('dialog', { name: /撤销草稿/ }).getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('document-phase')).toHaveText('已撤销');
  await expect(page.getByTestId('step-withdraw')).toHaveCount(0);
  await expect(page.getByTestId('document-opinions')).toContainText('会议取消');
  await expect(page.getByTestId('document-edit-form')).toHaveCount(0);
  await expect(page.getByTestId('body-editor').locator('[contenteditable="false"]').first()).toBeVisible();
  await page.getByRole('link', { name: '返回发文列表' }).click();
  await expect(page.getByTestId('outgoing-table')).toBeVisible();
  await expect(page.getByTestId('outgoing-table')).not.toContainText('关于召开季度工作例会的通知');
});

/** A 来文 as its file reads (text is read like a PDF's text layer): 版头, 标题, 主送, 正文, 落款. */
const RECEIVED = [
  '福建省大数据管理局文件',
  '闽数据〔2022〕12号',
  '福建省大数据管理局关于开展公共数据资源普查的通知',
  '各设区市大数据主管部门：',
  '为摸清全省公共数据资源底数，现就开展普查有关事项通知如下。',
  '一、普查范围',
  '福建省大数据管理局',
  '2022年6月28日',
].join('\n');

test('来文登记: the office drops a received 公文, checks what was read, 登记s it, and saves the 原件 back', async ({ page, host }) => {
  // A 科员 does not 登记: the button is not offered (收文's can()).
  await become(page, host.url, '李文');
  await page.goto(`${host.url}#/documents`);
  await expect(page.getByTestId('incoming-table')).toBeVisible();
  await expect(page.getByTestId('register-external')).toHaveCount(0);
  await become(page, host.url, '孙秘书');
  await page.goto(`${host.url}#/documents`);
  await page.getByTestId('register-external').click();
  await page.getByTestId('intake-drop-zone').locator('input[type=file]').setInputFiles({ name: '闽数据〔2022〕12号.txt', mimeType: 'text/plain', buffer: Buffer.from(RECEIVED) });
  await expect(page.getByTestId('intake-result')).toBeVisible();
  await expect(page.getByTestId('external-original')).toContainText('闽数据〔2022〕12号.txt');
  await expect(page.getByTestId('external-doc-number')).toHaveValue('闽数据〔2022〕12号');
  await expect(page.getByTestId('external-title')).toHaveValue('福建省大数据管理局关于开展公共数据资源普查的通知');
  // The clerk completes what the file did not say.
  if ((await page.getByTestId('external-issuer').inputValue()) === '') await page.getByTestId('external-issuer').fill('福建省大数据管理局');
  await page.getByRole('dialog', { name: '来文登记' }).getByRole('button', { name: /登\s*记/ }).click();
  await expect(page.getByTestId('incoming-phase')).toHaveText('待初审');
  await expect(page.getByTestId('receipt-no')).toContainText(/\d{4}-0001/);
  const saved = page.waitForEvent('download');
  await page.getByTestId('incoming-original').click();
  const file = await saved;
  expect(file.suggestedFilename()).toBe('闽数据〔2022〕12号.txt');
  expect(fs.readFileSync(await file.path(), 'utf8')).toBe(RECEIVED);
});
