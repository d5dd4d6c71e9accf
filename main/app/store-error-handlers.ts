import type { Handlers } from '../../core/ipc/dispatch';
import { toStoreError } from '../store/errors';

/**
 * Every handler's SQLite failure as the store's error: damage found after open (a page read for
 * the first time) reaches the user as STORE_CORRUPT naming the file and what to do, not as
 * 内部错误: database disk image is malformed.
 */
export function withStoreErrorMapping(handlers: Handlers, file: string): Handlers {
  const mapped: Record<string, Record<string, (input: unknown) => unknown>> = {};
  for (const [area, methods] of Object.entries(handlers as unknown as Record<string, Record<string, (input: unknown) => unknown>>)) {
    mapped[area] = Object.fromEntries(
      Object.entries(methods).map(([name, run]) => [
        name,
        async (input: unknown) => {
          try {
            return await run.call(methods, input);
          } catch (err) {
            throw toStoreError(err, file);
          }
        },
      ]),
    );
  }
  return mapped as unknown as Handlers;
}
