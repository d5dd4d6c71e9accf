import path from 'node:path';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { DEMO_PIN, expect, test } from './fixtures';
import { dialog } from './ui';

/**
 * Issue 10 as users found it, in the web app: the unit contact's 待办 most urgent first with
 * 批量签收, 审核 showing each unit's state, the list at 1440 px, the fixed navigation, the
 * dashboard's ranking and 消息. Screenshots: test-results/unit-todo-sorted.png, review-unit-states.png.
 */
const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
const JULY_5 = '2022-07-05T02:00:00Z';

type Row = { id: string; title: string; deadline: string | null; lead: string[]; responsible: string[] };
type Detail = { id: string; head: string | null; completions: Array<{ eventId: string }> };

async function rpc<T>(host: HostProcess, channel: string, input: unknown): Promise<T> {
  const res = await fetch(new URL('rpc', host.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel, input }) });
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.value;
}

/** Acts as `login` through the host (the page then reloads as that identity). */
async function as(host: HostProcess, login: string): Promise<void> {
  await rpc(host, 'session.switch', { login });
  await rpc(host, 'signing.unlock', { pin: DEMO_PIN });
}
async function act(host: HostProcess, id: string, action: Record<string, unknown>): Promise<Detail> {
  const { head } = await rpc<Detail>(host, 'supervision.get', { id });
  return rpc<Detail>(host, 'supervision.act', { id, basis: head, action });
}

test('issue 10: sorted 待办 with 批量签收, 审核 with each unit’s state, layout at 1440 px, 消息', async ({ page }) => {
  const host = await startHostProcess(tempDataDir('xietong-e2e-'), ['--now', JULY_5]);
  try {
    const rows = (await rpc<{ rows: Row[] }>(host, 'supervision.list', { limit: 100 })).rows;
    const gxj = '市工信局(大数据局)';
    const overdue = rows.find((r) => r.deadline && r.deadline < '2022-07-05' && [...r.lead, ...r.responsible].includes(gxj))!;
    expect(overdue).toBeTruthy();

    // The 督查室 sends a red 督查单 to 市工信局(大数据局) on the overdue item.
    await as(host, 'dcs.lin');
    await act(host, overdue.id, { type: 'urge', units: [gxj], level: 'red', text: '督查单(红色):请说明超期原因及整改措施。' });

    // 陈志强's 待办: the red 督查单 and the overdue item come first, grouped by kind.
    await as(host, 'gxj.chen');
    await page.goto(`${host.url}#/workbench`);
    const entries = page.getByTestId('todo-entry');
    await expect(entries.first()).toHaveAttribute('data-urgency', '3');
    await expect(page.getByTestId('todo-group').first()).toContainText('红色督查单');
    // Groups in the order of their most urgent entry; within a group, most urgent first.
    const groups = await page.getByTestId('todo-group').evaluateAll((els) =>
      els.map((g) => Array.from(g.querySelectorAll('[data-testid="todo-entry"]')).map((e) => Number(e.getAttribute('data-urgency')))),
    );
    expect(groups.flat().length).toBeGreaterThan(5);
    for (const g of groups) for (let i = 1; i < g.length; i += 1) expect(g[i - 1]!).toBeGreaterThanOrEqual(g[i]!);
    for (let i = 1; i < groups.length; i += 1) expect(groups[i - 1]![0]!).toBeGreaterThanOrEqual(groups[i]![0]!);
    await page.screenshot({ path: path.join(shots, 'unit-todo-sorted.png'), fullPage: true });

    // Filter by kind, then sign two items at once.
    await page.getByTestId('todo-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '待签收' }).click();
    const toSign = page.locator('[data-testid="todo-entry"][data-kind="acknowledge"]');
    const before = await toSign.count();
    expect(before).toBeGreaterThan(2);
    await expect(page.locator('[data-testid="todo-entry"]:not([data-kind="acknowledge"])')).toHaveCount(0);
    await toSign.nth(0).getByTestId('todo-select').check();
    await toSign.nth(1).getByTestId('todo-select').check();
    await page.getByTestId('todo-sign-selected').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /签\s*收/ }).click();
    await expect(page.getByText('已签收 2 个事项')).toBeVisible();
    await expect(toSign).toHaveCount(before - 2);

    // The 督查单 is answered in writing; the 督查室 reads the answer on the item.
    await page.goto(`${host.url}#/supervision/${overdue.id}`);
    await page.getByTestId('read-urge').click();
    await dialog(page).getByTestId('urge-reply').fill('受设备到货影响,已调整实施计划,七月底前完成。');
    await dialog(page).getByRole('button', { name: '提交情况说明' }).click();
    await expect(page.getByTestId('urge-reply-entry')).toContainText('七月底前完成');

    // 消息 keeps what popped up.
    await page.getByTestId('messages-open').click();
    await expect(page.getByTestId('messages').getByTestId('message-entry').first()).toBeVisible();
    await expect(page.getByTestId('messages')).toContainText('催办通知');
    await page.keyboard.press('Escape');

    // 办结 at 30% while other units never signed: 审核 shows each unit, and asks for a confirmation.
    const shared = rows.find((r) => r.lead.includes('市审批管理局') && r.lead.length + r.responsible.length >= 3)!;
    await as(host, 'spj.zhang');
    await act(host, shared.id, { type: 'report', unit: '市审批管理局', text: '完成需求调研和方案编制', percent: 30 });
    await act(host, shared.id, { type: 'completion_request', unit: '市审批管理局', summary: '牵头部分已完成' });
    await as(host, 'dcs.lin');
    await page.goto(`${host.url}#/supervision/${shared.id}`);
    await page.getByTestId('action-completion_review').click();
    await expect(dialog(page).getByTestId('unit-states')).toContainText('市审批管理局');
    await expect(dialog(page).getByTestId('unit-states')).toContainText('30%');
    await expect(dialog(page).getByTestId('review-silent')).toContainText('尚未签收或未报送进展');
    await page.screenshot({ path: path.join(shots, 'review-unit-states.png'), fullPage: true });
    await dialog(page).getByRole('button', { name: /确\s*定/ }).click();
    await expect(dialog(page)).toContainText('请确认上述单位的情况');
    await dialog(page).getByTestId('review-confirm').check();
    await dialog(page).getByTestId('review-reason').fill('其余单位职责已由牵头单位统筹完成,经电话核实。');
    await dialog(page).getByRole('button', { name: /确\s*定/ }).click();
    await expect(page.locator('[data-testid="history-entry"][data-type="completion_review"]')).toContainText('经确认通过');
    await expect(page.getByTestId('progress')).toContainText('30%');

    // The list fits at 1440 px without sideways scrolling; the navigation stays while the page scrolls.
    await page.goto(`${host.url}#/supervision?pageSize=50`);
    await expect(page.getByTestId('supervision-table').locator('tbody tr').nth(20)).toBeVisible();
    const overflow = await page.getByTestId('supervision-table').locator('.ant-table-content').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const scrolled = await page.evaluate(() => {
      window.scrollTo(0, 2000);
      return window.scrollY;
    });
    expect(scrolled).toBeGreaterThan(500);
    const nav = await page.locator('.xt-sider').boundingBox();
    expect(Math.abs((nav?.y ?? 0) - 56)).toBeLessThanOrEqual(2);

    // 一屏通览: with an item 已办结 the ranking shows, not 暂无可考核的事项.
    await page.goto(`${host.url}#/dashboard`);
    await expect(page.getByTestId('chart-ranking').locator('canvas').first()).toBeVisible();
    await expect(page.getByText('暂无可考核的事项')).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
