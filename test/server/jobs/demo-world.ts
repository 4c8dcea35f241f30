/**
 * The demo (2,200 + 1,800 SYNTHETIC resident replies, the youth survey, illustrative population)
 * on the test store (SQLite or Postgres), served by the real app with the jobs options given, and a signed-in analyst.
 * The report by ward × sex × age band with the change since 2025 takes seconds: the heavy job the
 * pool tests keep busy.
 */
import { createApp } from '../../../server/http/app.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import type { JobsOptions } from '../../../server/jobs/jobs.js';
import { signIn } from '../../helpers/officer.js';
import { testStore } from '../../helpers/store.js';

export const REPORT = '/api/officer/surveys/resident-safety/waves/2026/report';
export const HEAVY = `${REPORT}?by=ward,sex,age_band&compareWave=2025`;

export async function demoWorld(jobs: JobsOptions) {
  const t = await testStore();
  await loadDemoIfEmpty(t.store);
  const app = createApp({ store: t.store, jobs });
  const headers = await signIn(app, t.store, 'analyst');
  const get = async (path: string, init: RequestInit = {}) => app.request(path, { ...init, headers });
  return { ...t, app, headers, get };
}
