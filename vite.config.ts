import { configDefaults, defineConfig } from 'vitest/config';
import solid from 'vite-plugin-solid';
import { resolve } from 'node:path';
import { precompress } from './client/build/precompress.js';

// One Vite config for the client build and for vitest.
// Each HTML entry is its own bundle, so the respondent page loads only the survey runtime.
export default defineConfig({
  root: 'client',
  plugins: [solid(), precompress()],
  build: {
    // CLIENT_OUT_DIR: build elsewhere (tests building their own copy); the server reads CLIENT_DIR.
    outDir: resolve(import.meta.dirname, process.env.CLIENT_OUT_DIR ?? 'dist/client'),
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        respondent: resolve(import.meta.dirname, 'client/respondent.html'),
        officer: resolve(import.meta.dirname, 'client/officer.html'),
      },
    },
  },
  test: {
    root: import.meta.dirname,
    // vite-plugin-solid would make jsdom the default; server, analysis and browser tests run in node.
    environment: 'node',
    // `vitest run` is the fast part; the browser tests run with vitest.browser.config.ts.
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests each start a server (and share one Chromium); keep them from competing for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
    // Each worker loads the server's modules once for all its files, not once per file (loading them
    // was two thirds of the fast part's time). Tests open their own stores and apps, so nothing of one
    // file's is seen by the next; the browser tests' files each start their own server and browser contexts.
    isolate: false,
  },
});
