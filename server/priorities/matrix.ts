/**
 * The priority matrix of one assessment year: officers' scores 1–5 per theme and criterion, the
 * criteria weights, the ranked list with the evidence behind each theme, and who scored what.
 * Called by the routes and the CLI alike; every change is audited ('priorities.score',
 * 'priorities.weights') in the same transaction as the change.
 *
 *   score(theme) = Σ_c w_c · s_c / Σ_c w_c      (weighted mean, 1–5; only once every criterion is scored)
 *   rank         = 1 + the number of themes with a higher score (equal scores share a rank)
 */
import { inTransaction } from '../store/transaction.js';
import { audit } from '../accounts/audit.js';
import { Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { CRITERIA, CRITERION_KEYS, DEFAULT_WEIGHT, METHOD, THEMES, themeByKey } from './criteria.js';
import { themeEvidence } from './evidence.js';
import { assessmentOf, assessmentYears, ensureAssessment, matrixVersion, saveScores, saveWeights, scoresOf } from './queries.js';
import type { PriorityRanking } from '../reports/priority-ranking.js';
import type { PriorityMatrix, PriorityMatrixRow, ScoresRequest, WeightsRequest } from './schemas.js';

export * from './schemas.js';

export interface PrioritiesCall {
  now: Date;
  by?: { id: number } | null;
}

const SCORE_DIGITS = 2;

function defaultWeights(): Record<string, number> {
  return Object.fromEntries(CRITERION_KEYS.map((k) => [k, DEFAULT_WEIGHT]));
}

/** The weighted mean of a full set of scores, or null while any is missing. */
export function weightedScore(scores: Record<string, number | null>, weights: Record<string, number>): number | null {
  let total = 0;
  let weight = 0;
  for (const k of CRITERION_KEYS) {
    const s = scores[k];
    if (s === null || s === undefined) return null;
    total += (weights[k] ?? DEFAULT_WEIGHT) * s;
    weight += weights[k] ?? DEFAULT_WEIGHT;
  }
  if (weight === 0) return null;
  const f = 10 ** SCORE_DIGITS;
  return Math.round((total / weight) * f) / f;
}

/** The whole matrix of a year, with evidence (GET /priorities/{year}). */
export async function priorityMatrix(store: Store, year: string): Promise<PriorityMatrix> {
  const assessment = await assessmentOf(store.db, year);
  const weights = { ...defaultWeights(), ...(assessment?.weights ?? {}) };
  const stored = await scoresOf(store.db, year);
  const evidence = await themeEvidence(store, year, THEMES);

  const rows: PriorityMatrixRow[] = THEMES.map((t) => {
    const mine = stored.filter((s) => s.theme === t.key);
    const cells = Object.fromEntries(
      CRITERION_KEYS.map((k) => {
        const s = mine.find((x) => x.criterion === k);
        return [k, s ? { score: s.score, by: s.scoredBy, at: s.scoredAt } : null];
      }),
    );
    const scores = Object.fromEntries(CRITERION_KEYS.map((k) => [k, cells[k]?.score ?? null]));
    const last = [...mine].sort((a, b) => b.scoredAt.localeCompare(a.scoredAt))[0];
    return {
      theme: t.key,
      label: t.label,
      rank: null,
      score: weightedScore(scores, weights),
      scores,
      cells,
      evidence: evidence.byTheme.get(t.key) ?? [],
      scoredBy: last?.scoredBy ?? null,
      scoredAt: last?.scoredAt ?? null,
    };
  });
  for (const r of rows) if (r.score !== null) r.rank = 1 + rows.filter((o) => o.score !== null && o.score > r.score!).length;
  rows.sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || a.label.localeCompare(b.label, 'en-GB'));

  return {
    year,
    saved: assessment !== undefined,
    years: await assessmentYears(store.db),
    criteria: CRITERIA.map((c) => ({ key: c.key, label: c.label, guidance: c.guidance, levels: [...c.levels], weight: weights[c.key] })),
    weightsSetBy: assessment?.updatedBy ?? null,
    weightsSetAt: assessment?.updatedAt ?? null,
    rows,
    method: METHOD,
    notices: evidence.notices,
  };
}

/** What the committee report prints: the saved matrix of a year, or null when none is saved. */
export async function priorityRanking(store: Store, year: string): Promise<PriorityRanking | null> {
  if (!(await assessmentOf(store.db, year))) return null;
  const m = await priorityMatrix(store, year);
  return {
    year: m.year,
    criteria: m.criteria.map(({ key, label, guidance, weight }) => ({ key, label, guidance, weight })),
    rows: m.rows.map(({ cells: _cells, ...row }) => row),
    method: m.method,
  };
}

/** Saves one theme's scores and returns the matrix (the CLI); the body is already checked by its schema. */
export async function scorePriorities(store: Store, year: string, body: ScoresRequest, call: PrioritiesCall): Promise<PriorityMatrix> {
  await saveThemeScores(store, year, body, call);
  return await priorityMatrix(store, year);
}

/** Saves one theme's scores (PUT /priorities/{year}/scores, which then answers with the matrix from the worker pool). */
export async function saveThemeScores(store: Store, year: string, body: ScoresRequest, { now, by }: PrioritiesCall): Promise<void> {
  const theme = themeByKey(body.theme);
  if (!theme) {
    throw new Unprocessable(`There is no theme '${body.theme}'. Themes: ${THEMES.map((t) => t.key).join(', ')}.`, { field: 'theme' });
  }
  const scores = Object.fromEntries(Object.entries(body.scores).filter((e): e is [string, number] => e[1] !== undefined));
  const at = now.toISOString();
  await inTransaction(store.db, async () => {
    await ensureAssessment(store.db, year, defaultWeights(), by?.id ?? null, at);
    await saveScores(store.db, year, theme.key, scores, by?.id ?? null, at);
    await audit(store, by, 'priorities.score', { year, theme: theme.key, scores });
  });
}

/** Saves criteria weights and returns the matrix (the CLI); at least one weight must stay above 0. */
export async function weighPriorities(store: Store, year: string, body: WeightsRequest, call: PrioritiesCall): Promise<PriorityMatrix> {
  await saveCriteriaWeights(store, year, body, call);
  return await priorityMatrix(store, year);
}

/** Saves criteria weights (PUT /priorities/{year}/weights, which then answers with the matrix from the worker pool). */
export async function saveCriteriaWeights(store: Store, year: string, body: WeightsRequest, { now, by }: PrioritiesCall): Promise<void> {
  const given = Object.fromEntries(Object.entries(body.weights).filter((e): e is [string, number] => e[1] !== undefined));
  const before = { ...defaultWeights(), ...((await assessmentOf(store.db, year))?.weights ?? {}) };
  const weights = { ...before, ...given };
  if (Object.values(weights).every((w) => w === 0)) {
    throw new Unprocessable('At least one criterion needs a weight above 0, or no theme could be scored.', { field: 'weights' });
  }
  const at = now.toISOString();
  await inTransaction(store.db, async () => {
    await saveWeights(store.db, year, weights, by?.id ?? null, at);
    await audit(store, by, 'priorities.weights', { year, from: before, to: weights });
  });
}

/**
 * What the year's matrix reads from the priorities tables (weights, scores and who gave them, the
 * years saved), for the key of a cached matrix or committee report: a new score or weight changes it,
 * even within the same millisecond.
 */
export async function priorityMatrixVersion(store: Store, year: string): Promise<string> {
  return await matrixVersion(store.db, year);
}
