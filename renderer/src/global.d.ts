import type { Bridge } from '../../core/ipc/client';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the page is served by the web host. */
    xietong?: Bridge;
  }
}

export {};
