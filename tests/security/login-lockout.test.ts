import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../core/sync/password';
import { initCa } from '../../main/crypto/ca';
import { pkiPaths } from '../../main/crypto/ca-files';
import { nodePasswordCrypto, withAccounts } from '../../main/sync/admin';
import { startSyncServer, tempDir, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { hangingPost, postJson, type HangingRequest } from '../helpers/slow-http';
import { until } from '../sync/helpers';

/**
 * Issue 9, login lockout: slow bodies must not hold login slots, password guessing backs off per
 * login and per address with 429 + Retry-After, and /auth/challenge is rate-limited.
 */
describe('login under attack', () => {
  const servers: SyncServerProcess[] = [];
  const sockets: HangingRequest[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    for (const s of servers.splice(0)) await s.stop('SIGKILL');
  });

  async function serverWithUsers(logins: string[], args: string[] = []): Promise<SyncServerProcess> {
    const dataDir = tempDir();
    const hash = hashPassword('正确口令', nodePasswordCrypto);
    withAccounts(dataDir, (a) => {
      for (const login of logins) a.putUser({ login, name: login, units: ['市工信局'], role: 'staff', passwordHash: hash });
    });
    const server = await startSyncServer({ dataDir, args });
    servers.push(server);
    return server;
  }

  it('8 connections that never send their body: an honest login succeeds at once, and they are cut off', async () => {
    const server = await serverWithUsers(['zhang']);
    for (let i = 0; i < 8; i++) sockets.push(await hangingPost(server.port, '/auth/login'));
    // Let the server see all eight requests before the honest one.
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    const honest = await postJson(`${server.httpUrl}/auth/login`, { login: 'zhang', password: '正确口令' });
    console.log(`[login-lockout] honest login under 8 hanging bodies: HTTP ${honest.status} in ${Math.round(performance.now() - started)} ms`);
    expect(honest.status).toBe(200);
    expect(typeof honest.body.token).toBe('string');
    // The attackers do not keep their connections: each is answered 408 and closed.
    await until(() => sockets.every((s) => s.isClosed()), 'hanging bodies cut off', 30_000);
    for (const s of sockets) expect(s.answer()).toMatch(/^HTTP\/1\.1 408/);
  });

  it('password guessing on one login is throttled with 429 and Retry-After, even for the right password', async () => {
    const server = await serverWithUsers(['zhang', 'li']);
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof postJson>> | null = null;
    for (let i = 0; i < 30; i++) {
      const r = await postJson(`${server.httpUrl}/auth/login`, { login: 'zhang', password: `猜测${i}` });
      statuses.push(r.status);
      if (r.status === 429) refusal ??= r;
    }
    const checked = statuses.filter((s) => s === 401).length;
    console.log(`[login-lockout] 30 guesses on one login: ${checked} checked (401), ${statuses.filter((s) => s === 429).length} refused (429)`);
    expect(checked).toBeLessThanOrEqual(5);
    expect(statuses.slice(checked).every((s) => s === 429)).toBe(true);
    expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refusal!.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^登录失败次数过多,请在 \d+ (秒|分钟)后重试$/) as string });
    // The right password does not get through while the login is blocked…
    expect((await postJson(`${server.httpUrl}/auth/login`, { login: 'zhang', password: '正确口令' })).status).toBe(429);
    // …but another user from the same address still logs in.
    expect((await postJson(`${server.httpUrl}/auth/login`, { login: 'li', password: '正确口令' })).status).toBe(200);
  });

  it('guessing across many logins from one address is throttled per address', async () => {
    const logins = Array.from({ length: 40 }, (_, i) => `user${i}`);
    const server = await serverWithUsers(logins);
    const statuses: number[] = [];
    for (const login of logins) statuses.push((await postJson(`${server.httpUrl}/auth/login`, { login, password: '猜测' })).status);
    const checked = statuses.filter((s) => s === 401).length;
    console.log(`[login-lockout] 40 logins guessed once each: ${checked} checked (401), ${statuses.filter((s) => s === 429).length} refused (429)`);
    expect(checked).toBeLessThanOrEqual(20);
    expect(statuses.slice(checked).every((s) => s === 429)).toBe(true);
  });

  it('/auth/challenge is rate-limited per address', async () => {
    const pkiDir = tempDir('xietong-pki-');
    initCa({ dataDir: pkiDir, caPin: '123456', iterations: 1_000, organisation: '演示单位', days: 30 });
    const server = await serverWithUsers(['zhang'], ['--trust-ca', pkiPaths(pkiDir).caCert]);
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await postJson(`${server.httpUrl}/auth/challenge`, {})).status);
    console.log(`[login-lockout] 60 challenges at once: ${statuses.filter((s) => s === 200).length} issued, ${statuses.filter((s) => s === 429).length} refused`);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(30);
    expect(statuses).toContain(429);
  });
});
