import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOa } from '../../main/cli/run';
import { repoRoot, tempDataDir } from '../helpers/web-host-process';

function oa(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOa(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('oa CLI', () => {
  it('import-seed --json prints the summary line (as a real process)', () => {
    const dir = tempDataDir();
    const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const stdout = execFileSync(process.execPath, [tsx, 'main/cli/oa.ts', 'import-seed', '--data', dir, '--json'], { cwd: repoRoot, encoding: 'utf8' });
    const last = stdout.trim().split('\n').pop()!;
    const summary = JSON.parse(last) as { items: number; units: number; document: string };
    expect(summary.items).toBe(39);
    expect(summary.document).toBe('厦府办〔2022〕47号');
    expect(summary.units).toBeGreaterThan(50);
    expect(Object.keys(summary)).toEqual(['items', 'units', 'document']);
  });

  it('refuses to import the same document twice', () => {
    const dir = tempDataDir();
    expect(oa(['import-seed', '--data', dir, '--json']).code).toBe(0);
    const again = oa(['import-seed', '--data', dir, '--json']);
    expect(again.code).toBe(1);
    expect(again.err.join('\n')).toMatch(/已导入/);
  });

  it('supervision list filters by lead and responsible unit and text', () => {
    const dir = tempDataDir();
    oa(['import-seed', '--data', dir]);
    const byLead = oa(['supervision', 'list', '--data', dir, '--lead', '市审批管理局', '--json']);
    expect(byLead.code).toBe(0);
    const rows = JSON.parse(byLead.out[0]!) as Array<{ code: string; lead: string[]; responsible: string[]; status: string }>;
    expect(rows.map((r) => r.code)).toEqual(['一(一)1', '一(一)2', '一(一)3', '一(一)4']);
    expect(rows.every((r) => r.lead.includes('市审批管理局') && r.status === 'in_progress')).toBe(true);

    const byDistrict = JSON.parse(oa(['supervision', 'list', '--data', dir, '--responsible', '海沧区', '--json']).out[0]!) as unknown[];
    expect(byDistrict.length).toBeGreaterThan(5);

    const byText = JSON.parse(oa(['supervision', 'list', '--data', dir, '--q', 'IPv6', '--json']).out[0]!) as Array<{ code: string }>;
    expect(byText.map((r) => r.code)).toEqual(['五(一)']);
  });

  it('rebuild-index reproduces the same lists', () => {
    const dir = tempDataDir();
    oa(['import-seed', '--data', dir]);
    const before = oa(['supervision', 'list', '--data', dir, '--json']).out[0];
    const rebuilt = oa(['rebuild-index', '--data', dir, '--json']);
    expect(rebuilt.code).toBe(0);
    // 收文 + 立项 + 39 督办事项
    expect(JSON.parse(rebuilt.out[0]!)).toMatchObject({ records: 41 });
    expect(oa(['supervision', 'list', '--data', dir, '--json']).out[0]).toBe(before);
  });

  it('exits 2 with usage on bad usage', () => {
    expect(oa(['no-such-command']).code).toBe(2);
    expect(oa(['supervision', 'list']).code).toBe(2);
  });
});
