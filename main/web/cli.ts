import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../core/result';
import { intFlag, parseArgs, stringFlag } from '../app/args';
import { clockFrom } from '../app/clock';
import { resolveDataDir } from '../app/data-dir';
import { openApp } from '../app/open-app';
import { describeSync, syncStartOptions } from '../sync/startup';
import { ensureRendererBuilt } from './ensure-renderer';
import { startWebHost } from './server';

/**
 * `npm run web -- [--port 5170] [--data DIR] [--no-build] [--no-seed] [--now 2022-07-05T09:00:00+08:00]`: the app in a
 * browser, loopback only. `--now` (or OA_NOW) starts the host's clock at that instant (tests, demonstrations).
 * `--sync-url ws://127.0.0.1:1234 --sync-token T` (or XIETONG_SYNC_URL / XIETONG_SYNC_TOKEN) syncs with that server
 * from the start; otherwise with the login saved in 设置 → 数据同步, if any.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const port = intFlag(args, 'port', 5170);
  const dataDir = resolveDataDir({ flag: stringFlag(args, 'data') });
  const staticDir = args.flags.has('no-build') ? path.join(repoRoot, 'out', 'renderer') : ensureRendererBuilt(repoRoot, console.log);

  const startAt = stringFlag(args, 'now') ?? process.env.OA_NOW;
  const now = clockFrom(startAt);
  const sync = syncStartOptions({ url: stringFlag(args, 'sync-url'), token: stringFlag(args, 'sync-token') });
  // --no-seed: a profile that gets its records from the sync server only (npm run dev:office).
  const app = openApp({ dataDir, shell: 'web', ...(startAt ? { now } : {}), sync, autoSeed: !args.flags.has('no-seed') });
  if (startAt) console.log(`模拟时间:${now().toISOString()}`);
  if (app.seeded) console.log(`首次启动:已导入 ${app.seeded.document},督办事项 ${app.seeded.items} 项`);
  let host;
  try {
    host = await startWebHost({ dispatch: app.dispatch, staticDir, port });
  } catch (err) {
    app.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`端口 ${port} 已被占用,请用 --port 指定其他端口`);
    throw err;
  }
  const unsubscribe = app.store.onChange((ids) => host.publish({ type: 'records-changed', ids }));
  const unsubscribeSync = app.sync.onEvent((event) => host.publish(event));
  const unsubscribeEditor = app.editor.onEvent((event) => host.publish(event));
  console.log(`数据目录:${dataDir}`);
  console.log(describeSync(app.sync.status(), app.sync.tokenSealed()));
  console.log(`Xietong web host listening on ${host.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    unsubscribe();
    unsubscribeSync();
    unsubscribeEditor();
    await host.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  console.error(`无法启动:${message}`);
  process.exit(1);
});
