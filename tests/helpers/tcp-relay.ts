import net from 'node:net';

/**
 * A TCP relay between one machine and the sync server, so that a test can take that machine
 * offline alone: `cut()` drops its open connections and refuses new ones (as a pulled cable
 * would), `restore()` lets it reconnect. Binds 127.0.0.1 only; `close()` stops it.
 */
export interface TcpRelay {
  /** ws://127.0.0.1:<port>: give this to the machine instead of the server's address. */
  wsUrl: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpRelay(targetPort: number): Promise<TcpRelay> {
  let cut = false;
  const open = new Set<net.Socket>();
  const track = (s: net.Socket) => {
    open.add(s);
    s.on('close', () => open.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (cut) return void client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    cut: () => {
      cut = true;
      for (const s of open) s.destroy();
    },
    restore: () => {
      cut = false;
    },
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
