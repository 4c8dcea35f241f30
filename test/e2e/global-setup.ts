/**
 * Runs once before the browser tests (vitest.browser.config.ts): builds the client once, so every
 * file serves the same fresh bundle (E2E_SKIP_BUILD=1 reuses what is already built), and starts
 * ONE Chromium that every test file connects to, each with its own contexts, instead of each file
 * launching its own.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { chromiumArgs, chromiumPath, clientDir, root } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the shared Chromium listens (playwright's `chromium.connect`). */
    chromiumWsEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync(join(root, 'node_modules/.bin/vite'), ['build'], { cwd: root, stdio: 'pipe', env: { ...process.env, CLIENT_OUT_DIR: clientDir } });
  }
  const server = await chromium.launchServer({ executablePath: chromiumPath, args: chromiumArgs });
  project.provide('chromiumWsEndpoint', server.wsEndpoint());
  return async () => {
    await server.close();
  };
}
