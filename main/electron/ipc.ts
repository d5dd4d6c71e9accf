import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNEL, listMethods, type AppEvent } from '../../core/ipc/contract';
import type { Dispatch } from '../../core/ipc/dispatch';

/** Registers every contract method on ipcMain; calls from frames outside the app are refused. */
export function registerIpc(dispatch: Dispatch, isAppFrame: (event: IpcMainInvokeEvent) => boolean): void {
  for (const { channel } of listMethods()) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isAppFrame(event)) return { ok: false, error: { code: 'BAD_INPUT', message: '拒绝来自非本应用页面的调用' } };
      return dispatch(channel, input);
    });
  }
}

export function broadcast(windows: readonly BrowserWindow[], event: AppEvent): void {
  for (const win of windows) if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
}
