import { test as base, type Page } from '@playwright/test';
import { startHostProcess, tempDataDir, type HostProcess } from '../helpers/host-process';

/** The demo keys' PIN (main/crypto/demo-pki.ts DEMO_PIN): public by design. */
export const DEMO_PIN = '123456';

/**
 * Answers the PIN dialog (renderer/src/shared/usePinPrompt.tsx) whenever it appears, as the user
 * would: once per session for signatures, every time for a seal. It runs inside the page, so a
 * page the test is not acting on at that moment (the other machine) answers too. Tests of the
 * dialog itself call `answerPinManually(page)` first.
 */
export const pinDialog = (page: Page) => page.getByTestId('pin-dialog');
export async function enterDemoPin(page: Page): Promise<void> {
  await page.addInitScript((pin) => {
    const answer = () => {
      if (sessionStorage.getItem('xt.e2e.manualPin') === '1') return;
      const input = document.querySelector<HTMLInputElement>('[data-testid="pin-input"]');
      if (!input || input.dataset.answered) return;
      input.dataset.answered = '1';
      // A controlled React input: set the value the way typing does, then press Enter.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, pin);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      setTimeout(() => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true })), 50);
    };
    new MutationObserver(answer).observe(document, { childList: true, subtree: true });
  }, DEMO_PIN);
}
/** This page answers the PIN dialog itself (for the rest of its session). */
export async function answerPinManually(page: Page): Promise<void> {
  await page.evaluate(() => sessionStorage.setItem('xt.e2e.manualPin', '1'));
}

/** Each test gets its own web host process with an empty profile (the seed imports on first start). */
export const test = base.extend<{ host: HostProcess }>({
  // Playwright reads the fixture's dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const host = await startHostProcess(tempDataDir('xietong-e2e-'));
    await use(host);
    await host.stop();
  },
  // Every page of the test's context, and of contexts a test opens itself, answers the PIN dialog.
  context: async ({ context }, use) => {
    context.on('page', (page) => void enterDemoPin(page));
    await use(context);
  },
  browser: [
    async ({ browser }, use) => {
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        // As the config's own contexts (playwright.config.ts): no zooming dialogs.
        const context = await newContext({ reducedMotion: 'reduce', ...options });
        context.on('page', (page) => void enterDemoPin(page));
        return context;
      };
      await use(browser);
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
