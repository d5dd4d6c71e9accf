import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run dev:office [-- --data DIR]`: one sync server and two web hosts with two demo users
 * (张三 and 李四 of 市工信局, password `demo`), so sync can be watched in two browser windows.
 * The web hosts get the server's address and their user's token as XIETONG_SYNC_URL and
 * XIETONG_SYNC_TOKEN, so their sync engines connect at start (main/sync/README.md). The hosts
 * start one after the other: the first builds the renderer if needed (two at once would race).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dataFlag = args.indexOf('--data');
const base = dataFlag >= 0 && args[dataFlag + 1] ? path.resolve(args[dataFlag + 1]!) : path.join(os.tmpdir(), 'xietong-dev-office');
const serverDir = path.join(base, 'sync-server');
fs.mkdirSync(serverDir, { recursive: true });

const oa = (...argv: string[]): string => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'main', 'cli', 'oa.ts'), ...argv], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oa ${argv.join(' ')} 失败:${r.stderr}`);
  return r.stdout.trim().split('\n').pop()!;
};

const users = [
  { login: 'zhang', name: '张三', port: 5171 },
  { login: 'li', name: '李四', port: 5172 },
];
for (const u of users) oa('user', 'add', '--data', serverDir, '--login', u.login, '--name', u.name, '--unit', '市工信局', '--role', 'staff', '--password', 'demo');

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
  /** Resolves when the output contains `text` (or the process ended). */
  const printed = (text: string) =>
    new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (!seen.includes(text) && child.exitCode === null) return;
        clearInterval(timer);
        resolve();
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

start('sync-server', [path.join(root, 'sync-server', 'cli.ts'), '--port', '1234', '--host', '127.0.0.1', '--data', serverDir]);
for (const [i, u] of users.entries()) {
  const token = oa('token', '--data', serverDir, '--user', u.login, '--ttl', '7d');
  const host = start(u.name, [path.join(root, 'main', 'web', 'cli.ts'), '--port', String(u.port), '--data', path.join(base, u.login), ...(i > 0 ? ['--no-build'] : [])], {
    XIETONG_SYNC_URL: 'ws://127.0.0.1:1234',
    XIETONG_SYNC_TOKEN: token,
    // One demo PKI for both hosts, so each trusts the other's signed 督办 events.
    OA_DEMO_PKI_DIR: path.join(base, 'pki'),
  });
  await host.printed('listening on');
}
console.log(`同步服务器 ws://127.0.0.1:1234,数据在 ${base}`);
for (const u of users) console.log(`${u.name}:http://127.0.0.1:${u.port}/(登录名 ${u.login},口令 demo)`);
