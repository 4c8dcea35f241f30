/**
 * The links table, for the links services: the only code of the noun that touches the store.
 * `linkByToken` (a link with its wave and survey) is shared with the respondent API (findLink).
 */
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { links, responses, surveys, waves } from '../store/schema.js';
import type { LinkRow, SurveyRow, WaveRow } from '../surveys/queries.js';
import { ready } from '../store/transaction.js';

export type NewLink = Pick<LinkRow, 'token' | 'waveId' | 'label' | 'kind' | 'expiresAt' | 'maxResponses'>;
export type LinkChanges = Partial<Pick<LinkRow, 'label' | 'expiresAt' | 'maxResponses'>>;

export interface LinkContext {
  link: LinkRow;
  wave: WaveRow;
  survey: SurveyRow;
}

/** A link with its wave and survey by token, whatever its state; undefined if unknown. */
export async function linkByToken(db: Db, token: string): Promise<LinkContext | undefined> {
  await ready(db);
  return db
    .select({ link: links, wave: waves, survey: surveys })
    .from(links)
    .innerJoin(waves, eq(links.waveId, waves.id))
    .innerJoin(surveys, eq(waves.surveyId, surveys.id))
    .where(eq(links.token, token))
    .get();
}

export async function linksOfWave(db: Db, waveId: number): Promise<LinkRow[]> {
  await ready(db);
  return db.select().from(links).where(eq(links.waveId, waveId)).all();
}

/** The labels a wave's links have, leaving out link `exceptId`. */
export async function labelsOfWave(db: Db, waveId: number, exceptId?: number): Promise<string[]> {
  await ready(db);
  return db
    .select({ label: links.label })
    .from(links)
    .where(exceptId === undefined ? eq(links.waveId, waveId) : and(eq(links.waveId, waveId), ne(links.id, exceptId)))
    .all()
    .map((l) => l.label);
}

/** Returns stored through each link (complete and partial), by link id; links without any are absent. */
export async function answerCounts(db: Db, linkIds: number[]): Promise<Map<number, number>> {
  await ready(db);
  if (!linkIds.length) return new Map();
  return new Map(
    db
      .select({ linkId: responses.linkId, n: count() })
      .from(responses)
      .where(inArray(responses.linkId, linkIds))
      .groupBy(responses.linkId)
      .all()
      .map((r) => [r.linkId!, r.n]),
  );
}

export async function insertLink(db: Db, values: NewLink): Promise<LinkRow> {
  await ready(db);
  return db.insert(links).values(values).returning().get();
}

/** Several links in one statement: all are stored or none. */
export async function insertLinks(db: Db, values: NewLink[]): Promise<LinkRow[]> {
  await ready(db);
  return db.insert(links).values(values).returning().all();
}

export async function updateLinkRow(db: Db, id: number, set: LinkChanges): Promise<LinkRow> {
  await ready(db);
  return db.update(links).set(set).where(eq(links.id, id)).returning().get();
}

/** Removes a link; only for one without returns (the service checks, the foreign key insists). */
export async function deleteLinkRow(db: Db, id: number): Promise<void> {
  await ready(db);
  db.delete(links).where(eq(links.id, id)).run();
}
