import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEV_OFFICE_URL, devOfficePaths, devOfficeSeeder, devOfficeServerArgs, devOfficeUsers } from './dev-office-plan';

/**
 * `npm run dev:office [-- --data DIR]`: one sync server and two web hosts with two demo users
 * (林督查 of the 督查室 and 陈志强 of 市工信局(大数据局), password `demo`), so the 督办 cycle
 * between two offices can be watched in two browser windows.
 * The server trusts the demo PKI all profiles share (OA_DEMO_PKI_DIR): signature checks and
 * certificate login are on, as in a real deployment. Since unsigned seed imports are taken from
 * administrators only, an administrator's host (of the 督查室) imports and pushes the seed first
 * and stops; the two offices start without it (`--no-seed`) and receive the records their units
 * may see. The web hosts get the server's
 * address and their user's token as XIETONG_SYNC_URL and XIETONG_SYNC_TOKEN (main/sync/README.md),
 * so each acts as its logged-in user. The seeder builds the renderer if needed; the offices'
 * hosts start after it (two builds at once would race).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const base = dataFlag >= 0 && args[dataFlag + 1] ? path.resolve(args[dataFlag + 1]!) : path.join(os.tmpdir(), 'xietong-dev-office');
const paths = devOfficePaths(base);
fs.mkdirSync(paths.serverDir, { recursive: true });

const oa = (...argv: string[]): string => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'cli', 'oa.ts'), ...argv], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oa ${argv.join(' ')} 失败:${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
};

const caCert = oa('ca', 'demo', '--data', paths.pkiDir);
const pki = { caCert, crl: path.join(path.dirname(caCert), 'crl.pem') };
for (const u of [...devOfficeUsers, devOfficeSeeder]) {
  oa('user', 'add', '--data', paths.serverDir, '--login', u.login, '--name', u.name, '--unit', u.unit, '--role', u.role, '--password', 'demo');
}

const children: ChildProcess[] = [];
const start = (label: string, argv: string[], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ['--import', 'tsx', ...argv], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let seen = '';
  const prefix = (chunk: Buffer) => {
    seen += chunk.toString();
    chunk.toString().split('\n').filter(Boolean).forEach((l) => console.log(`[${label}] ${l}`));
  };
  child.stdout?.on('data', prefix);
  child.stderr?.on('data', prefix);
  children.push(child);
  /** Resolves with the output once it contains `text` (or the process ended). */
  const printed = (text: string) =>
    new Promise<string>((resolve) => {
      const timer = setInterval(() => {
        if (!seen.includes(text) && child.exitCode === null) return;
        clearInterval(timer);
        resolve(seen);
      }, 100);
    });
  return { child, printed };
};

const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** The seeder imports the seed; the offices get from the server exactly the records their units may see. */
const webHost = (label: string, login: string, port: number, flags: string[]) =>
  start(label, [path.join(root, 'main', 'web', 'cli.ts'), '--port', String(port), '--data', path.join(base, login), ...flags], {
    XIETONG_SYNC_URL: DEV_OFFICE_URL,
    XIETONG_SYNC_TOKEN: oa('token', '--data', paths.serverDir, '--user', login, '--ttl', '7d'),
    OA_DEMO_PKI_DIR: paths.pkiDir,
  });

/** Polls a host's sync status until it is online with nothing pending. */
async function whenSynced(url: string): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(new URL('rpc', url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ channel: 'sync.status', input: {} }) }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { ok?: boolean; value?: { state: string; pending: number } } | null;
    if (body?.ok && body.value?.state === 'online' && body.value.pending === 0) return;
  }
}

const server = start('sync-server', [path.join(root, 'sync-server', 'cli.ts'), ...devOfficeServerArgs(paths, pki)]);
await server.printed('"msg":"listening"');

const seeder = webHost('导入种子', devOfficeSeeder.login, 0, []);
const seederUrl = /listening on (http:\/\/\S+)/.exec(await seeder.printed('listening on'))?.[1];
if (seederUrl) await whenSynced(seederUrl);
seeder.child.kill('SIGTERM');

for (const u of devOfficeUsers) await webHost(u.name, u.login, u.port, ['--no-build', '--no-seed']).printed('listening on');
console.log(`同步服务器 ${DEV_OFFICE_URL}(信任演示 CA:${pki.caCert}),数据在 ${base}`);
for (const u of devOfficeUsers) console.log(`${u.name}:http://127.0.0.1:${u.port}/(登录名 ${u.login},口令 demo)`);
