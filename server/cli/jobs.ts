/**
 * The CLI's way to the heavy work: the same jobs service (worker pool, cache) the server's routes
 * call, so a report on the command line is computed by the same code on the same read-only view of
 * the store. One worker, started for the command and stopped when it is done.
 */
import { createJobs, type Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';

export async function withJobs<T>(store: Store, work: (jobs: Jobs) => Promise<T>): Promise<T> {
  const jobs = createJobs(store, { workers: 1 });
  try {
    return await work(jobs);
  } finally {
    await jobs.close();
  }
}
