import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { TcpRelay } from '../helpers/tcp-relay';
import { expect, test } from './fixtures';
import { inOffice } from './office';
import { authorColor } from '../../core/records/body-authors';
import { confirmStep, dialog, rpc } from './ui';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');

const body = (page: Page) => page.getByTestId('body-editor').locator('.ProseMirror');
const status = (page: Page) => page.getByTestId('connection-status');
/** A `#rrggbb` colour as the browser computes it. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

interface Pair {
  pageA: Page;
  pageB: Page;
  /** Present when 李四's machine reaches the server through a relay that can be cut. */
  relay: TcpRelay | null;
}

/**
 * Two machines on one 督办 item's 正文: 李四 (host A, through a cuttable relay when asked) and
 * 林督查 (host B), each with its own browser context, both online with the editor open; `run`
 * gets them, and everything is stopped afterwards.
 */
async function onTwoMachines(browser: Browser, opts: { relay: boolean }, run: (pair: Pair) => Promise<void>): Promise<void> {
  await inOffice(browser, { name: 'editor', liUnit: '市工信局', relay: opts.relay }, async ({ lin: { host: hostB, page: pageB }, li: { host: hostA, page: pageA }, relay }) => {
    const item = (await rpc<{ rows: Array<{ id: string; title: string }> }>(hostA, 'supervision.list', { limit: 1 })).rows[0]!;
    await pageA.goto(`${hostA.url}#/supervision/${item.id}`);
    await expect(status(pageA)).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await pageB.goto(`${hostB.url}#/supervision/${item.id}`);
    await expect(pageB.getByTestId('detail-title')).toHaveText(item.title, { timeout: 60_000 });
    await expect(body(pageA)).toHaveAttribute('contenteditable', 'true');
    await expect(body(pageB)).toHaveAttribute('contenteditable', 'true');
    await run({ pageA, pageB, relay });
  });
}

/**
 * 正文 co-editing on two machines (two web hosts, one sync server, two browser contexts):
 * 李四 types and 林督查 sees the text with 李四's caret; 林督查 in 修订 strikes and inserts,
 * 李四 sees the strike-through and the insertion and accepts them.
 */
