import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../core/result';
import { AppError } from '../../core/result';
import { pkiPaths } from '../../main/crypto/ca-files';
import { initCa, issueUserCertificate, revokeUser } from '../../main/crypto/ca';
import { DEMO_PIN, DemoPki } from '../../main/crypto/demo-pki';
import { Keystore } from '../../main/crypto/keystore';
import { Store } from '../../main/store/store';
import { removeTempDirs, tempDir as storeDir } from '../../main/store/testing/fixtures';
import { SyncBinding } from '../../main/sync/app-binding';
import { demoLoginKey, keystoreLoginKey, type LoginKey } from '../../main/sync/login-key';
import { whoAmI } from '../../main/sync/server-login';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { until } from './helpers';

const UNIT = '市政府督查室';
const fetcher = (url: string, init?: RequestInit) => fetch(url, init);

/** What a handler's failure turns into at the IPC boundary. */
async function failureOf(p: unknown): Promise<AppErrorShape> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.toShape();
    throw err;
  }
  throw new Error('expected the login to fail');
}

/**
 * 数字证书登录 from the app's side (SyncBinding.configureWithCertificate → server-login.ts
 * certificateLogin) against real sync server processes: one trusting the demo PKI's CA, one
 * started without --trust-ca.
 */
describe('certificate login to the sync server', () => {
  const pkiDir = tempDir('xietong-pki-');
  const otherPkiDir = tempDir('xietong-pki-other-');
  const dataDir = tempDir();
  let trusting: SyncServerProcess;
  let plain: SyncServerProcess;
  const cleanup: Array<() => void> = [];

  beforeAll(async () => {
    DemoPki.open(pkiDir);
    // Another organisation's CA, which the server does not trust, with a certificate for dcs.lin.
    const other = { dataDir: otherPkiDir, caPin: DEMO_PIN, iterations: 1_000 };
    initCa({ ...other, organisation: '外省某单位', days: 30 });
    issueUserCertificate({ ...other, login: 'dcs.lin', userPin: DEMO_PIN, days: 30 });
    for (const login of ['dcs.lin', 'spj.zhang', 'gxj.chen']) addUser(dataDir, login, { unit: UNIT, name: login === 'dcs.lin' ? '林督查' : login });
    // gxj.chen is a known user whose certificate the CA has revoked (before the server reads the CRL).
    revokeUser({ dataDir: pkiDir, caPin: DEMO_PIN, login: 'gxj.chen' });
    const p = pkiPaths(pkiDir);
    [trusting, plain] = await Promise.all([
      startSyncServer({ dataDir, args: ['--trust-ca', p.caCert, '--crl', p.crl] }),
      startSyncServer({ dataDir: tempDir() }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([trusting?.stop(), plain?.stop()]);
  });
  afterEach(() => {
    for (const c of cleanup.splice(0)) c();
    removeTempDirs();
  });

  /** A profile whose current identity is `login`, optionally already syncing with a token login. */
  function app(loginKey: LoginKey, connect?: { url: string; token: string }) {
    const store = Store.open({ dir: storeDir() });
    const sync = new SyncBinding({ store, loginKey, fetch: fetcher, ...(connect ? { connect } : {}), engine: { backoffBaseMs: 50, backoffMaxMs: 200 } });
    cleanup.push(() => {
      sync.close();
      store.close();
    });
    return { store, sync, saved: () => store.getMeta('sync.config') };
  }
  const keyOf = (login: string, dir = pkiDir) => demoLoginKey(dir, () => login, Date.now, {});

  it('logs in with the current identity\'s certificate: the token works and sync goes online', async () => {
    const { sync, saved } = app(keyOf('dcs.lin'));
    expect(sync.status().state).toBe('disabled');
    const status = await sync.handlers.configureWithCertificate({ url: trusting.httpUrl, pin: DEMO_PIN });
    expect(status.server).toBe(trusting.wsUrl);
    expect(status.user).toMatchObject({ login: 'dcs.lin', name: '林督查', units: [UNIT] });
    await until(() => sync.status().state === 'online', 'sync online after certificate login');
    const config = JSON.parse(saved() ?? 'null') as { url: string; token: string };
    expect(config.url).toBe(trusting.wsUrl);
    expect((await whoAmI(fetcher, trusting.wsUrl, config.token)).user.login).toBe('dcs.lin');
  });

  it('refuses a wrong PIN with WRONG_PIN and its back-off, and keeps the previous login', async () => {
    let now = Date.now();
    const keystore = () => new Keystore({ dir: `${pkiDir}/keys`, now: () => now, backoff: { freeAttempts: 1, firstDelayMs: 60_000, maxDelayMs: 600_000 } });
    const previous = { url: trusting.wsUrl, token: tokenFor(dataDir, 'spj.zhang') };
    const { sync, saved } = app(keystoreLoginKey({ keystore, login: () => 'spj.zhang' }), previous);
    await until(() => sync.status().state === 'online' && (JSON.parse(saved() ?? '{}') as { user?: unknown }).user != null, 'the previous login online, its user learnt');
    const before = saved();
    const serverBefore = sync.status().server;

    const wrong = await failureOf(sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: '000000' }));
    expect(wrong.code).toBe('WRONG_PIN');
    expect(wrong.message).toBe('PIN 码错误,请在 60 秒后重试');
    // Within the back-off even the right PIN is refused, without trying it.
    const locked = await failureOf(sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: DEMO_PIN }));
    expect(locked.code).toBe('PIN_LOCKED');
    expect(locked.message).toMatch(/请在 \d+ 秒后重试/);
    expect(saved()).toBe(before);
    expect(sync.status().server).toBe(serverBefore);
    expect(sync.status().user?.login).toBe('spj.zhang');
    expect(sync.status().state).toBe('online');

    // After the wait the right PIN logs in (and clears the count).
    now += 61_000;
    const status = await sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: DEMO_PIN });
    expect(status.user?.login).toBe('spj.zhang');
    expect(saved()).not.toBe(before);
  });

  it('says clearly when the server has no certificate login (no --trust-ca), and saves nothing', async () => {
    const { sync, saved } = app(keyOf('dcs.lin'));
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url: plain.wsUrl, pin: DEMO_PIN }));
    expect(failure.code).toBe('UNSUPPORTED');
    expect(failure.message).toContain('服务器未开启证书登录');
    expect(saved()).toBeNull();
    expect(sync.status().state).toBe('disabled');
  });

  it('passes on why the server refused: revoked, untrusted, unknown user', async () => {
    const cases: Array<[LoginKey, RegExp]> = [
      [keyOf('gxj.chen'), /证书登录被拒绝:证书已被吊销/],
      [keyOf('dcs.lin', otherPkiDir), /证书登录被拒绝:证书不是由受信任的机构签发的/],
      [keyOf('xxzx.liu'), /证书登录被拒绝:证书用户 xxzx\.liu 未在同步服务器登记或已停用/],
    ];
    for (const [key, message] of cases) {
      const { sync, saved } = app(key);
      const failure = await failureOf(sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: DEMO_PIN }));
      expect(failure.code).toBe('BAD_INPUT');
      expect(failure.message).toMatch(message);
      expect(saved()).toBeNull();
    }
  });

  it('says the server cannot be reached when it is down', async () => {
    const down = await startSyncServer({ dataDir: tempDir() });
    const url = down.wsUrl;
    await down.stop();
    const { sync, saved } = app(keyOf('dcs.lin'));
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url, pin: DEMO_PIN }));
    expect(failure.code).toBe('TRANSPORT');
    expect(failure.message).toContain('无法连接同步服务器');
    expect(failure.message).toContain('请检查服务器地址和网络连接');
    expect(saved()).toBeNull();
  });
});
