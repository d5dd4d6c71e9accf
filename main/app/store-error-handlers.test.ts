import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../core/ipc/dispatch';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { createHandlers } from './handlers-index';
import { withStoreErrorMapping } from './store-error-handlers';

describe('withStoreErrorMapping', () => {
  it('turns damage a handler runs into after open into STORE_CORRUPT naming the file', async () => {
    const store = Store.open({ dir: tempDir() });
    try {
      const handlers = createHandlers({ store, shell: 'web' });
      handlers.search.query = () => {
        throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
      };
      const dispatch = createDispatcher(withStoreErrorMapping(handlers, store.file));
      const result = await dispatch('search.query', { q: '数字' });
      expect(result).toMatchObject({ ok: false, error: { code: 'STORE_CORRUPT', message: expect.stringContaining(store.file) as string } });
      // Everything else is untouched.
      expect(await dispatch('app.info', {})).toMatchObject({ ok: true });
    } finally {
      store.close();
      removeTempDirs();
    }
  });
});
