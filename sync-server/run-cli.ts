import { ConfigError, parseConfig } from './config';
import { SyncServer, type SyncServerOptions } from './server';

/**
 * `npm run sync-server -- --port 1234 --data DIR`: runs until SIGTERM/SIGINT, then stops gracefully.
 * `extra`: options the command line cannot give (a test server's areas, testing/test-cli.ts).
 */
export async function runCli(argv: string[], extra: Pick<SyncServerOptions, 'registry'> = {}): Promise<void> {
  let config;
  try {
    config = parseConfig(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\n用法:npm run sync-server -- --data DIR --trust-ca CA.pem [--crl CRL.pem] [--public-url URL] [--port 1234] [--host 0.0.0.0] [--durability full|normal]\n      (仅演示或测试:以 --insecure-demo 代替 --trust-ca)`);
      process.exit(2);
    }
    throw err;
  }
  const server = await SyncServer.start({ ...config, ...extra });
  const stop = (signal: string) => {
    server.log.info({ signal }, 'signal received');
    // A second signal, or a stop that hangs, ends the process anyway.
    setTimeout(() => process.exit(1), 15_000).unref();
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        server.log.error({ err: String(err) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // Started by a test or bench with an IPC channel: never outlive the parent.
  if (process.send) process.once('disconnect', () => stop('parent exited'));
}

export function exitOnFailure(err: unknown): never {
  const message = err instanceof Error ? err.message : String(err);
  console.error(JSON.stringify({ level: 60, msg: 'sync server failed to start', err: message }));
  // The same in plain words for whoever started it by hand.
  console.error(`同步服务器未能启动:${message}`);
  process.exit(1);
}
