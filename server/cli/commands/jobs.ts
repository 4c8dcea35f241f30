/**
 * `jobs list`, `jobs show --id n` and `jobs queue --kind k --input '{…}' [--wait]`: the long jobs
 * in the store (crime imports, weighting runs), as GET and POST /api/officer/jobs give them, through
 * the same checks. Whichever server is running takes a queued job; `--wait` also runs the queue in
 * this process until the job has ended (claiming is exclusive, so a server that takes it first
 * simply runs it), printing its progress on standard error.
 */
import { createJobs } from '../../jobs/jobs.js';
import { enqueueJob, jobOf, latestJobs } from '../../queue/queue.js';
import { startJobRunner } from '../../queue/runner.js';
import type { JobView } from '../../queue/schemas.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `jobs list [--limit n] [--json]
jobs show --id n [--json]
jobs queue --kind crime-import|weighting|report --input '{json}' [--wait] [--json]   (the input as POST /api/officer/jobs takes it)`;

const line = (j: JobView) =>
  `${j.id}\t${j.kind}\t${j.state}\t${j.createdAt}\t${j.error ? j.error.message : j.state === 'done' ? 'done' : progressText(j.progress)}`;

function progressText(progress: unknown): string {
  if (progress && typeof progress === 'object' && 'message' in progress) return String((progress as { message: unknown }).message);
  return progress === null || progress === undefined ? '' : JSON.stringify(progress);
}

const ended = (j: JobView) => j.state === 'done' || j.state === 'failed';

export const jobsCommand: Command = async (args, { store, out, err }) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    const f = flags(rest, { limit: { type: 'string' }, json: { type: 'boolean' } });
    const limit = f.limit === undefined ? 50 : Number(f.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000.');
    const jobs = await latestJobs(store, limit);
    if (f.json) out(JSON.stringify(jobs, null, 2));
    else if (!jobs.length) out('No jobs yet.');
    else for (const j of jobs) out(line(j));
    return 0;
  }
  if (sub === 'show') {
    const f = flags(rest, { id: { type: 'string' }, json: { type: 'boolean' } }, ['id']);
    const id = Number(f.id);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('--id must be a job number, as jobs list shows.');
    const job = await jobOf(store, id);
    out(f.json ? JSON.stringify(job, null, 2) : line(job));
    return job.state === 'failed' ? 1 : 0;
  }
  if (sub === 'queue') {
    const f = flags(rest, { kind: { type: 'string' }, input: { type: 'string' }, wait: { type: 'boolean' }, json: { type: 'boolean' } }, ['kind', 'input']);
    let input: unknown;
    try {
      input = JSON.parse(f.input!);
    } catch {
      throw new UsageError('--input must be JSON, e.g. \'{"slug":"resident-safety","wave":"2026","request":{"source":"population"}}\'.');
    }
    let job = await enqueueJob(store, { kind: f.kind as JobView['kind'], input }, null);
    err(`Queued job ${job.id} (${job.kind}).`);
    if (f.wait) {
      const pool = createJobs(store, { workers: 1 });
      const runner = startJobRunner(store, { jobs: pool, pollMs: 200 });
      let said = '';
      try {
        while (!ended(job)) {
          await new Promise((r) => setTimeout(r, 200));
          job = await jobOf(store, job.id);
          const now = progressText(job.progress);
          if (now && now !== said) err((said = now));
        }
      } finally {
        await runner.stop();
        await pool.close();
      }
    }
    out(f.json ? JSON.stringify(job, null, 2) : line(job));
    return job.state === 'failed' ? 1 : 0;
  }
  throw new UsageError(`Unknown jobs command '${sub ?? ''}'.`);
};
