/**
 * The CLI's way to the heavy work: the same jobs service (worker pool, cache) the server's routes
 * call, so a report on the command line is computed by the same code on the same read-only view of
 * the store. One worker, started for the command and stopped when it is done; with helper threads
 * for a big report only when REPORT_HELPERS asks (starting one costs a command about a second).
 */
import { settings } from '../config.js';
import { createJobs, type Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';

export async function withJobs<T>(store: Store, work: (jobs: Jobs) => Promise<T>): Promise<T> {
  const jobs = createJobs(store, { workers: 1, helpers: settings().reportHelpers });
  try {
    return await work(jobs);
  } finally {
    await jobs.close();
  }
}
