import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { createSession, sessionFile } from './session';

afterEach(() => removeTempDirs());

describe('the demo session', () => {
  it('starts as the 督查室 and switches among the demo users', () => {
    const session = createSession();
    expect(session.current()).toMatchObject({ login: 'dcs.lin', role: 'supervisor', unit: '市政府督查室' });
    expect(session.switchTo('spj.zhang')).toMatchObject({ name: '张敏', unit: '市审批管理局', role: 'unit_staff' });
    expect(() => session.switchTo('nobody')).toThrow(/没有这个演示身份/);
    expect(session.current().login).toBe('spj.zhang');
  });

  it('remembers the identity in the profile, and ignores a file it cannot read', () => {
    const dir = tempDir();
    createSession({ file: sessionFile(dir) }).switchTo('gxj.chen');
    expect(createSession({ file: sessionFile(dir) }).current().login).toBe('gxj.chen');
    fs.writeFileSync(path.join(dir, 'session.json'), '{not json');
    expect(createSession({ file: sessionFile(dir) }).current().login).toBe('dcs.lin');
    fs.writeFileSync(path.join(dir, 'session.json'), JSON.stringify({ login: 'left-the-office' }));
    expect(createSession({ file: sessionFile(dir) }).current().login).toBe('dcs.lin');
  });
});
