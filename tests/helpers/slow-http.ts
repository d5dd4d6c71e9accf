import net from 'node:net';

export interface HangingRequest {
  /** Everything the server answered so far. */
  answer(): string;
  /** Resolves when the server closed the connection. */
  readonly closed: Promise<void>;
  isClosed(): boolean;
  destroy(): void;
}

/**
 * Sends the headers of `POST path` announcing a body of `length` bytes, and never the body: the
 * slow-body attack on login routes (issue 9).
 */
export async function hangingPost(port: number, path: string, length = 100): Promise<HangingRequest> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let answer = '';
  let closed = false;
  socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
  socket.on('error', () => {});
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      resolve();
    }),
  );
  socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`);
  return { answer: () => answer, closed: done, isClosed: () => closed, destroy: () => socket.destroy() };
}

/** POSTs JSON; returns status, parsed body and headers. */
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: { error?: { code: string; message: string } } & Record<string, unknown>; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as never, headers: res.headers };
}
