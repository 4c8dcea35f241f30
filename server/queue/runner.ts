/**
 * Runs queued jobs on this server: every `pollMs` it takes the oldest queued job from the store (or
 * one whose server stopped beating for `stallMs`), runs it, and writes its progress (at most every
 * `progressMs`, which also beats its heart) and what it came to. One job at a time per server, so
 * several servers on one store share the queue; a job refused as a person would be (an HttpError)
 * is `failed` with that message and status, and anything else with a 500 and its message.
 */
import { hostname } from 'node:os';
import { HttpError, Unprocessable } from '../errors.js';
import type { Jobs } from '../jobs/jobs.js';
import type { Store } from '../store/open.js';
import { JOB_KINDS } from './kinds.js';
import { inPartnership } from '../store/partnership-scope.js';
import { claimNextJob, failJob, finishJob, type QueuedJobRow, setJobProgress } from './queries.js';

export interface RunnerOptions {
  jobs: Jobs;
  pollMs?: number;
  stallMs?: number;
  progressMs?: number;
  /** This server's name in the store (default host:pid). */
  name?: string;
}

export interface JobRunner {
  /** Stops taking jobs; resolves once the one running (if any) has finished. */
  stop(): Promise<void>;
}

export function startJobRunner(
  store: Store,
  { jobs, pollMs = 500, stallMs = 60_000, progressMs = 250, name = `${hostname()}:${process.pid}` }: RunnerOptions,
): JobRunner {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const now = () => new Date().toISOString();

  async function run(job: QueuedJobRow): Promise<void> {
    const kind = JOB_KINDS[job.kind];
    let last: unknown = null;
    let written = 0;
    const write = () => {
      written = Date.now();
      void setJobProgress(store.db, job.id, name, last, now()).catch(() => {
        // Progress is for show; the job goes on.
      });
    };
    const heart = setInterval(write, Math.max(progressMs, Math.floor(stallMs / 4)));
    try {
      if (!kind) throw new Unprocessable(`There is no job kind '${job.kind}'.`);
      const input = kind.input.parse(job.input);
      const result = await kind.run(input, {
        store,
        jobs,
        officer: job.officerId === null ? null : { id: job.officerId },
        progress(value) {
          last = value;
          if (Date.now() - written >= progressMs) write();
        },
      });
      await finishJob(store.db, job.id, name, result ?? null, now());
    } catch (e) {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      await failJob(store.db, job.id, name, message, status, now());
    } finally {
      clearInterval(heart);
    }
  }

  async function tick(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    let job: QueuedJobRow | undefined;
    try {
      job = await claimNextJob(store.db, name, now(), new Date(Date.now() - stallMs).toISOString());
    } catch {
      // The store is busy or closing: try again at the next poll.
    }
    // A job works in the partnership it was queued in, as the officer who queued it did.
    const claimed = job;
    if (claimed) await inPartnership(claimed.partnershipId, () => run(claimed));
    if (!stopped) timer = setTimeout(() => (current = tick()), job ? 0 : pollMs);
  }

  timer = setTimeout(() => (current = tick()), 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
