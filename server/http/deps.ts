/**
 * What every router is built from: the store, the clock, the limits and the jobs service (the
 * worker pool and cache for heavy work). `createApp(options)` fills
 * it with production defaults; tests pass their own temp store, clock or limits and so run the
 * production app, wiring and all.
 */
import type { Clock } from '../clock.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import type { LoginRateLimitOptions } from './middleware/rate-limit.js';

export interface Limits {
  /** Failed sign-ins allowed per email and per connection, and the window they are counted in. */
  login?: LoginRateLimitOptions;
}

export interface AppDeps {
  store: Store;
  clock: Clock;
  limits: Limits;
  jobs: Jobs;
}
