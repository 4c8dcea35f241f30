/** A real SQLite file in a fresh temporary folder, migrated like production, for one test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/http/app.js';
import { openStore, type SqliteStore, type Store } from '../../server/store/open.js';
import { addSurvey, createWave, setWaveStatus } from '../../server/surveys/manage.js';
import { loadBundledSurveys } from '../../surveys/metadata.js';

export interface TempStore {
  store: SqliteStore;
  dir: string;
  cleanup(): void;
}

export function tempStore(): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'csp-test-'));
  const store = openStore(dir);
  return {
    store,
    dir,
    cleanup() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds a bundled questionnaire (with its metadata) and opens a wave of it. */
export async function withOpenWave(store: Store, slug: string, wave = '2026') {
  const bundled = loadBundledSurveys().find((b) => b.slug === slug);
  if (!bundled) throw new Error(`no bundled survey ${slug}`);
  await addSurvey(store.db, {
    slug,
    definition: bundled.definition,
    metadata: bundled.metadata as unknown as Record<string, unknown>,
    audience: bundled.metadata.audience,
  });
  await createWave(store.db, slug, wave);
  await setWaveStatus(store.db, slug, wave, 'open');
  return bundled;
}

export function testApp(store: Store) {
  return createApp({ store });
}

/** POST JSON through app.request(), as a browser would. */
export function postJson(app: ReturnType<typeof createApp>, path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
