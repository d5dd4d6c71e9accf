import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../../../core/sync/mux';
import { MUX_PATH, MUX_VERSION } from '../../../core/sync/protocol';

export interface Server {
  wsUrl: string;
}

/**
 * Another user's connection, opened before an attack starts: `roundTrip` pushes a one-field update
 * to `name` on the multiplexed endpoint and times it until the server's acknowledgement (after its
 * commit). Rejects after `guardMs` (a hang guard, not a performance limit).
 */
export async function openProbe(server: Server, token: string, guardMs = 60_000): Promise<{ roundTrip(name: string, update: Uint8Array): Promise<number>; close(): void }> {
  const ws = new WebSocket(`${server.wsUrl}${MUX_PATH}?v=${MUX_VERSION}&token=${encodeURIComponent(token)}`);
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', () => reject(new Error('probe closed before open')));
  });
  let next = 1;
  return {
    roundTrip: (name, update) => {
      const id = next++;
      const started = performance.now();
      return new Promise<number>((resolve, reject) => {
        const onMessage = (data: Buffer) => {
          const frame = decodeServerFrame(new Uint8Array(data));
          if (frame.type !== 'ack' || frame.id !== id) return;
          ws.off('message', onMessage);
          resolve(performance.now() - started);
        };
        ws.on('message', onMessage);
        setTimeout(() => reject(new Error(`round trip: no acknowledgement within ${guardMs} ms`)), guardMs).unref();
        ws.send(encodeClientFrame({ type: 'push', id, name, update }));
      });
    },
    close: () => ws.terminate(),
  };
}
