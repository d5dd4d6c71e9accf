import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PEOPLE } from '../../core/proposals/testing/events';
import { runOaAsync } from '../../main/cli/run';
import { act } from '../../main/kernel/act';
import { proposalRepo } from '../../main/proposals/repository';
import { proposalWorkbook } from '../../main/proposals/testing/workbook';
import { Store } from '../../main/store/store';
import { repoRoot, tempDataDir } from '../helpers/web-host-process';

/** `oa proposals import|list … --json` exactly as the issue specifies them. */
async function oa(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOaAsync(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('oa proposals', () => {
  it('import --json prints {"imported": N, "refused": [{row, reason}]} (as a real process), and nothing the second time', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, '..', `${path.basename(dir)}-建议.xlsx`);
    fs.writeFileSync(file, await proposalWorkbook({ rows: 30, broken: { missingLead: 5, unknownUnit: 9, empty: 12 } }));
    const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const run = () => execFileSync(process.execPath, [tsx, 'main/cli/oa.ts', 'proposals', 'import', '--data', dir, file, '--json'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const first = JSON.parse(run().trim()) as unknown;
    expect(first).toEqual({
      imported: 27,
      refused: [
        { row: 5, reason: '缺少领衔人' },
        { row: 9, reason: '单位“市数字经济办”不在承办单位名录中' },
      ],
    });
    expect(Object.keys(first as object)).toEqual(['imported', 'refused']);
    expect(JSON.parse(run().trim())).toMatchObject({ imported: 0 });
  });

  it('list --json prints [{id, number, kind, title, lead, status, deadline, light}], filtered by --unit and --status', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, '..', `${path.basename(dir)}-list.xlsx`);
    fs.writeFileSync(file, await proposalWorkbook({ rows: 6 }));
    expect((await oa(['proposals', 'import', '--data', dir, file, '--json'])).code).toBe(0);
    // 交办 two of them to 市教育局 (主办) and 市卫健委 (协办) on 2024-01-22.
    const store = Store.open({ dir });
    const ids = proposalRepo(store).list({ offset: 0, limit: 2 }, '2024-01-22').rows.map((r) => r.id);
    for (const id of ids) act(store, store.registry, { id, basis: null, type: 'assign', payload: { lead: '市教育局', helpers: ['市卫健委'] } }, PEOPLE.office, new Date('2024-01-22T01:00:00Z'));
    store.close();

    const all = await oa(['proposals', 'list', '--data', dir, '--now', '2024-04-19T09:00:00+08:00', '--json']);
    expect(all.code).toBe(0);
    const rows = JSON.parse(all.out[0]!) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!)).toEqual(['id', 'number', 'kind', 'title', 'lead', 'status', 'deadline', 'light']);
    const handled = rows.filter((r) => r.status === 'handling');
    expect(handled.map((r) => r.id).sort()).toEqual([...ids].sort());
    // 交办后3个月: 2024-04-22; on 04-19 (Friday) that is 1 working day away: yellow.
    expect(handled[0]).toMatchObject({ kind: '建议', deadline: '2024-04-22', light: 'yellow' });

    const helper = JSON.parse((await oa(['proposals', 'list', '--data', dir, '--unit', '市卫健委', '--json'])).out[0]!) as unknown[];
    expect(helper).toHaveLength(2);
    const waiting = JSON.parse((await oa(['proposals', 'list', '--data', dir, '--status', '待交办', '--json'])).out[0]!) as Array<{ status: string }>;
    expect(waiting.map((r) => r.status)).toEqual(['registered', 'registered', 'registered', 'registered']);
    const bad = await oa(['proposals', 'list', '--data', dir, '--status', 'lost', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.err[0]).toMatch(/^未知的状态:lost\n用法:/);
  });
});
