import { test as base } from '@playwright/test';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';

/** Each test gets its own web host process with an empty profile (the seed imports on first start). */
export const test = base.extend<{ host: HostProcess }>({
  // Playwright reads the fixture's dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHostProcess(tempDataDir('xietong-e2e-'));
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
