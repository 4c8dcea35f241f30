/**
 * Every read and write of the job queue in the store: jobs queued by any server, taken by whichever
 * is free (one at a time, so no two take the same), their progress, and what they came to.
 */
import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { queuedJobs } from '../store/schema.js';
import { inTransaction, use } from '../store/transaction.js';
import { first, forUpdate, isPostgres, tablesOf } from '../store/dialect.js';
import { ofScope, owningPartnership } from '../store/partnership-scope.js';

export type QueuedJobRow = typeof queuedJobs.$inferSelect;

export async function insertJob(db: Db, values: { kind: string; input: unknown; officerId: number | null }): Promise<QueuedJobRow> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  return (
    await db
      .insert(queuedJobs)
      .values({ ...values, partnershipId: owningPartnership() })
      .returning()
  )[0];
}

export async function jobById(db: Db, id: number): Promise<QueuedJobRow | undefined> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  return (
    await db
      .select()
      .from(queuedJobs)
      .where(and(eq(queuedJobs.id, id), ofScope(queuedJobs.partnershipId)))
  )[0];
}

/** The latest `limit` jobs, newest first. */
export async function recentJobs(db: Db, limit: number): Promise<QueuedJobRow[]> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  return await db.select().from(queuedJobs).where(ofScope(queuedJobs.partnershipId)).orderBy(desc(queuedJobs.id)).limit(limit);
}

/**
 * Takes the oldest queued job, or a running one whose server has not beaten since `stalledBefore`
 * (it stopped), for `runner`: one write transaction, so two servers never take the same job.
 */
export async function claimNextJob(db: Db, runner: string, nowIso: string, stalledBefore: string): Promise<QueuedJobRow | undefined> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  const claimable = or(eq(queuedJobs.state, 'queued'), and(eq(queuedJobs.state, 'running'), lt(queuedJobs.heartbeatAt, stalledBefore)));
  const take = { state: 'running' as const, runner, startedAt: nowIso, heartbeatAt: nowIso, progress: null };
  if (isPostgres(db))
    return inTransaction(db, async () => {
      const tx = await use(db);
      // Lock the oldest row, and let another server's claim skip it rather than wait for it.
      const oldest = tx.select({ id: queuedJobs.id, attempts: queuedJobs.attempts }).from(queuedJobs).where(claimable).orderBy(queuedJobs.id).limit(1);
      const next = (await forUpdate(oldest, { skipLocked: true }))[0];
      if (!next) return undefined;
      return first(
        tx
          .update(queuedJobs)
          .set({ ...take, attempts: next.attempts + 1 })
          .where(eq(queuedJobs.id, next.id))
          .returning(),
      );
    });
  // SQLite: synchronous under the write lock, so no other connection's claim can come between.
  return db.transaction(
    (tx) => {
      const next = tx.select({ id: queuedJobs.id, attempts: queuedJobs.attempts }).from(queuedJobs).where(claimable).orderBy(queuedJobs.id).limit(1).get();
      if (!next) return undefined;
      return tx
        .update(queuedJobs)
        .set({ ...take, attempts: next.attempts + 1 })
        .where(eq(queuedJobs.id, next.id))
        .returning()
        .get();
    },
    { behavior: 'immediate' },
  );
}

/** The job's progress now (and a heartbeat: its server is still at it). */
export async function setJobProgress(db: Db, id: number, runner: string, progress: unknown, nowIso: string): Promise<void> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  await db
    .update(queuedJobs)
    .set({ progress, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)));
}

export async function finishJob(db: Db, id: number, runner: string, result: unknown, nowIso: string): Promise<void> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  await db
    .update(queuedJobs)
    .set({ state: 'done', result, finishedAt: nowIso, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)));
}

export async function failJob(db: Db, id: number, runner: string, error: string, status: number, nowIso: string): Promise<void> {
  db = await use(db);
  const { queuedJobs } = tablesOf(db);
  await db
    .update(queuedJobs)
    .set({ state: 'failed', error, errorStatus: status, finishedAt: nowIso, heartbeatAt: nowIso })
    .where(and(eq(queuedJobs.id, id), eq(queuedJobs.runner, runner)));
}
