import type { Browser, Page } from '@playwright/test';
import { hashPassword } from '../../core/sync/password';
import { nodePasswordCrypto, withAccounts } from '../../main/sync/admin';
import { addUser, startSyncServer, tempDir, tokenFor, type SyncServerProcess } from '../../main/sync/testing/server-process';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';
import { startTcpRelay, type TcpRelay } from '../helpers/tcp-relay';

export interface Machine {
  host: HostProcess;
  page: Page;
}

export interface Office {
  server: SyncServerProcess;
  /** 林督查 (市政府督查室). */
  lin: Machine;
  /** 李四, an administrator (password `demo`). */
  li: Machine;
  /** Present when 李四's machine reaches the server through a relay that can be cut. */
  relay: TcpRelay | null;
}

/**
 * The office set-up of `npm run dev:office`: one sync server that knows 林督查 and 李四, a web
 * host and a browser context per machine. 林督查's machine connects at start (--sync-url and
 * --sync-token); so does 李四's unless `liConnected` is false (he then logs in from 设置), through
 * a cuttable TCP relay with `relay`. `run` gets them; when it fails the processes' last output is
 * printed (for a failure seen only in CI); everything is stopped afterwards.
 */
export async function inOffice(
  browser: Browser,
  opts: { name: string; liUnit: string; liConnected?: boolean; relay?: boolean },
  run: (office: Office) => Promise<void>,
): Promise<void> {
  const serverDir = tempDir(`xietong-e2e-${opts.name}-`);
  addUser(serverDir, 'dcs.lin', { name: '林督查', unit: '市政府督查室' });
  withAccounts(serverDir, (a) => a.putUser({ login: 'li', name: '李四', units: [opts.liUnit], role: 'admin', passwordHash: hashPassword('demo', nodePasswordCrypto) }));
  let server: SyncServerProcess | null = null;
  let relay: TcpRelay | null = null;
  const hosts: HostProcess[] = [];
  const start = async (dir: string, args: string[] = []) => {
    const host = await startHostProcess(tempDataDir(dir), args);
    hosts.push(host);
    return { host, page: await (await browser.newContext()).newPage() };
  };
  try {
    server = await startSyncServer({ dataDir: serverDir, args: ['--head-delay-ms', '10'] });
    relay = opts.relay ? await startTcpRelay(server.port) : null;
    const lin = await start(`xietong-e2e-${opts.name}-lin-`, ['--sync-url', server.wsUrl, '--sync-token', tokenFor(serverDir, 'dcs.lin')]);
    const li = await start(`xietong-e2e-${opts.name}-li-`, opts.liConnected === false ? [] : ['--sync-url', relay?.wsUrl ?? server.wsUrl, '--sync-token', tokenFor(serverDir, 'li')]);
    await run({ server, lin, li, relay });
  } catch (err) {
    const tail = (text: string) => text.split('\n').slice(-40).join('\n');
    console.log(`--- sync server (exit ${server?.child.exitCode ?? '-'} ${server?.child.signalCode ?? ''})\n${tail(server?.output() ?? '')}`);
    hosts.forEach((h, i) => console.log(`--- host ${i === 0 ? '林督查' : '李四'}\n${tail(h.output())}`));
    throw err;
  } finally {
    for (const h of hosts) await h.stop();
    await relay?.close();
    await server?.stop('SIGKILL');
  }
}
