import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import base from './vite.config.js';

// The integration suite again, on PostgreSQL (`npm run test:pg`): every server test that opens its
// store through the store-neutral helpers (testStore, scaleTestStore, officerWorld, respondentWorld, demoWorld) runs
// on a fresh database of one throw-away cluster (test/pg/template-setup.ts). Tests of what only
// SQLite has keep tempStore() and run in the fast part only.
const neutral = /\b(testStore|scaleTestStore|officerWorld|respondentWorld|demoWorld)\(/;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
const onBoth = files('test/server').filter((f) => neutral.test(readFileSync(f, 'utf8')));

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: onBoth,
    globalSetup: ['test/pg/template-setup.ts'],
    env: { TEST_STORE: 'postgres' },
  },
});
