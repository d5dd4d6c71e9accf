import WebSocket from 'ws';
import type { Transport } from './types';

/**
 * The default transport: `ws` in the main process. Activity is reported for every chunk the
 * socket receives, not only for whole messages, so a first sync of a very large record never
 * looks like a dead connection (the stock client's fixed 30 s timeout, y-websocket#203).
 */
export const wsTransport: Transport = (url, handlers) => {
  const ws = new WebSocket(url, { maxPayload: 512 * 1024 * 1024 });
  ws.binaryType = 'nodebuffer';
  ws.on('open', () => {
    const socket = (ws as unknown as { _socket?: NodeJS.EventEmitter & { setKeepAlive?: (on: boolean, ms: number) => void } })._socket;
    socket?.on('data', () => handlers.onActivity());
    socket?.setKeepAlive?.(true, 15_000);
    handlers.onOpen();
  });
  ws.on('message', (data: Buffer, isBinary) => {
    handlers.onActivity();
    if (isBinary) handlers.onMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  });
  ws.on('close', (code, reason) => handlers.onClose(code, reason.toString()));
  ws.on('error', () => {
    // 'close' follows every error; the engine decides what to do there.
  });
  return {
    send: (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    close: (code, reason) => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(code, reason);
    },
  };
};
