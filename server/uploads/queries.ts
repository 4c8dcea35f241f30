/**
 * Every read and write of staged uploads in the store: files an officer has sent and not yet
 * imported, a row each with their bytes a megabyte a row beside it, so any server on the store can
 * import them. Each chunk is written on its own (no transaction held while a large file arrives),
 * and a file counts as staged only once `complete`.
 */
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { stagedUploadChunks, stagedUploads } from '../store/schema.js';
import { ready } from '../store/transaction.js';

export type StagedUploadRow = Omit<typeof stagedUploads.$inferSelect, 'progress'>;

/** Starts an upload of `bytes` (already received, still to be kept): it counts towards the quota from now on. */
export async function beginStagedUpload(db: Db, id: string, name: string, bytes: number): Promise<void> {
  await ready(db);
  db.insert(stagedUploads).values({ id, name, bytes }).run();
}

export async function insertStagedChunk(db: Db, uploadId: string, seq: number, data: Buffer): Promise<void> {
  await ready(db);
  db.insert(stagedUploadChunks).values({ uploadId, seq, data }).run();
}

/** Every chunk is kept and the file checked: it may be imported. */
export async function completeStagedUpload(db: Db, id: string): Promise<void> {
  await ready(db);
  db.update(stagedUploads).set({ complete: true }).where(eq(stagedUploads.id, id)).run();
}

/** The bytes of every upload kept or being kept now. */
export async function stagedUploadBytes(db: Db): Promise<number> {
  await ready(db);
  return Number(
    db
      .select({ total: sql<number>`coalesce(sum(${stagedUploads.bytes}), 0)` })
      .from(stagedUploads)
      .get()?.total ?? 0,
  );
}

/** The complete uploads among `ids`. */
export async function completeStagedUploads(db: Db, ids: string[]): Promise<StagedUploadRow[]> {
  await ready(db);
  if (!ids.length) return [];
  return db
    .select({
      id: stagedUploads.id,
      name: stagedUploads.name,
      bytes: stagedUploads.bytes,
      complete: stagedUploads.complete,
      importing: stagedUploads.importing,
      createdAt: stagedUploads.createdAt,
    })
    .from(stagedUploads)
    .where(and(inArray(stagedUploads.id, ids), eq(stagedUploads.complete, true)))
    .all();
}

/** Ids of the complete uploads, oldest first. */
export async function completeStagedIds(db: Db): Promise<string[]> {
  await ready(db);
  return db
    .select({ id: stagedUploads.id })
    .from(stagedUploads)
    .where(eq(stagedUploads.complete, true))
    .orderBy(asc(stagedUploads.createdAt), asc(stagedUploads.id))
    .all()
    .map((r) => r.id);
}

/** Chunk `seq` of an upload, or undefined past its last. */
export async function stagedChunk(db: Db, uploadId: string, seq: number): Promise<Buffer | undefined> {
  await ready(db);
  return db
    .select({ data: stagedUploadChunks.data })
    .from(stagedUploadChunks)
    .where(and(eq(stagedUploadChunks.uploadId, uploadId), eq(stagedUploadChunks.seq, seq)))
    .get()?.data;
}

/**
 * Marks the uploads `ids` as being imported, all or none: false (nothing marked) when any of them
 * is being imported already, by this server or another.
 */
export async function claimStagedUploads(db: Db, ids: string[]): Promise<boolean> {
  await ready(db);
  try {
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
  await ready(db);
  db.update(stagedUploads).set({ progress }).where(inArray(stagedUploads.id, ids)).run();
}

/** How far the import holding upload `id` has got, or null when no import holds it. */
export async function stagedProgress(db: Db, id: string): Promise<Record<string, unknown> | null> {
  await ready(db);
  const row = db.select({ importing: stagedUploads.importing, progress: stagedUploads.progress }).from(stagedUploads).where(eq(stagedUploads.id, id)).get();
  return row?.importing ? (row.progress ?? null) : null;
}

/** Removes uploads and their bytes. */
export async function deleteStagedUploads(db: Db, ids: string[]): Promise<void> {
  await ready(db);
  if (ids.length) db.delete(stagedUploads).where(inArray(stagedUploads.id, ids)).run();
}

/** Removes uploads begun before `beforeIso` (imported or not, complete or not); how many went. */
export async function deleteStagedBefore(db: Db, beforeIso: string): Promise<number> {
  await ready(db);
  return db.delete(stagedUploads).where(lt(stagedUploads.createdAt, beforeIso)).run().changes;
}
