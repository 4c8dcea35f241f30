import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Each question's results are fetched as it comes into view. Sections above grow as they load, so
 * a slot is never "stable" for long (Playwright's scrollIntoViewIfNeeded waits for that, and times
 * out on a slow machine): scroll the first still-pending one into view on each poll until none is left.
 */
export async function loadAllQuestions(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        await page.evaluate(() => document.querySelector('.results-controls-pending')?.scrollIntoView({ block: 'center' }));
        return page.locator('.results-controls-pending').count();
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(0);
}
