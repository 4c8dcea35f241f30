import { configDefaults, defineConfig } from 'vitest/config';
import base from './vite.config.js';

// The browser tests only (`vitest run --config vitest.browser.config.ts`): one client build and one
// Chromium for the whole run (test/e2e/global-setup.ts); every file still starts its own server. Like
// the fast part, a worker loads the harness's modules once for all its files (they hold nothing of a
// file's but the Chromium connection, dropped with the file's last context).
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/e2e/**/*.test.ts'],
    exclude: configDefaults.exclude,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
