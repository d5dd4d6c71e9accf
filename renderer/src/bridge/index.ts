import { createApi, type Bridge } from '../../../core/ipc/client';
import { AppEvent } from '../../../core/ipc/contract';
import { withPinRetry } from '../shared/pin-retry';
import { browserWebBridge, type WebBridge } from './web-bridge';

const electronBridge: Bridge | undefined = window.xietong;
const webBridge: WebBridge | null = electronBridge ? null : browserWebBridge();
const bridge: Bridge = electronBridge ?? (webBridge as WebBridge);

/** How this page is hosted: inside the Electron shell (preload bridge) or in a browser (web host). */
export const hostKind: 'electron' | 'web' = electronBridge ? 'electron' : 'web';

/** The one typed API client of the renderer. */
export const api = createApi(withPinRetry((channel, input) => bridge.invoke(channel, input)));

/** Subscribes to validated app events; malformed events are reported on the console and skipped. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  return bridge.onEvent((raw) => {
    const parsed = AppEvent.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    else console.warn('收到格式有误的事件,已忽略', raw);
  });
}

/**
 * Called when events may have been missed (the web event socket reconnected).
 * In Electron the IPC channel cannot drop, so this never fires there.
 */
export function onResync(listener: () => void): () => void {
  return webBridge ? webBridge.onReconnect(listener) : () => {};
}
