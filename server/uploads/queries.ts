/**
 * Every read and write of staged uploads in the store: files an officer has sent and not yet
 * imported, a row each with their bytes a megabyte a row beside it, so any server on the store can
 * import them. Each chunk is written on its own (no transaction held while a large file arrives),
 * and a file counts as staged only once `complete`.
 */
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { stagedUploads } from '../store/schema.js';
import { inTransaction, use } from '../store/transaction.js';
import { changes, isPostgres, tablesOf } from '../store/dialect.js';

export type StagedUploadRow = Omit<typeof stagedUploads.$inferSelect, 'progress'>;

/** Starts an upload of `bytes` (already received, still to be kept): it counts towards the quota from now on. */
export async function beginStagedUpload(db: Db, id: string, name: string, bytes: number): Promise<void> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  await db.insert(stagedUploads).values({ id, name, bytes });
}

export async function insertStagedChunk(db: Db, uploadId: string, seq: number, data: Buffer): Promise<void> {
  db = await use(db);
  const { stagedUploadChunks } = tablesOf(db);
  await db.insert(stagedUploadChunks).values({ uploadId, seq, data });
}

/** Every chunk is kept and the file checked: it may be imported. */
export async function completeStagedUpload(db: Db, id: string): Promise<void> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  await db.update(stagedUploads).set({ complete: true }).where(eq(stagedUploads.id, id));
}

/** The bytes of every upload kept or being kept now. */
export async function stagedUploadBytes(db: Db): Promise<number> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  return Number((await db.select({ total: sql<number>`coalesce(sum(${stagedUploads.bytes}), 0)` }).from(stagedUploads))[0]?.total ?? 0);
}

/** The complete uploads among `ids`. */
export async function completeStagedUploads(db: Db, ids: string[]): Promise<StagedUploadRow[]> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  if (!ids.length) return [];
  return await db
    .select({
      id: stagedUploads.id,
      name: stagedUploads.name,
      bytes: stagedUploads.bytes,
      complete: stagedUploads.complete,
      importing: stagedUploads.importing,
      createdAt: stagedUploads.createdAt,
    })
    .from(stagedUploads)
    .where(and(inArray(stagedUploads.id, ids), eq(stagedUploads.complete, true)));
}

/** Ids of the complete uploads, oldest first. */
export async function completeStagedIds(db: Db): Promise<string[]> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  return (
    await db
      .select({ id: stagedUploads.id })
      .from(stagedUploads)
      .where(eq(stagedUploads.complete, true))
      .orderBy(asc(stagedUploads.createdAt), asc(stagedUploads.id))
  ).map((r) => r.id);
}

/** Chunk `seq` of an upload, or undefined past its last. */
export async function stagedChunk(db: Db, uploadId: string, seq: number): Promise<Buffer | undefined> {
  db = await use(db);
  const { stagedUploadChunks } = tablesOf(db);
  return (
    await db
      .select({ data: stagedUploadChunks.data })
      .from(stagedUploadChunks)
      .where(and(eq(stagedUploadChunks.uploadId, uploadId), eq(stagedUploadChunks.seq, seq)))
  )[0]?.data;
}

/**
 * Marks the uploads `ids` as being imported, all or none: false (nothing marked) when any of them
 * is being imported already, by this server or another.
 */
export async function claimStagedUploads(db: Db, ids: string[]): Promise<boolean> {
  db = await use(db);
  try {
    if (isPostgres(db))
      return await inTransaction(db, async () => {
        const tx = await use(db);
        const { stagedUploads } = tablesOf(tx);
        const claimed = changes(
          await tx
            .update(stagedUploads)
            .set({ importing: true })
            .where(and(inArray(stagedUploads.id, ids), eq(stagedUploads.importing, false))),
        );
        if (claimed !== ids.length) throw new Taken();
        return true;
      });
    // SQLite: synchronous, so another connection of this process waiting for the lock cannot stall
    // this one halfway (a second server in one process, as the tests run it).
    const { stagedUploads } = tablesOf(db);
    return db.transaction(
      (tx) => {
        const claimed = tx
          .update(stagedUploads)
          .set({ importing: true })
          .where(and(inArray(stagedUploads.id, ids), eq(stagedUploads.importing, false)))
          .run().changes;
        if (claimed !== ids.length) throw new Taken();
        return true;
      },
      { behavior: 'immediate' },
    );
  } catch (e) {
    if (e instanceof Taken) return false;
    throw e;
  }
}

class Taken extends Error {}

export async function setStagedProgress(db: Db, ids: string[], progress: Record<string, unknown>): Promise<void> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  await db.update(stagedUploads).set({ progress }).where(inArray(stagedUploads.id, ids));
}

/** How far the import holding upload `id` has got, or null when no import holds it. */
export async function stagedProgress(db: Db, id: string): Promise<Record<string, unknown> | null> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  const row = (
    await db.select({ importing: stagedUploads.importing, progress: stagedUploads.progress }).from(stagedUploads).where(eq(stagedUploads.id, id))
  )[0];
  return row?.importing ? (row.progress ?? null) : null;
}

/** Removes uploads and their bytes. */
export async function deleteStagedUploads(db: Db, ids: string[]): Promise<void> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  if (ids.length) await db.delete(stagedUploads).where(inArray(stagedUploads.id, ids));
}

/** Removes uploads begun before `beforeIso` (imported or not, complete or not); how many went. */
export async function deleteStagedBefore(db: Db, beforeIso: string): Promise<number> {
  db = await use(db);
  const { stagedUploads } = tablesOf(db);
  return changes(await db.delete(stagedUploads).where(lt(stagedUploads.createdAt, beforeIso)));
}
