import { BrowserWindow, shell, type WebContents } from 'electron';
import path from 'node:path';

/** Every window: sandboxed, isolated, no Node; navigation and pop-ups are blocked. */
export function createMainWindow(rendererIndex: string, preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '协同办公',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  lockDown(win.webContents, rendererIndex);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(rendererIndex);
  return win;
}

/** Blocks navigation away from the app; external http(s) links open in the system browser. */
export function lockDown(contents: WebContents, rendererIndex: string): void {
  const appUrl = new URL(`file://${path.resolve(rendererIndex)}`);
  contents.on('will-navigate', (event, url) => {
    const target = new URL(url);
    if (target.protocol === 'file:' && target.pathname === appUrl.pathname) return;
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

function openExternal(url: string): void {
  if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
}
