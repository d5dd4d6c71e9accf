import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_CHANNEL, listMethods } from '../../core/ipc/contract';
import type { Bridge } from '../../core/ipc/client';

// The only thing the renderer gets: one `window.xietong` object limited to the contract's channels.
const channels = new Set(listMethods().map((m) => m.channel));

const bridge: Bridge = {
  invoke(channel, input) {
    if (!channels.has(channel)) return Promise.reject(new Error(`未知的调用:${channel}`));
    return ipcRenderer.invoke(channel, input);
  },
  onEvent(listener) {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('xietong', bridge);
