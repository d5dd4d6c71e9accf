import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../store/testing/fixtures';
import { runOa } from '../run';

afterEach(removeTempDirs);

function oa(...args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runOa(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('oa blobs limit', () => {
  it('shows 200 MiB by default, sets another limit for the profile, and refuses nonsense', () => {
    const dir = tempDir('oa-blobs-');
    expect(oa('blobs', 'limit', '--data', dir)).toEqual({ code: 0, out: '本机单个附件上限:200 MiB', err: '' });
    expect(oa('blobs', 'limit', '--data', dir, '--mib', '500', '--json')).toEqual({ code: 0, out: '{"maxMib":500}', err: '' });
    expect(oa('blobs', 'limit', '--data', dir).out).toBe('本机单个附件上限:500 MiB');
    expect(oa('blobs', 'limit', '--data', dir, '--mib', '0')).toMatchObject({ code: 1, err: expect.stringContaining('附件大小上限应为') });
    expect(oa('blobs', 'size', '--data', dir).code).toBe(2);
  });
});
