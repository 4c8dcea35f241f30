/**
 * The links table, for the links services: the only code of the noun that touches the store.
 * `linkByToken` (a link with its wave and survey) is shared with the respondent API (findLink).
 */
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { LinkRow, SurveyRow, WaveRow } from '../surveys/queries.js';
import { use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';
import { ofScope } from '../store/partnership-scope.js';

export type NewLink = Pick<LinkRow, 'token' | 'waveId' | 'label' | 'kind' | 'expiresAt' | 'maxResponses'>;
export type LinkChanges = Partial<Pick<LinkRow, 'label' | 'expiresAt' | 'maxResponses'>>;

export interface LinkContext {
  link: LinkRow;
  wave: WaveRow;
  survey: SurveyRow;
}

/** A link with its wave and survey by token, whatever its state; undefined if unknown (or another partnership's). */
export async function linkByToken(db: Db, token: string): Promise<LinkContext | undefined> {
  db = await use(db);
  const { links, surveys, waves } = tablesOf(db);
  return (
    await db
      .select({ link: links, wave: waves, survey: surveys })
      .from(links)
      .innerJoin(waves, eq(links.waveId, waves.id))
      .innerJoin(surveys, eq(waves.surveyId, surveys.id))
      .where(and(eq(links.token, token), ofScope(surveys.partnershipId)))
  )[0];
}

export async function linksOfWave(db: Db, waveId: number): Promise<LinkRow[]> {
  db = await use(db);
  const { links } = tablesOf(db);
  return await db.select().from(links).where(eq(links.waveId, waveId));
}

/** The labels a wave's links have, leaving out link `exceptId`. */
export async function labelsOfWave(db: Db, waveId: number, exceptId?: number): Promise<string[]> {
  db = await use(db);
  const { links } = tablesOf(db);
  return (
    await db
      .select({ label: links.label })
      .from(links)
      .where(exceptId === undefined ? eq(links.waveId, waveId) : and(eq(links.waveId, waveId), ne(links.id, exceptId)))
  ).map((l) => l.label);
}

/** Returns stored through each link (complete and partial), by link id; links without any are absent. */
export async function answerCounts(db: Db, linkIds: number[]): Promise<Map<number, number>> {
  db = await use(db);
  const { responses } = tablesOf(db);
  if (!linkIds.length) return new Map();
  return new Map(
    (await db.select({ linkId: responses.linkId, n: count() }).from(responses).where(inArray(responses.linkId, linkIds)).groupBy(responses.linkId)).map((r) => [
      r.linkId!,
      r.n,
    ]),
  );
}

export async function insertLink(db: Db, values: NewLink): Promise<LinkRow> {
  db = await use(db);
  const { links } = tablesOf(db);
  return (await db.insert(links).values(values).returning())[0];
}

/** Several links in one statement: all are stored or none. */
export async function insertLinks(db: Db, values: NewLink[]): Promise<LinkRow[]> {
  db = await use(db);
  const { links } = tablesOf(db);
  return await db.insert(links).values(values).returning();
}

export async function updateLinkRow(db: Db, id: number, set: LinkChanges): Promise<LinkRow> {
  db = await use(db);
  const { links } = tablesOf(db);
  return (await db.update(links).set(set).where(eq(links.id, id)).returning())[0];
}

/** Removes a link; only for one without returns (the service checks, the foreign key insists). */
export async function deleteLinkRow(db: Db, id: number): Promise<void> {
  db = await use(db);
  const { links } = tablesOf(db);
  await db.delete(links).where(eq(links.id, id));
}
