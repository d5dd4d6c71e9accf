import { afterEach, describe, expect, it } from 'vitest';
import { pkiPaths } from '../../main/crypto/ca-files';
import { DemoPki } from '../../main/crypto/demo-pki';
import { addUser, startSyncServer, tempDir, tokenFor } from '../../main/sync/testing/server-process';
import { startHostProcess, tempDataDir, webApi, type HostProcess } from '../helpers/web-host-process';
import { postJson } from '../helpers/slow-http';
import { until } from '../sync/helpers';

/**
 * Issue 9, insecure defaults: no server without a trust configuration unless --insecure-demo;
 * dev:office's server trusts its demo PKI; a profile logged in to a server acts only as its account.
 */
describe('insecure defaults', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('the server refuses to start without --trust-ca, saying why, unless --insecure-demo is given', async () => {
    const refused = await startSyncServer({ insecureDemo: false }).then(
      (s) => {
        cleanup.push(() => s.stop('SIGKILL'));
        return null;
      },
      (err: Error) => err.message,
    );
    expect(refused).toContain('未配置受信任的证书机构(--trust-ca CA.pem');
    expect(refused).toContain('--insecure-demo');
    const demo = await startSyncServer({ args: ['--insecure-demo'], insecureDemo: false });
    cleanup.push(() => demo.stop('SIGKILL'));
    expect((await fetch(`${demo.httpUrl}/healthz`)).status).toBe(200);
    expect(demo.output()).toContain('--insecure-demo: no --trust-ca');
  });

  it('dev:office starts its server trusting the demo PKI, with certificate login on', async () => {
    // Imported here, so the other tests of this file run where dev:office has no plan (the code before issue 9).
    const { devOfficePaths, devOfficeServerArgs } = await import('../../sync-server/dev-office-plan');
    const base = tempDir('xietong-dev-office-');
    const paths = devOfficePaths(base);
    DemoPki.open(paths.pkiDir);
    const planned = devOfficeServerArgs(paths, pkiPaths(paths.pkiDir));
    expect(planned).toEqual(expect.arrayContaining(['--trust-ca', pkiPaths(paths.pkiDir).caCert, '--crl', pkiPaths(paths.pkiDir).crl, '--public-url', 'ws://127.0.0.1:1234']));
    // The same flags on a free port (1234 may be taken on a test machine).
    const args = planned.map((a, i) => (planned[i - 1] === '--port' ? '0' : a));
    const server = await startSyncServer({ dataDir: paths.serverDir, args, insecureDemo: false });
    cleanup.push(() => server.stop('SIGKILL'));
    const challenge = await postJson(`${server.httpUrl}/auth/challenge`, {});
    expect(challenge.status).toBe(200);
    expect(challenge.body.challenge).toMatchObject({ audience: 'ws://127.0.0.1:1234' });
  });

  it('a profile logged in to a sync server acts only as its account: a 市工信局 clerk cannot switch to 林督查', async () => {
    const serverDir = tempDir();
    addUser(serverDir, 'zhang', { unit: '市工信局', name: '张三' });
    const server = await startSyncServer({ dataDir: serverDir });
    cleanup.push(() => server.stop('SIGKILL'));
    const host: HostProcess = await startHostProcess(tempDataDir('xietong-sec-host-'), ['--sync-url', server.wsUrl, '--sync-token', tokenFor(serverDir, 'zhang')]);
    cleanup.push(() => host.stop());
    const api = webApi(host.url);
    // The token names the login at once; name and unit come from the server once it answers.
    await until(async () => {
      const got = await api.session.get();
      return got.ok && got.value.current.unit !== '';
    }, 'the account learnt from the server');
    const info = await api.session.get();
    expect(info).toMatchObject({ ok: true, value: { current: { login: 'zhang', name: '张三', unit: '市工信局', role: 'unit_staff' }, demo: false } });
    const switched = await api.session.switch({ login: 'dcs.lin' });
    expect(switched).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('不能切换演示身份') as string } });
    expect(await api.session.get()).toMatchObject({ ok: true, value: { current: { login: 'zhang' } } });
  });
});
