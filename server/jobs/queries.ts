/**
 * The versions a cached result is keyed by (the only code of server/jobs/ touching the store): the
 * `data_versions` counters of the waves a job reads, of the surveys (questionnaires, waves, links)
 * and of crime, population, areas and ward boundaries. Triggers bump them on every change (see the migration
 * drizzle/0002_data_versions.sql), so a key read after a change never matches one read before it.
 * And the results stored under those keys, for every server on the store (`result_cache`).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Store } from '../store/open.js';
import { use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';
import { ofScope } from '../store/partnership-scope.js';

/** Every data version (`crime:1 surveys:3 wave:1:20 wave:2:7 …`): for a result that reads every survey's waves and crime, as the priority matrix does. */
export async function allVersions(store: Store): Promise<string> {
  const db = await use(store);
  const { dataVersions } = tablesOf(db);
  return (await db.select().from(dataVersions).orderBy(dataVersions.scope)).map((r) => `${r.scope}:${r.version}`).join(' ');
}

/** `surveys:3 crime:1 wave:12:40 …`, or null when the survey or a wave does not exist (nothing to cache). */
export async function versionsOf(store: Store, slug: string, waveNames: string[]): Promise<string | null> {
  const db = await use(store);
  const { dataVersions, surveys, waves } = tablesOf(db);
  const ids: number[] = [];
  for (const name of waveNames) {
    const row = (
      await db
        .select({ id: waves.id })
        .from(waves)
        .innerJoin(surveys, eq(surveys.id, waves.surveyId))
        .where(and(eq(surveys.slug, slug), eq(waves.name, name), ofScope(surveys.partnershipId)))
    )[0];
    if (!row) return null;
    ids.push(row.id);
  }
  const scopes = ['surveys', 'crime', ...ids.map((id) => `wave:${id}`)];
  const stored = new Map((await db.select().from(dataVersions).where(inArray(dataVersions.scope, scopes))).map((r) => [r.scope, r.version]));
  return scopes.map((s) => `${s}:${stored.get(s) ?? 0}`).join(' ');
}

export interface StoredResult {
  value: Buffer;
  meta: Record<string, unknown> | null;
}

/** The result stored under `key`, if any server has made it. */
export async function storedResult(store: Store, key: string): Promise<StoredResult | undefined> {
  const db = await use(store);
  const { resultCache } = tablesOf(db);
  return (await db.select({ value: resultCache.value, meta: resultCache.meta }).from(resultCache).where(eq(resultCache.key, key)))[0];
}

/** Stores a result under `key` (another server may have stored the same one first: then that one stays). */
export async function storeResult(store: Store, key: string, value: Buffer, meta: Record<string, unknown> | null): Promise<void> {
  const db = await use(store);
  const { resultCache } = tablesOf(db);
  await db.insert(resultCache).values({ key, value, meta, bytes: value.byteLength }).onConflictDoNothing();
}

/** Deletes the oldest stored results until at most `maxBytes` remain; how many went. */
export async function pruneResults(store: Store, maxBytes: number): Promise<number> {
  const db = await use(store);
  const { resultCache } = tablesOf(db);
  const total = (await db.select({ bytes: sql<number>`coalesce(sum(${resultCache.bytes}), 0)` }).from(resultCache))[0].bytes;
  if (total <= maxBytes) return 0;
  let over = total - maxBytes;
  const gone: string[] = [];
  for (const r of await db.select({ key: resultCache.key, bytes: resultCache.bytes }).from(resultCache).orderBy(asc(resultCache.createdAt))) {
    if (over <= 0) break;
    gone.push(r.key);
    over -= r.bytes;
  }
  for (let i = 0; i < gone.length; i += 500) await db.delete(resultCache).where(inArray(resultCache.key, gone.slice(i, i + 500)));
  return gone.length;
}
