import { defineConfig } from '@playwright/test';

// Debian's Chromium (apt-get install chromium fonts-noto-cjk); `npx playwright install` cannot work here.
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  // A hang guard for a whole scenario: under load the 督办 lifecycle (some 70 steps) took up to 90 s.
  timeout: 300_000,
  // A safety net, not a speed target: on a loaded 2-core CI machine a save that takes 1 s here took
  // over 5 s (Playwright's default), failing a test whose page was right.
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    locale: 'zh-CN',
    // The renderer then turns antd's motion off: under load a click on a dialog still zooming in
    // was seen to land beside its button (signatures.spec, 用印 confirmation).
    reducedMotion: 'reduce',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
