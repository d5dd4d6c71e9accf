import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import path from 'node:path';
import { AppError } from '../../core/result';
import { clockFrom } from '../app/clock';
import { openApp, type OpenedApp } from '../app/open-app';
import { resolveDataDir } from '../app/data-dir';
import { safeStorageWrapper } from '../crypto/safe-storage';
import { defaultSeedFile } from '../seed/import-seed';
import { syncStartOptions } from '../sync/startup';
import { CONTENT_SECURITY_POLICY } from '../web/static';
import { broadcast, registerIpc } from './ipc';
import { createMainWindow } from './window';

/** The thin Electron binding: lifecycle, windows and ipcMain registration of the plain handlers. */
const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const preload = path.join(__dirname, 'preload.cjs');

function flagFromArgv(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function dataDirFromArgv(): string | undefined {
  return flagFromArgv('data');
}

function showMainWindow(): void {
  const [win] = BrowserWindow.getAllWindows();
  if (!win) {
    createMainWindow(rendererIndex, preload);
    return;
  }
  if (win.isMinimized()) win.restore();
  win.focus();
}

async function start(): Promise<void> {
  // A second instance on the same machine focuses the first one instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', showMainWindow);
  await app.whenReady();

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  // The OS secret store (DPAPI, Keychain, libsecret) seals the sync login token; undefined where the OS has none.
  const osWrapper = safeStorageWrapper(safeStorage);
  let opened: OpenedApp;
  try {
    // `--now` / OA_NOW, as in the web host: demonstrations at a chosen date.
    const startAt = flagFromArgv('now') ?? process.env.OA_NOW;
    opened = openApp({
      ...(startAt ? { now: clockFrom(startAt) } : {}),
      dataDir: resolveDataDir({ flag: dataDirFromArgv() }),
      shell: 'electron',
      seedFile: defaultSeedFile(app.getAppPath()),
      ...(process.env.XIETONG_SQLITE_BINDING ? { nativeBinding: process.env.XIETONG_SQLITE_BINDING } : {}),
      // The sync engine runs here, in the main process: one for all windows, with or without a window open.
      sync: syncStartOptions({ url: flagFromArgv('sync-url'), token: flagFromArgv('sync-token') }),
      ...(osWrapper ? { osWrapper } : {}),
    });
  } catch (err) {
    // A corrupt or locked profile gets a clear message, never a blank window.
    const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
    dialog.showErrorBox('协同办公无法打开数据', message);
    app.exit(1);
    return;
  }

  const appIndex = path.resolve(rendererIndex);
  registerIpc(opened.dispatch, (event) => {
    const url = event.senderFrame?.url ?? '';
    return url.startsWith('file://') && decodeURIComponent(new URL(url).pathname) === appIndex.replace(/\\/g, '/');
  });
  opened.store.onChange((ids) => broadcast(BrowserWindow.getAllWindows(), { type: 'records-changed', ids }));
  opened.sync.onEvent((event) => broadcast(BrowserWindow.getAllWindows(), event));
  opened.editor.onEvent((event) => broadcast(BrowserWindow.getAllWindows(), event));

  showMainWindow();
  app.on('activate', showMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => opened.close());
}

void start();
