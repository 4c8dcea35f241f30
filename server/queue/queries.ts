/**
 * Every read and write of the job queue in the store: jobs queued by any server, taken by whichever
 * is free (one at a time, so no two take the same), their progress, and what they came to.
 */
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { queuedJobs } from '../store/schema.js';
import { ready } from '../store/transaction.js';

export type QueuedJobRow = typeof queuedJobs.$inferSelect;

export async function insertJob(db: Db, values: { kind: string; input: unknown; officerId: number | null }): Promise<QueuedJobRow> {
  await ready(db);
  return db.insert(queuedJobs).values(values).returning().get();
}

export async function jobById(db: Db, id: number): Promise<QueuedJobRow | undefined> {
  await ready(db);
  return db.select().from(queuedJobs).where(eq(queuedJobs.id, id)).get();
}

/** The latest `limit` jobs, newest first. */
export async function recentJobs(db: Db, limit: number): Promise<QueuedJobRow[]> {
  await ready(db);
  return db.select().from(queuedJobs).orderBy(desc(queuedJobs.id)).limit(limit).all();
}

/**
 * Takes the oldest queued job, or a running one whose server has not beaten since `stalledBefore`
 * (it stopped), for `runner`: one write transaction, so two servers never take the same job.
 */
export async function claimNextJob(db: Db, runner: string, nowIso: string, stalledBefore: string): Promise<QueuedJobRow | undefined> {
  await ready(db);
  return db.transaction(
    (tx) => {
      const next = tx
        .select({ id: queuedJobs.id, attempts: queuedJobs.attempts })
        .from(queuedJobs)
        .where(or(eq(queuedJobs.state, 'queued'), and(eq(queuedJobs.state, 'running'), lt(queuedJobs.heartbeatAt, stalledBefore))))
        .orderBy(queuedJobs.id)
        .limit(1)
        .get();
      if (!next) return undefined;
      return tx
        .update(queuedJobs)
        .set({ state: 'running', runner, startedAt: nowIso, heartbeatAt: nowIso, attempts: next.attempts + 1, progress: null })
        .where(eq(queuedJobs.id, next.id))
        .returning()
        .get();
    },
    { behavior: 'immediate' },
  );
}

/** The job's progress now (and a heartbeat: its server is still at it). */
export async function setJobProgress(db: Db, id: number, runner: string, progress: unknown, nowIso: string): Promise<void> {
  await ready(db);
  db.update(queuedJobs)
    .set({ progress, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)))
    .run();
}

export async function finishJob(db: Db, id: number, runner: string, result: unknown, nowIso: string): Promise<void> {
  await ready(db);
  db.update(queuedJobs)
    .set({ state: 'done', result, finishedAt: nowIso, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)))
    .run();
}

export async function failJob(db: Db, id: number, runner: string, error: string, status: number, nowIso: string): Promise<void> {
  await ready(db);
  db.update(queuedJobs)
    .set({ state: 'failed', error, errorStatus: status, finishedAt: nowIso, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)))
    .run();
}