test('two colleagues co-edit one 正文: live text and caret, 修订 seen and accepted', async ({ browser }) => {
  await onTwoMachines(browser, { relay: false }, async ({ pageA, pageB }) => {
    // 李四 types at the end of the 正文; 林督查 sees the text and 李四's named caret.
    const sentence = '联调工作已于本周完成。';
    await body(pageA).click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type(sentence);
    await expect(body(pageB)).toContainText(sentence);
    await expect(pageB.locator('.collaboration-carets__label', { hasText: '李四' })).toBeVisible();
    await pageB.screenshot({ path: path.join(shots, 'editor-caret.png'), fullPage: true });

    // 林督查 turns 修订 on, strikes the sentence's last four characters and adds her own words.
    await pageB.getByTestId('suggest-toggle').click();
    await body(pageB).click();
    await pageB.keyboard.press('Control+End');
    for (let i = 0; i < 4; i++) await pageB.keyboard.press('Backspace');
    await pageB.keyboard.type('请于周五前报送');
    const struck = pageA.locator('.ProseMirror del');
    const inserted = pageA.locator('.ProseMirror ins', { hasText: '请于周五前报送' });
    await expect(struck.first()).toBeVisible();
    await expect(inserted).toBeVisible();
    await expect(pageA.getByTestId('suggestion-panel')).toContainText('林督查');
    await pageA.screenshot({ path: path.join(shots, 'editor-suggestions.png'), fullPage: true });

    // 花脸稿 (the body from blank to now): 林督查's pending insertion in her colour with her name, 李四's sentence in his.
    await pageA.getByTestId('open-markup').click();
    const markup = pageA.getByTestId('markup-view');
    const hers = markup.locator('ins', { hasText: '请于周五前报送' });
    await expect(hers).toHaveAttribute('title', /^林督查 插入\(修订\)/);
    await expect(hers).toHaveCSS('color', rgb(authorColor('dcs.lin')));
    const his = markup.locator('ins', { hasText: '联调工作已于本' });
    await expect(his).toHaveAttribute('title', /^李四 插入/);
    await expect(his).toHaveCSS('color', rgb(authorColor('li')));
    await expect(markup.locator('.ant-tag', { hasText: '林督查' })).toBeVisible();
    await dialog(pageA).screenshot({ path: path.join(shots, 'editor-markup.png') });
    await dialog(pageA).locator('.ant-modal-close').click();
    await expect(markup).toHaveCount(0);

    // 李四 accepts: the strike goes, the insertion stays as plain text, on both machines.
    await pageA.getByTestId('accept-all').click();
    await expect(pageA.locator('.ProseMirror del')).toHaveCount(0);
    await expect(pageA.locator('.ProseMirror ins')).toHaveCount(0);
    const accepted = '联调工作已于本请于周五前报送';
    await expect(body(pageA)).toContainText(accepted);
    await expect(body(pageB)).toContainText(accepted);
    await expect(pageB.locator('.ProseMirror del')).toHaveCount(0);
    await pageB.screenshot({ path: path.join(shots, 'editor-accepted.png'), fullPage: true });

    // 批注: 李四 comments on the new paragraph, 林督查 replies, 李四 resolves it.
    // The last line selected (again if a key press landed before the editor took the caret, under load).
    await expect
      .poll(async () => {
        await body(pageA).click();
        await pageA.keyboard.press('Control+End');
        await pageA.keyboard.press('Shift+Home');
        return pageA.evaluate(() => window.getSelection()?.toString() ?? '');
      })
      .toContain(accepted);
    await pageA.getByTestId('comment-input').fill('报送时间请与各区确认');
    await expect(pageA.getByTestId('comment-add')).toBeEnabled();
    await pageA.getByTestId('comment-add').click();
    const commentB = pageB.getByTestId('comment');
    await expect(commentB).toContainText('报送时间请与各区确认');
    await expect(commentB).toContainText(accepted);
    await expect(commentB).toContainText('李四');
    await pageB.getByTestId('comment-reply-input').fill('已确认,各区均可按时报送');
    await pageB.getByTestId('comment-reply-input').press('Enter');
    await expect(pageA.getByTestId('comment-reply')).toContainText('已确认');
    await pageA.screenshot({ path: path.join(shots, 'editor-comments.png'), fullPage: true });
    await pageA.getByTestId('comment-resolve').click();
    await expect(pageB.getByTestId('comments-panel')).toContainText('批注(0)');
    await expect(pageB.getByTestId('comment')).toHaveCount(0);
  });
});

/** How often `text` occurs in the 正文 as shown. */
const occurrences = async (page: Page, text: string) => (await body(page).innerText()).split(text).length - 1;

/**
 * Offline and back (issue 12): 李四's machine loses the sync server (its cable, not the page: the
 * local service stays), both edit the same 正文, 李四 comes back, and both edits are there once on
 * both machines.
 */
test('offline and back: both colleagues edit while one is cut off, and after reconnecting each edit is there once', async ({ browser }) => {
  await onTwoMachines(browser, { relay: true }, async ({ pageA, pageB, relay }) => {
    const typeAtEnd = async (page: Page, text: string) => {
      await body(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(text);
    };

    relay!.cut();
    await expect(status(pageA)).toHaveAttribute('data-state', 'offline', { timeout: 60_000 });
    const offline = '李四离线时补充:数据接口已完成联调。';
    const online = '林督查同时补充:请于月底前报送验收材料。';
    await typeAtEnd(pageA, offline);
    await typeAtEnd(pageB, online);
    await expect(body(pageA)).toContainText(offline);
    await expect(body(pageB)).toContainText(online);
    // Cut off, 李四 does not see 林督查's words, and she does not see his.
    await pageA.waitForTimeout(2_000);
    expect(await occurrences(pageA, online)).toBe(0);
    expect(await occurrences(pageB, offline)).toBe(0);
    await pageA.screenshot({ path: path.join(shots, 'editor-offline.png'), fullPage: true });

    relay!.restore();
    await expect(status(pageA)).toHaveAttribute('data-state', 'online', { timeout: 90_000 });
    for (const page of [pageA, pageB]) {
      await expect(body(page)).toContainText(offline, { timeout: 60_000 });
      await expect(body(page)).toContainText(online, { timeout: 60_000 });
      expect(await occurrences(page, offline)).toBe(1);
      expect(await occurrences(page, online)).toBe(1);
    }
    // The same text on both machines (each shows the other's named caret, which is not text).
    const text = (page: Page) =>
      body(page).evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return copy.textContent;
      });
    expect(await text(pageA)).toBe(await text(pageB));
  });
});

