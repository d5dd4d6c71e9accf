import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store';
import { repoRoot, tempDataDir } from '../helpers/web-host-process';

const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const oa = (...args: string[]) => spawnSync(process.execPath, [tsx, 'main/cli/oa.ts', ...args], { cwd: repoRoot, encoding: 'utf8' });

describe('oa archive (as real processes)', () => {
  it('exports the seed 收文 and verifies it: exit 0; a truncated package: exit 2; a changed one: exit 1', () => {
    const dir = tempDataDir();
    expect(oa('import-seed', '--data', dir).status).toBe(0);
    const store = Store.open({ dir });
    const id = store.ids().find((i) => store.kindOf(i) === 'incoming');
    store.close();
    if (!id) throw new Error('the seed has no 收文');
    const file = path.join(dir, '..', `${path.basename(dir)}-收文.zip`);
    const exported = oa('archive', 'export', '--data', dir, '--id', id, '--out', file);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const ok = oa('archive', 'verify', file);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/结论:全部 \d+ 项验证通过/);

    const zip = fs.readFileSync(file);
    fs.writeFileSync(file, zip.subarray(0, zip.length - 40));
    const truncated = oa('archive', 'verify', file);
    expect(truncated.status).toBe(2);
    expect(truncated.stderr).toMatch(/无法读取归档封装包/);

    const pdf = zip.indexOf(Buffer.from('record.pdf')) + 200;
    const changed = Buffer.from(zip);
    changed[pdf] = (changed[pdf] ?? 0) ^ 0x20;
    fs.writeFileSync(file, changed);
    const bad = oa('archive', 'verify', file);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/第一处:文件 record\.pdf:/);
  });
});
