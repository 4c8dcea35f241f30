/**
 * The versions a cached result is keyed by (the only code of server/jobs/ touching the store): the
 * `data_versions` counters of the waves a job reads, of the surveys (questionnaires, waves, links)
 * and of crime, population, areas and ward boundaries. Triggers bump them on every change (see the migration
 * drizzle/0002_data_versions.sql), so a key read after a change never matches one read before it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Store } from '../store/open.js';
import { use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';

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
        .where(and(eq(surveys.slug, slug), eq(waves.name, name)))
    )[0];
    if (!row) return null;
    ids.push(row.id);
  }
  const scopes = ['surveys', 'crime', ...ids.map((id) => `wave:${id}`)];
  const stored = new Map((await db.select().from(dataVersions).where(inArray(dataVersions.scope, scopes))).map((r) => [r.scope, r.version]));
  return scopes.map((s) => `${s}:${stored.get(s) ?? 0}`).join(' ');
}
