// better-sqlite3 in node_modules is built for Node's ABI (tests, web host, CLI). Electron needs its
// own ABI, so `npm start` builds a second copy under out/native/ and passes it as `nativeBinding`.
// `npm run dist` does not use this: electron-builder rebuilds the packaged copy itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function ensureElectronSqlite(root) {
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const outDir = path.join(root, 'out', 'native', `electron-${electronVersion}`);
  const file = path.join(outDir, 'better_sqlite3.node');
  if (fs.existsSync(file)) return { ok: true, file };
  const work = path.join(outDir, 'build-src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  });
  console.log(`正在为 Electron ${electronVersion} 编译 better-sqlite3(约一分钟)…`);
  const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers', '--runtime=electron'],
    { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !fs.existsSync(built)) return { ok: false, reason: '需要联网下载 Electron 头文件' };
  fs.copyFileSync(built, file);
  fs.rmSync(work, { recursive: true, force: true });
  return { ok: true, file };
}
