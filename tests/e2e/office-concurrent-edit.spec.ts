import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { inOffice } from './office';
import { rpc } from './ui';

/**
 * Issue 10, point 3, in the office set-up of `npm run dev:office` (one sync server, two machines):
 * 林督查 and 李四 open the same item's edit form at once. 林督查 saves a new 进展情况 and a change
 * to the 正文; 李四, still in the form he opened before, saves his own 进展情况 — refused, showing
 * 林督查's value — and then his change to the 正文, which merges with 林督查's. Both edits are in
 * 办理记录. Screenshot: test-results/office-edit-conflict.png.
 */
const shots = path.resolve(import.meta.dirname, '..', '..', 'test-results');
const status = (page: Page) => page.getByTestId('connection-status');

test('two colleagues edit one item at once: the second 进展情况 is refused with the first shown, the 正文 merges', async ({ browser }) => {
  await inOffice(browser, { name: 'office', liUnit: '市工信局(大数据局)' }, async ({ lin: { host: hostA, page: pageA }, li: { host: hostB, page: pageB } }) => {
    // 一(三)3 推行“掌上办公”服务, once both machines are online with it.
    await pageA.goto(`${hostA.url}#/supervision`);
    await pageB.goto(`${hostB.url}#/supervision`);
    await expect(status(pageA)).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    await expect(status(pageB)).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
    const find = async () => (await rpc<{ rows: Array<{ id: string; code: string; title: string }> }>(hostA, 'supervision.list', { limit: 100 })).rows.find((r) => r.code === '一(三)3');
    await expect.poll(async () => (await find())?.title ?? '', { timeout: 60_000 }).toContain('掌上办公');
    const item = (await find())!;
    await pageA.goto(`${hostA.url}#/supervision/${item.id}`);
    await pageB.goto(`${hostB.url}#/supervision/${item.id}`);
    await expect(pageA.getByTestId('detail-title')).toHaveText(item.title);
    await expect(pageB.getByTestId('detail-title')).toHaveText(item.title, { timeout: 60_000 });

    // Both open the edit form on the same version.
    await pageA.getByTestId('edit-button').click();
    await pageB.getByTestId('edit-button').click();
    const body = await pageA.getByTestId('edit-body').inputValue();
    const lines = body.split('\n');
    expect(lines.length).toBeGreaterThan(0);
    const bodyA = [`${lines[0]}(林督查:已报市政府同意)`, ...lines.slice(1)].join('\n');
    const bodyB = [...lines, '李四:请各单位于月底前报送。'].join('\n');

    // 林督查 saves first: 进展情况 and 正文.
    const noteA = '林督查:已完成招标,进入实施阶段。';
    await pageA.getByTestId('edit-progress-note').fill(noteA);
    await pageA.getByTestId('edit-body').fill(bodyA);
    await pageA.getByTestId('save-button').click();
    await expect(pageA.getByTestId('progress-note')).toContainText(noteA);
    // It reaches 李四's machine while his form is still open.
    await expect.poll(async () => (await rpc<{ progressNote: string }>(hostB, 'supervision.get', { id: item.id })).progressNote, { timeout: 60_000 }).toBe(noteA);

    // 李四 saves his 进展情况 from the form he opened before: refused, with 林督查's value shown.
    await pageB.getByTestId('edit-progress-note').fill('李四:方案尚在论证。');
    await pageB.getByTestId('edit-body').fill(bodyB);
    await pageB.getByTestId('save-button').click();
    const form = pageB.getByTestId('edit-form').locator('..');
    await expect(form).toContainText('已被林督查修改为', { timeout: 60_000 });
    await expect(form).toContainText('林督查:已完成招标');
    await pageB.screenshot({ path: path.join(shots, 'office-edit-conflict.png'), fullPage: true });

    // He keeps 林督查's 进展情况 and saves his 正文: it merges with 林督查's.
    await pageB.getByTestId('edit-progress-note').fill(noteA);
    await pageB.getByTestId('save-button').click();
    await expect(pageB.getByTestId('detail-body')).toContainText('林督查:已报市政府同意');
    await expect(pageB.getByTestId('detail-body')).toContainText('李四:请各单位于月底前报送');
    await expect(pageA.getByTestId('detail-body')).toContainText('李四:请各单位于月底前报送', { timeout: 60_000 });
    await expect(pageA.getByTestId('detail-body')).toContainText('林督查:已报市政府同意');
    await expect(pageA.getByTestId('progress-note')).toContainText(noteA);

    // Both edits are in 办理记录: who and which fields.
    const edits = pageA.locator('[data-testid="history-entry"][data-type="edit"]');
    await expect(edits.filter({ hasText: '林督查' })).toContainText('修改了工作进展、正文');
    await expect(edits.filter({ hasText: '李四' })).toContainText('修改了正文', { timeout: 60_000 });
  });
});
