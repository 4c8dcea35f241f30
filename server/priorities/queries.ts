/**
 * The priority_assessments and priority_scores rows: the only code of priorities/ that touches the
 * store. Each partnership has its own assessments (the caller's; the default one outside any).
 */
import { and, desc, eq } from 'drizzle-orm';
import { owningPartnership } from '../store/partnership-scope.js';
import type { Db } from '../store/open.js';
import { use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';

export interface AssessmentRow {
  year: string;
  weights: Record<string, number>;
  updatedBy: string | null;
  updatedAt: string;
}

export interface ScoreRow {
  theme: string;
  criterion: string;
  score: number;
  scoredBy: string | null;
  scoredAt: string;
}

export async function assessmentOf(db: Db, year: string): Promise<AssessmentRow | undefined> {
  db = await use(db);
  const { officers, priorityAssessments } = tablesOf(db);
  return (
    await db
      .select({ year: priorityAssessments.year, weights: priorityAssessments.weights, updatedBy: officers.email, updatedAt: priorityAssessments.updatedAt })
      .from(priorityAssessments)
      .leftJoin(officers, eq(officers.id, priorityAssessments.updatedBy))
      .where(and(eq(priorityAssessments.year, year), eq(priorityAssessments.partnershipId, owningPartnership())))
  )[0];
}

export async function assessmentYears(db: Db): Promise<string[]> {
  db = await use(db);
  const { priorityAssessments } = tablesOf(db);
  return (
    await db
      .select({ year: priorityAssessments.year })
      .from(priorityAssessments)
      .where(eq(priorityAssessments.partnershipId, owningPartnership()))
      .orderBy(desc(priorityAssessments.year))
  ).map((r) => r.year);
}

export async function scoresOf(db: Db, year: string): Promise<ScoreRow[]> {
  db = await use(db);
  const { officers, priorityScores } = tablesOf(db);
  return await db
    .select({
      theme: priorityScores.theme,
      criterion: priorityScores.criterion,
      score: priorityScores.score,
      scoredBy: officers.email,
      scoredAt: priorityScores.scoredAt,
    })
    .from(priorityScores)
    .leftJoin(officers, eq(officers.id, priorityScores.scoredBy))
    .where(and(eq(priorityScores.year, year), eq(priorityScores.partnershipId, owningPartnership())));
}

/** Creates the year's assessment with these weights if it does not exist yet (the weights of an existing one are kept). */
export async function ensureAssessment(db: Db, year: string, weights: Record<string, number>, officerId: number | null, at: string): Promise<void> {
  db = await use(db);
  const { priorityAssessments } = tablesOf(db);
  await db.insert(priorityAssessments).values({ year, weights, updatedBy: officerId, updatedAt: at, partnershipId: owningPartnership() }).onConflictDoNothing();
}

/** Writes the weights of a year, all in one transaction with its creation. */
export async function saveWeights(db: Db, year: string, weights: Record<string, number>, officerId: number | null, at: string): Promise<void> {
  db = await use(db);
  const { priorityAssessments } = tablesOf(db);
  await db
    .insert(priorityAssessments)
    .values({ year, weights, updatedBy: officerId, updatedAt: at, partnershipId: owningPartnership() })
    .onConflictDoUpdate({ target: [priorityAssessments.partnershipId, priorityAssessments.year], set: { weights, updatedBy: officerId, updatedAt: at } });
}

/** Writes scores of one theme (one row per criterion), replacing earlier ones; the caller wraps it in a transaction. */
export async function saveScores(db: Db, year: string, theme: string, scores: Record<string, number>, officerId: number | null, at: string): Promise<void> {
  db = await use(db);
  const { priorityScores } = tablesOf(db);
  for (const [criterion, score] of Object.entries(scores)) {
    await db
      .insert(priorityScores)
      .values({ year, theme, criterion, score, scoredBy: officerId, scoredAt: at, partnershipId: owningPartnership() })
      .onConflictDoUpdate({
        target: [priorityScores.partnershipId, priorityScores.year, priorityScores.theme, priorityScores.criterion],
        set: { score, scoredBy: officerId, scoredAt: at },
      });
  }
}

/** Everything of the priorities tables a year's matrix shows (its weights, its scores, the years saved), as one string: it changes whenever they do. */
export async function matrixVersion(db: Db, year: string): Promise<string> {
  db = await use(db);
  return JSON.stringify([(await assessmentOf(db, year)) ?? null, await scoresOf(db, year), await assessmentYears(db)]);
}
