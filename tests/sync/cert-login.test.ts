import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
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
 * started without --trust-ca, and per test one whose --public-url is not the address dialled,
 * one on 0.0.0.0 without --public-url, and a relay handing on the real server's challenge.
 */
describe('certificate login to the sync server', () => {
  const pkiDir = tempDir('xietong-pki-');
  const otherPkiDir = tempDir('xietong-pki-other-');
  const dataDir = tempDir();
  let trusting: SyncServerProcess;
  let plain: SyncServerProcess;
  const cleanup: Array<() => void | Promise<unknown>> = [];

  beforeAll(async () => {
    DemoPki.open(pkiDir);
    // Another organisation's CA, which the server does not trust, with a certificate for dcs.lin.
    const other = { dataDir: otherPkiDir, caPin: DEMO_PIN, iterations: 1_000 };
    initCa({ ...other, organisation: '外省某单位', days: 30 });
    issueUserCertificate({ ...other, login: 'dcs.lin', userPin: DEMO_PIN, days: 30 });
    for (const login of ['dcs.lin', 'spj.zhang', 'gxj.chen', 'leader.wang']) addUser(dataDir, login, { unit: UNIT, name: login === 'dcs.lin' ? '林督查' : login });
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
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
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

  it('says the server cannot be reached when nothing answers HTTP at the address', async () => {
    // A TCP listener that resets every connection: the port stays ours for the whole test, so no
    // other process can take it and answer (a stopped server's port could be reused meanwhile).
    const url = await listen(net.createServer((socket) => socket.resetAndDestroy()));
    const { sync, saved } = app(keyOf('dcs.lin'));
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url, pin: DEMO_PIN }));
    expect(failure.code).toBe('TRANSPORT');
    expect(failure.message).toContain('无法连接同步服务器');
    expect(failure.message).toContain('请检查服务器地址和网络连接');
    expect(saved()).toBeNull();
  });

  it('a profile without a PKI gets KEY_NOT_FOUND, and the login attempt creates none', async () => {
    const profile = tempDir('xietong-no-pki-');
    const { sync, saved } = app(keyOf('dcs.lin', profile));
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: DEMO_PIN }));
    expect(failure).toEqual({ code: 'KEY_NOT_FOUND', message: '本机尚未建立数字证书体系,无法进行证书登录,请先由管理员签发证书或改用账号密码登录' });
    expect(fs.readdirSync(profile)).toEqual([]);
    expect(saved()).toBeNull();
  });

  /** Listens on 127.0.0.1 (a free port), closed after the test; resolves with ws://127.0.0.1:PORT. */
  async function listen(server: net.Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    return `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }

  /** leader.wang's key behind a keystore that locks after one wrong PIN, and a count of signatures asked for. */
  function countedKey() {
    const keystore = () => new Keystore({ dir: `${pkiDir}/keys`, backoff: { freeAttempts: 1, firstDelayMs: 60_000, maxDelayMs: 600_000 } });
    const inner = keystoreLoginKey({ keystore, login: () => 'leader.wang' });
    const key = { answered: 0, login: inner.login, answer: (c: Parameters<LoginKey['answer']>[0], pin: string) => (key.answered++, inner.answer(c, pin)) };
    return key;
  }
  const attemptsFile = path.join(pkiDir, 'keys', 'leader.wang.attempts.json');

  it('refuses to sign a challenge for another address (--public-url differs from the one dialled), before any PIN attempt', async () => {
    const p = pkiPaths(pkiDir);
    const misnamed = await startSyncServer({ dataDir: tempDir(), args: ['--trust-ca', p.caCert, '--crl', p.crl, '--public-url', 'https://sync.example.gov.cn/'] });
    cleanup.push(() => misnamed.stop());
    const key = countedKey();
    const { sync, saved } = app(key);
    // A wrong PIN: had the key been unlocked, it would count and lock the key for 60 s.
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url: misnamed.httpUrl, pin: '000000' }));
    expect(failure).toEqual({
      code: 'BAD_INPUT',
      message: `服务器返回的登录质询不属于“${misnamed.wsUrl}”(而是“wss://sync.example.gov.cn”),已拒绝签名,请核对服务器地址`,
    });
    expect(key.answered).toBe(0);
    expect(fs.existsSync(attemptsFile)).toBe(false);
    expect(saved()).toBeNull();
    expect(sync.status().state).toBe('disabled');
    // The failure counter is untouched: the right PIN works at once on the server whose address matches.
    const status = await sync.handlers.configureWithCertificate({ url: trusting.wsUrl, pin: DEMO_PIN });
    expect(status.user?.login).toBe('leader.wang');
    expect(key.answered).toBe(1);
  });

  it('does not sign the real server\'s challenge relayed by another server', async () => {
    const relayed: string[] = [];
    // What a rogue or mistyped server would do: fetch the real server's challenge and hand it on,
    // hoping to get it signed and log in at the real server as the user.
    const relay = http.createServer((req, res) => {
      relayed.push(`${req.method} ${req.url}`);
      void (async () => {
        const upstream = await fetch(`${trusting.httpUrl}${req.url}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
        res.writeHead(upstream.status, { 'Content-Type': 'application/json' });
        res.end(await upstream.text());
      })();
    });
    const url = await listen(relay);
    const key = countedKey();
    const { sync, saved } = app(key);
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url, pin: DEMO_PIN }));
    expect(failure).toEqual({ code: 'BAD_INPUT', message: `服务器返回的登录质询不属于“${url}”(而是“${trusting.wsUrl}”),已拒绝签名,请核对服务器地址` });
    // Nothing was signed, so nothing went back to the relay to replay at the real server.
    expect(key.answered).toBe(0);
    expect(relayed).toEqual(['POST /auth/challenge']);
    expect(fs.existsSync(attemptsFile)).toBe(false);
    expect(saved()).toBeNull();
  });

  it('a server listening on every interface without --public-url issues no challenge, and says why', async () => {
    const p = pkiPaths(pkiDir);
    const anywhere = await startSyncServer({ dataDir: tempDir(), args: ['--host', '0.0.0.0', '--trust-ca', p.caCert, '--crl', p.crl] });
    cleanup.push(() => anywhere.stop());
    const key = countedKey();
    const { sync, saved } = app(key);
    const failure = await failureOf(sync.handlers.configureWithCertificate({ url: anywhere.wsUrl, pin: DEMO_PIN }));
    expect(failure).toEqual({ code: 'UNSUPPORTED', message: '服务器未配置对外地址(--public-url),无法进行证书登录,请联系管理员' });
    expect(key.answered).toBe(0);
    expect(saved()).toBeNull();
  });
});