/**
 * 打印预览 (issue 12): the 督查室's 通报, 签发 and 编号, previewed page by page from the very PDF
 * the layout module prints.
 */
test('打印预览: a numbered 通报 shown page by page, the pages the PDF has', async ({ page, host }) => {
  await page.goto(`${host.url}#/dashboard`);
  await page.getByTestId('briefing-generate').click();
  await expect(page).toHaveURL(/#\/documents\/outgoing\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').at(-1)!;
  // 送审, a 修订 while it waits for 签发, 签发 and 编号: 送审 and 签发 each record the body.
  const flow = page.getByTestId('document-workflow');
  await flow.getByTestId('step-submit').click();
  await confirmStep(page, '送审');
  await expect(page.getByTestId('document-phase')).toHaveText('待签发');
  const added = '(经核,数据无误)';
  await expect(body(page)).toHaveAttribute('contenteditable', 'true');
  await body(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(added);
  await expect(body(page).locator('ins', { hasText: added })).toBeVisible();
  await expect.poll(async () => (await rpc<{ body: string }>(host, 'records.get', { id })).body).toContain(added);
  await flow.getByTestId('step-issue').click();
  await confirmStep(page, '签发');
  await expect(page.getByTestId('document-phase')).toHaveText('已签发');
  await flow.getByTestId('step-number').click();
  await expect(page.getByTestId('document-phase')).toHaveText('待用印');

  // 花脸稿 from 送审 to 签发: the 修订 in its author's colour; the 清稿 checked against what was signed.
  await page.getByTestId('open-markup').click();
  const choose = async (select: string, label: string) => {
    await page.getByTestId(select).click();
    const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await open.locator('.ant-select-item-option', { hasText: label }).click();
    // Closed before the next one opens (its closing animation would show two lists).
    await expect(open).toHaveCount(0);
  };
  await choose('markup-from', '送审');
  await choose('markup-to', '签发');
  const markup = page.getByTestId('markup-view');
  await expect(markup.locator('ins', { hasText: added })).toBeVisible();
  await expect(markup.locator('ins')).toHaveCount(1);
  await expect(markup.locator('del')).toHaveCount(0);
  await expect(page.getByTestId('step-check')).toContainText('清稿与签发时一致');
  await expect(page.getByTestId('step-check')).toContainText('签名有效');
  await dialog(page).screenshot({ path: path.join(shots, 'editor-markup-steps.png') });
  await page.getByTestId('step-clean-toggle').click();
  await expect(page.getByTestId('step-clean-text')).toContainText(added);
  await dialog(page).locator('.ant-modal-close').click();
  const pdf = await rpc<{ pages: number }>(host, 'editor.printPdf', { id });
  expect(pdf.pages).toBeGreaterThan(0);

  await page.getByTestId('open-print').click();
  await expect(dialog(page).locator('.ant-modal-title')).toHaveText(`打印预览(共 ${pdf.pages} 页)`);
  const pages = page.getByTestId('print-preview').locator('canvas.xt-print-page');
  await expect(pages).toHaveCount(pdf.pages);
  await expect(pages.first()).toHaveAttribute('data-page', '1');
  await expect(pages.first()).toBeVisible();
  await dialog(page).screenshot({ path: path.join(shots, 'editor-print.png') });
});
