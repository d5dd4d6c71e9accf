import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Steps through the antd UI that several specs share. */

/** Calls a web host's handler directly (`POST /rpc`), as a second client would. */
export async function rpc<T>(host: { url: string }, channel: string, input: unknown): Promise<T> {
  const res = await fetch(new URL('rpc', host.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel, input }) });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(body.error?.message);
  return body.value;
}

export const dialog = (page: Page) => page.locator('.ant-modal:visible');

/**
 * Picks `text` from an antd Select by keyboard, as a user can: the active option is moved down
 * (the virtual list follows it and wraps at the end) until it is the wanted one, then Enter. No
 * click on an option: a click may land while the list scrolls or the dropdown animates, and a
 * dropdown left open then covers the next field. The dropdown is this select's own (the one holding
 * its listbox); a multiple select stays open after a pick, so it is opened only when closed.
 */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  const root = select.locator('xpath=ancestor-or-self::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  const box = root.getByRole('combobox').first();
  if ((await box.getAttribute('aria-expanded')) !== 'true') await root.click();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const listId = await box.getAttribute('aria-controls');
  const dropdown = listId ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) }) : page.locator('.ant-select-dropdown:visible');
  const items = dropdown.locator('.ant-select-item-option');
  await items.first().waitFor();
  const count = await items.count();
  const option = items.filter({ hasText: text }).first();
  const active = async () => (await option.count()) > 0 && /\bant-select-item-option-active\b/.test((await option.getAttribute('class')) ?? '');
  // Each option once round the list (the rendered ones are a window of it: allow for a long list).
  for (let i = 0; i < 2000 && !(await active()); i++) await page.keyboard.press('ArrowDown');
  if (!(await active())) throw new Error(`选项“${text}”不在下拉列表中(已显示 ${count} 项)`);
  await page.keyboard.press('Enter');
}

/** 设置 → 演示身份切换, then back to where we were. */
export async function actAs(page: Page, name: string, back: string): Promise<void> {
  await page.goto(new URL('#/settings', back).toString());
  await pickOption(page, page.getByTestId('identity-select'), name);
  await expect(page.getByTestId('current-identity')).toContainText(name);
  await page.goto(back);
  await expect(page.getByTestId('action-bar')).toContainText(name);
}

/** Types a date into an antd DatePicker (the field, or a wrapper around its input). */
export async function fillDate(page: Page, field: Locator, value: string): Promise<void> {
  const input = (await field.evaluate((e) => e.tagName)) === 'INPUT' ? field : field.locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Confirms a workflow step's own dialog (by its title: a PIN dialog may still be fading out). */
export const confirmStep = (page: Page, title: string) => page.getByRole('dialog', { name: title }).getByRole('button', { name: /确\s*定/ }).click();

/**
 * A 发文 drafted by someone who also signs it (a leader, or the 督查室 for its 通报): 送审 with no
 * 核稿人, 签发, then 编号; `between` runs once it is 已签发 (a check before the number is taken).
 */
export async function issueAndNumber(page: Page, between: () => Promise<void> = async () => {}): Promise<void> {
  const flow = page.getByTestId('document-workflow');
  await flow.getByTestId('step-submit').click();
  await confirmStep(page, '送审');
  await expect(page.getByTestId('document-phase')).toHaveText('待签发');
  await flow.getByTestId('step-issue').click();
  await confirmStep(page, '签发');
  await expect(page.getByTestId('document-phase')).toHaveText('已签发');
  await between();
  await flow.getByTestId('step-number').click();
  await expect(page.getByTestId('document-phase')).toHaveText('待用印');
}
