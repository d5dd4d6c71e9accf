import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanForMarkers } from '../../petitions/marker-scan';
import { removeTempDirs, tempDir } from '../../store/testing/fixtures';
import { runOaAsync } from '../run';

afterEach(removeTempDirs);

async function oa(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runOaAsync(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const PERSON = { name: '欧阳标记', idNumber: '350203198808088888', phone: '13688886888', address: '思明区标记巷8号' };

describe('oa petitions', () => {
  it('register prints {id}; list prints masked rows unless the login may decrypt', async () => {
    const dir = tempDir('oa-petitions-');
    const file = path.join(dir, '..', `case-${path.basename(dir)}.json`);
    fs.writeFileSync(file, JSON.stringify({ channel: '来访', category: '申诉求决类', persons: [PERSON], matter: '小区地下车库被物业改为收费停车场' }));
    const reg = await oa('petitions', 'register', '--data', dir, '--file', file, '--json');
    expect(reg.code).toBe(0);
    const { id } = JSON.parse(reg.out) as { id: string };
    expect(Object.keys(JSON.parse(reg.out))).toEqual(['id']);

    const masked = await oa('petitions', 'list', '--data', dir, '--as', 'admin', '--json');
    const rows = JSON.parse(masked.out) as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0]!).sort()).toEqual(['category', 'channel', 'deadline', 'id', 'light', 'petitioner', 'status']);
    expect(rows[0]).toMatchObject({ id, channel: '来访', category: '申诉求决类', petitioner: '欧***', status: '待受理', light: 'green' });
    // Without --as: the profile's 信访 office person, who may decrypt (and an audit entry is written).
    expect(JSON.parse((await oa('petitions', 'list', '--data', dir, '--json', '--reason', '核实身份')).out)[0].petitioner).toBe(PERSON.name);
    // An unrelated unit sees nothing of it.
    expect(JSON.parse((await oa('petitions', 'list', '--data', dir, '--as', 'jyj.he', '--json')).out)).toEqual([]);
    expect(scanForMarkers(dir, Object.values(PERSON))).toEqual([]);
    fs.rmSync(file);
  });

  it('usage errors and bad input', async () => {
    const dir = tempDir('oa-petitions-');
    expect((await oa('petitions', 'register', '--data', dir)).code).toBe(2);
    expect((await oa('petitions', 'list', '--data', dir, '--as', 'nobody')).code).toBe(2);
    expect((await oa('petitions', 'list', '--data', dir, '--reason', '好奇')).code).toBe(2);
    const bad = path.join(dir, '..', `bad-${path.basename(dir)}.json`);
    fs.writeFileSync(bad, JSON.stringify({ channel: '来访', category: '其他', matter: '' }));
    const r = await oa('petitions', 'register', '--data', dir, '--file', bad, '--json');
    expect(r).toMatchObject({ code: 1, err: expect.stringContaining('登记内容有误') });
    fs.rmSync(bad);
  });
});
