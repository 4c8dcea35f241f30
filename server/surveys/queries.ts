/**
 * Every read and write of surveys and waves: the only code of server/surveys/ that touches the
 * store. The respondent fast paths (statements prepared once per connection) are here too.
 */
import type Database from 'better-sqlite3';
import { and, count, eq, lt, max, min, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { links, surveys, waves } from '../store/schema.js';
import { inTransaction, use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';
import { ofScope, owningPartnership } from '../store/partnership-scope.js';

export type SurveyRow = typeof surveys.$inferSelect;
export type WaveRow = typeof waves.$inferSelect;
export type LinkRow = typeof links.$inferSelect;
export type NewSurvey = typeof surveys.$inferInsert;

export async function surveyBySlug(db: Db, slug: string): Promise<SurveyRow | undefined> {
  db = await use(db);
  const { surveys } = tablesOf(db);
  return (
    await db
      .select()
      .from(surveys)
      .where(and(eq(surveys.slug, slug), ofScope(surveys.partnershipId)))
  )[0];
}

/** Every survey (of the caller's partnership), by slug. */
export async function allSurveys(db: Db): Promise<SurveyRow[]> {
  db = await use(db);
  const { surveys } = tablesOf(db);
  return await db.select().from(surveys).where(ofScope(surveys.partnershipId)).orderBy(surveys.slug);
}

export async function insertSurvey(db: Db, values: NewSurvey): Promise<SurveyRow> {
  db = await use(db);
  const { surveys } = tablesOf(db);
  return (
    await db
      .insert(surveys)
      .values({ partnershipId: owningPartnership(), ...values })
      .returning()
  )[0];
}

export async function updateSurvey(db: Db, id: number, values: Partial<NewSurvey>): Promise<SurveyRow> {
  db = await use(db);
  const { surveys } = tablesOf(db);
  return (
    await db
      .update(surveys)
      .set(values)
      .where(and(eq(surveys.id, id), ofScope(surveys.partnershipId)))
      .returning()
  )[0];
}

export async function waveByName(db: Db, surveyId: number, name: string): Promise<WaveRow | undefined> {
  db = await use(db);
  const { waves } = tablesOf(db);
  return (
    await db
      .select()
      .from(waves)
      .where(and(eq(waves.surveyId, surveyId), eq(waves.name, name)))
  )[0];
}

/** A survey's waves, by name. */
export async function wavesOf(db: Db, surveyId: number): Promise<WaveRow[]> {
  db = await use(db);
  const { waves } = tablesOf(db);
  return await db.select().from(waves).where(eq(waves.surveyId, surveyId)).orderBy(waves.name);
}

export async function openWaveBySurvey(db: Db, surveyId: number): Promise<WaveRow | undefined> {
  db = await use(db);
  const { waves } = tablesOf(db);
  return (
    await db
      .select()
      .from(waves)
      .where(and(eq(waves.surveyId, surveyId), eq(waves.status, 'open')))
  )[0];
}

export async function insertWave(db: Db, values: { surveyId: number; name: string; opensAt: string | null; closesAt: string | null }): Promise<WaveRow> {
  db = await use(db);
  const { waves } = tablesOf(db);
  return (await db.insert(waves).values(values).returning())[0];
}

/**
 * Sets a wave's status and dates in one transaction; opening it closes the survey's other open
 * waves first (one wave of a survey takes answers at a time). Returns the wave and the names closed.
 */
export async function saveWave(
  db: Db,
  wave: WaveRow,
  values: { status: WaveRow['status']; opensAt: string | null; closesAt: string | null },
): Promise<{ updated: WaveRow; closed: string[] }> {
  return inTransaction(db, async () => {
    const tx = await use(db);
    const { waves } = tablesOf(tx);
    const closed =
      values.status === 'open'
        ? (
            await tx
              .update(waves)
              .set({ status: 'closed' })
              .where(and(eq(waves.surveyId, wave.surveyId), eq(waves.status, 'open'), ne(waves.id, wave.id)))
              .returning({ name: waves.name })
          ).map((o) => o.name)
        : [];
    const updated = (await tx.update(waves).set(values).where(eq(waves.id, wave.id)).returning())[0];
    return { updated, closed };
  });
}

/** Complete responses by wave id. */
export async function completeCountsByWave(db: Db): Promise<Map<number, number>> {
  db = await use(db);
  const { responses } = tablesOf(db);
  return new Map(
    (await db.select({ waveId: responses.waveId, n: count() }).from(responses).where(eq(responses.status, 'complete')).groupBy(responses.waveId)).map((r) => [
      r.waveId,
      r.n,
    ]),
  );
}

/** Responses stored for any wave of a survey. */
export async function responseCountOfSurvey(db: Db, surveyId: number): Promise<number> {
  db = await use(db);
  const { responses, waves } = tablesOf(db);
  return (await db.select({ n: count() }).from(responses).innerJoin(waves, eq(responses.waveId, waves.id)).where(eq(waves.surveyId, surveyId)))[0]!.n;
}

/** How many responses of a survey (any wave, complete or partial) arrived before `beforeIso`, and the first and last arrival. */
export async function responsesArrivedBefore(
  db: Db,
  surveyId: number,
  beforeIso: string,
): Promise<{ count: number; first: string | null; last: string | null }> {
  db = await use(db);
  const { responses, waves } = tablesOf(db);
  return (
    await db
      .select({ count: count(), first: min(responses.createdAt), last: max(responses.createdAt) })
      .from(responses)
      .innerJoin(waves, eq(responses.waveId, waves.id))
      .where(and(eq(waves.surveyId, surveyId), lt(responses.createdAt, beforeIso)))
  )[0]!;
}

/** Responses stored through a link (complete or partial), for its cap. */
export async function responseCountOfLink(db: Db, linkId: number): Promise<number> {
  db = await use(db);
  const { responses } = tablesOf(db);
  return (await db.select({ n: count() }).from(responses).where(eq(responses.linkId, linkId)))[0]!.n;
}

/*
 * Fast lookups for the respondent routes, which run them on every submission: statements prepared
 * once per connection, and the questionnaire JSON parsed once per survey version instead of on
 * every request (drizzle re-prepares each query and re-parses the 14 KB definition each time:
 * about 0.7 ms per submission, profiled in bench/submissions.ts).
 */
export interface SurveyCore {
  id: number;
  slug: string;
  title: string;
  audience: SurveyRow['audience'];
  version: number;
  retention_months: number | null;
  created_at: string;
  partnership_id: number;
}
export interface WaveRaw {
  id: number;
  survey_id: number;
  name: string;
  status: WaveRow['status'];
  opens_at: string | null;
  closes_at: string | null;
  created_at: string;
}
export interface Hot {
  survey: Database.Statement<[string], SurveyCore>;
  surveyJson: Database.Statement<[number], { definition: string; metadata: string | null }>;
  openWave: Database.Statement<[number], WaveRaw>;
  /** Parsed definition and metadata by `id@version`. */
  parsed: Map<string, Pick<SurveyRow, 'definition' | 'metadata'>>;
}
const hotByConnection = new WeakMap<Database.Database, Hot>();

/** The prepared statements of this connection; null for a store that is not better-sqlite3. */
export async function hot(db: Db): Promise<Hot | null> {
  db = await use(db);
  const sqlite = (db as { $client?: Database.Database }).$client;
  if (!sqlite || typeof sqlite.prepare !== 'function') return null;
  let h = hotByConnection.get(sqlite);
  if (!h) {
    h = {
      survey: sqlite.prepare('SELECT id, slug, title, audience, version, retention_months, created_at, partnership_id FROM surveys WHERE slug = ?'),
      surveyJson: sqlite.prepare('SELECT definition, metadata FROM surveys WHERE id = ?'),
      openWave: sqlite.prepare("SELECT * FROM waves WHERE survey_id = ? AND status = 'open' LIMIT 1"),
      parsed: new Map(),
    };
    hotByConnection.set(sqlite, h);
  }
  return h;
}
