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

export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  await select.click();
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();
  // A long list (the demo directory) renders only the options near the current one: scroll to it.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
  if ((await option.count()) === 0) {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().hover();
    await page.mouse.wheel(0, -3000);
    for (let i = 0; (await option.count()) === 0 && i < 60; i++) await page.mouse.wheel(0, 100);
  }
  await option.click();
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
