/**
 * The job queue as officers use it: `enqueueJob` checks a job (its kind, its input, who asks, and
 * that it could run) and queues it, refusing with a 4xx and queuing nothing otherwise; `jobOf` and
 * `latestJobs` are what an officer watches. Any server on the store runs it (runner.ts).
 */
import { audit } from '../accounts/audit.js';
import { can, type Role } from '../accounts/roles.js';
import { Forbidden, NotFound, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { JOB_KIND_NAMES, JOB_KINDS } from './kinds.js';
import { insertJob, jobById, type QueuedJobRow, recentJobs } from './queries.js';
import type { JobView, NewJob } from './schemas.js';

export function viewOf(row: QueuedJobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: row.progress ?? null,
    result: row.result ?? null,
    error: row.error ? { message: row.error, status: row.errorStatus ?? 500 } : null,
    attempts: row.attempts,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export async function enqueueJob(store: Store, body: NewJob, officer: { id: number; role: Role } | null): Promise<JobView> {
  const kind = JOB_KINDS[body.kind];
  if (!kind) throw new Unprocessable(`There is no job kind '${body.kind}'. Kinds: ${JOB_KIND_NAMES.join(', ')}.`, { field: 'kind' });
  if (officer && !can(officer.role, kind.permission)) throw new Forbidden(`Your role (${officer.role}) may not start a ${body.kind} job.`);
  const parsed = kind.input.safeParse(body.input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new Unprocessable(`The input of a ${body.kind} job is wrong${issue.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue.message}`, {
      field: 'input',
    });
  }
  await kind.check(store, parsed.data);
  const row = await insertJob(store.db, { kind: body.kind, input: parsed.data, officerId: officer?.id ?? null });
  await audit(store, officer, 'job.queued', { id: row.id, kind: row.kind });
  return viewOf(row);
}

export async function jobOf(store: Store, id: number): Promise<JobView> {
  const row = await jobById(store.db, id);
  if (!row) throw new NotFound(`There is no job ${id}.`);
  return viewOf(row);
}

export async function latestJobs(store: Store, limit = 50): Promise<JobView[]> {
  return (await recentJobs(store.db, limit)).map(viewOf);
}
