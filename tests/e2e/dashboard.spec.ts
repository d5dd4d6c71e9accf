import path from 'node:path';
import { startHostProcess, tempDataDir } from '../helpers/host-process';
import { expect, test } from './fixtures';
import { issueAndNumber } from './ui';

const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
/** Early July 2022: the seed's 6月底前 points are overdue, the rest still running. */
const JULY_5 = '2022-07-05T02:00:00Z';

test('一屏通览: the charts show the 39 seed items, a segment opens the filtered list, 通报 downloads', async ({ page }) => {
  const host = await startHostProcess(tempDataDir('xietong-e2e-'), ['--now', JULY_5]);
  try {
    await page.goto(host.url);
    await page.getByRole('menuitem', { name: '一屏通览' }).click();
    const dashboard = page.getByTestId('dashboard');
    await expect(dashboard).toContainText('截至 2022-07-05');
    await expect(dashboard.getByText('督办事项').first()).toBeVisible();
    for (const id of ['chart-status', 'chart-light', 'chart-lead', 'chart-responsible', 'chart-section']) {
      await expect(page.getByTestId(id).locator('canvas').first()).toBeVisible();
    }
    const counts: Record<string, number> = {};
    for (const light of ['red', 'yellow', 'green', 'none']) {
      const text = await page.getByTestId(`dashboard-light-${light}`).innerText();
      counts[light] = Number(/(\d+)\s*项/.exec(text)?.[1] ?? NaN);
    }
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(39);
    await expect(page.getByTestId('overdue-table')).toBeVisible();
    await page.screenshot({ path: path.join(shots, 'dashboard.png'), fullPage: true });

    // The light ring starts at 12 o'clock with the first non-empty light (red first): click just after it.
    const first = (['red', 'yellow', 'green', 'none'] as const).find((l) => (counts[l] ?? 0) > 0) as string;
    const box = await page.getByTestId('chart-light').boundingBox();
    if (!box) throw new Error('no chart box');
    const r = (Math.min(box.width, box.height) / 2) * 0.48;
    const angle = (8 * Math.PI) / 180;
    await page.mouse.click(box.x + box.width / 2 + r * Math.sin(angle), box.y + box.height * 0.45 - r * Math.cos(angle));
    await expect(page).toHaveURL(new RegExp(`#/supervision\\?.*light=${first}`));
    await expect(page.getByTestId('supervision-total')).toContainText(`共 ${counts[first]} 项`);
    await expect(page.getByTestId('filter-light')).toBeVisible();

    // The ranking can be switched off (and stays off).
    await page.goBack();
    await page.getByTestId('ranking-switch').click();
    await expect(page.getByTestId('ranking-off')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('ranking-off')).toBeVisible();

    // 通报 → PDF download.
    const download = page.waitForEvent('download');
    await page.getByTestId('briefing-pdf').click();
    expect((await download).suggestedFilename()).toMatch(/^督查通报_2022-07-01_2022-07-05\.pdf$/);

    // 生成通报 stores it as a 公文 record (通报) and opens it under 公文 → 发文; its export reads the record.
    await page.getByTestId('briefing-generate').click();
    await expect(page).toHaveURL(/#\/documents\/outgoing\/[0-9a-f-]{36}$/);
    const detail = page.getByTestId('outgoing-detail');
    await expect(detail).toContainText('通报');
    await expect(page.getByTestId('doc-body')).toContainText('一、总体进展');
    // No 文号 while a draft: the 督查室 签发 and 编号 it in the 公文 workflow (issue 10, point 4).
    await expect(page.getByTestId('doc-number')).toHaveText('(未编号)');
    await issueAndNumber(page);
    await expect(page.getByTestId('doc-number')).toHaveText('督查通报〔2022〕1号');
    const recordPdf = page.waitForEvent('download');
    await page.getByTestId('document-export-pdf').click();
    expect((await recordPdf).suggestedFilename()).toBe('督查通报_2022-07-01_2022-07-05.pdf');
    await page.getByRole('link', { name: '返回发文列表' }).click();
    await expect(page.getByTestId('outgoing-table')).toContainText('督查督办事项落实情况的通报');
    await expect(page.getByTestId('outgoing-table')).toContainText('2022-07-01 至 2022-07-05');
    // Its number, taken once by 编号 (issue 10, point 4).
    await expect(page.getByTestId('outgoing-table')).toContainText('督查通报〔2022〕1号');
  } finally {
    await host.stop();
  }
});
