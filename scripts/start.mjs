#!/usr/bin/env node
// `npm start`: the Electron app. Where Electron's binary cannot be obtained (an offline build
// machine, a government intranet), say so in one line and serve the same app in the browser.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

function obtainElectron() {
  const existing = electronBinary();
  if (existing) return existing;
  console.log('首次运行:正在下载 Electron 运行环境…');
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return result.status === 0 ? electronBinary() : null;
}

function fallbackToWeb(reason) {
  console.log(`${reason},改为在浏览器中运行同一应用(等同 npm run web)。`);
  const child = spawn(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'main', 'web', 'cli.ts'), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

function run(cmd, cmdArgs) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

const binary = obtainElectron();
if (!binary) {
  fallbackToWeb('无法获取 Electron 运行环境(网络不可达)');
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fallbackToWeb('当前没有图形桌面(DISPLAY 未设置)');
} else if (!run('npm', ['run', '--silent', 'build'])) {
  console.log('构建失败,见上方输出。');
  process.exit(1);
} else {
  const native = ensureElectronSqlite(root);
  if (!native.ok) {
    fallbackToWeb(`无法为 Electron 编译本地数据库模块(${native.reason})`);
  } else {
    const child = spawn(binary, ['.', ...args], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, XIETONG_SQLITE_BINDING: native.file },
    });
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
