import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import type { SyncAccount } from './account-identity';
import { createSession, sessionFile, sessionHandlers } from './session';

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

  it('logged in to a sync server, acts only as that account and refuses to switch, saying why', () => {
    const dir = tempDir();
    let account: SyncAccount | null = { login: 'zhang', name: '张三', units: ['市工信局'], role: 'staff' };
    const session = createSession({ file: sessionFile(dir), account: () => account });
    expect(session.current()).toEqual({ login: 'zhang', name: '张三', unit: '市工信局', role: 'unit_staff' });
    expect(session.users()).toEqual([session.current()]);
    expect(() => session.switchTo('dcs.lin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('不能切换演示身份') as string }));
    expect(session.current().login).toBe('zhang');
    const info = sessionHandlers(session).get(undefined as never);
    expect(info).toMatchObject({ demo: false, switchDisabled: expect.stringContaining('张三(zhang)') as string });
    // A directory login keeps its unit and 督办 role (what its certificate attests); an administrator is one.
    account = { login: 'dcs.lin', name: '林督查', units: ['市政府督查室'], role: 'staff' };
    expect(session.current()).toMatchObject({ login: 'dcs.lin', role: 'supervisor', unit: '市政府督查室' });
    account = { login: 'ops', name: 'ops', units: [], role: 'admin' };
    expect(session.current()).toEqual({ login: 'ops', name: 'ops', unit: '', role: 'admin' });
    // Logged out: the demo identity chosen before comes back, and switching works again.
    account = null;
    expect(session.current().login).toBe('dcs.lin');
    expect(session.switchTo('gxj.chen').login).toBe('gxj.chen');
    expect(sessionHandlers(session).get(undefined as never)).toMatchObject({ demo: true, switchDisabled: null });
  });
});
