/**
 * Weights a wave to known population margins and stores the weight on every response.
 * Starts from the design weights, so running it again gives the same weights (safe to repeat).
 * One margin: post-stratification on its cells. Several: raking, with a convergence report.
 */
import { WeightingError } from '../../analysis/weights/errors.js';
import { postStratify } from '../../analysis/weights/poststratify.js';
import { rake } from '../../analysis/weights/rake.js';
import { trimThenRake } from '../../analysis/weights/trim-rake.js';
import { weightDiagnostics } from '../../analysis/weights/diagnostics.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { categoryOf, MarginsError, type Margin } from './margins.js';
import { type CompleteRow, completeResponses as completeRows, latestRun, storeRun } from './queries.js';
import type { MatchPreview, StoredCalibration, StoredRunDiagnostics, UnmatchedPolicy } from './schemas.js';

export type { MatchPreview, StoredCalibration, StoredRunDiagnostics, UnmatchedPolicy };

export const RAKE_MAX_ITERATIONS = 200;
export const RAKE_RELATIVE_EPSILON = 1e-10;

export interface WeightingOptions {
  slug: string;
  wave: string;
  margins: Margin[];
  /**
   * Respondents who did not answer a weighting question, or gave an answer with no target
   * (e.g. "prefer not to say"): 'error' stops and names them; 'exclude' leaves them out of the
   * weighted analysis (their weight is stored as empty and the report counts them).
   * To keep them instead, give their answer (or `not_stated`) its own target.
   */
  unmatched?: UnmatchedPolicy;
  onProgress?: (message: string) => void;
  /** The targets are illustrative (made-up demo population), so reports must say so. */
  illustrative?: boolean;
  /**
   * Trim extreme weights, then calibrate again: bounds as multiples of the mean weight
   * (e.g. upper 5 caps weights at five times the mean). R `trimWeights`, then `rake` again.
   */
  trim?: { lower?: number; upper?: number };
}

export interface WeightingResult {
  method: StoredCalibration['method'];
  respondents: number;
  excluded: number;
  converged: boolean;
  iterations: number;
  maxGap: number;
  /** Weights that were outside the trimming bounds before calibrating again. */
  trimmed: number;
  diagnostics: ReturnType<typeof weightDiagnostics>;
}

function completeResponses(store: Store, slug: string, waveName: string) {
  const wave = findWave(store.db, findSurvey(store.db, slug), waveName);
  return { wave, rows: completeRows(store.db, wave.id) };
}

/**
 * The analysis code's refusals (a target cell without respondents, base weights that cannot be
 * used) are about the targets asked for: a 422 like any other unusable target.
 */
function calibrating<T>(calibrate: () => T): T {
  try {
    return calibrate();
  } catch (e) {
    if (e instanceof WeightingError) throw new MarginsError(e.message);
    throw e;
  }
}

/** Category index per respondent per margin (-1 = no target for what they answered), and who has a target in every margin. */
function matchToMargins(margins: Margin[], rows: CompleteRow[]) {
  const cells = margins.map((m) => {
    const index = new Map(m.categories.map((c, i) => [c, i]));
    return Int32Array.from(rows, (r) => index.get(categoryOf(m, r.answers) ?? 'not_stated') ?? -1);
  });
  const keep = rows.map((_, i) => cells.every((c) => c[i] >= 0));
  return { cells, keep, unmatched: keep.filter((k) => !k).length };
}

/** "sex: prefer_not_say (45); ward: (no answer) (3)": the answers without a target, with how many gave each. */
function unmatchedDetail(margins: Margin[], rows: CompleteRow[], cells: Int32Array[]): string {
  return margins
    .map((m, j) => {
      const values = new Map<string, number>();
      rows.forEach((r, i) => {
        if (cells[j][i] < 0) {
          const v = categoryOf(m, r.answers) ?? '(no answer)';
          values.set(v, (values.get(v) ?? 0) + 1);
        }
      });
      return values.size ? `${m.variable}: ${[...values].map(([v, n]) => `${v} (${n})`).join(', ')}` : '';
    })
    .filter(Boolean)
    .join('; ');
}

/** How a wave's complete responses would match `margins`, without weighting anything. */
export function previewMatch(store: Store, slug: string, waveName: string, margins: Margin[]): MatchPreview {
  const { rows } = completeResponses(store, slug, waveName);
  const { cells, unmatched } = matchToMargins(margins, rows);
  return { respondents: rows.length, unmatched, detail: unmatched ? unmatchedDetail(margins, rows, cells) : '' };
}

/** What a run stores (storeRun's argument). */
export type WeightingRun = Parameters<typeof storeRun>[1];

/** Weights a wave and stores them (in one transaction). */
export function runWeighting(store: Store, opts: WeightingOptions): WeightingResult {
  const { result, run } = computeWeighting(store, opts);
  (opts.onProgress ?? (() => {}))(`Storing ${run.kept.length} weights…`);
  storeRun(store, run);
  return result;
}

/**
 * The weights of a run, computed from the store without writing to it (a report worker runs this,
 * server/jobs/): the result to show and what `storeRun` then stores. A response that arrives
 * between the two has no weight, as if it had arrived just after the run.
 */
export function computeWeighting(store: Store, opts: WeightingOptions): { result: WeightingResult; run: WeightingRun } {
  const progress = opts.onProgress ?? (() => {});
  const unmatched = opts.unmatched ?? 'error';
  const { wave, rows } = completeResponses(store, opts.slug, opts.wave);
  progress(`Loaded ${rows.length} complete responses of ${opts.slug} ${opts.wave}.`);
  if (!rows.length) throw new MarginsError(`${opts.slug} ${opts.wave} has no complete responses to weight.`);

  // Category index per respondent per margin; -1 = no target for what they answered.
  const { cells, keep, unmatched: excluded } = matchToMargins(opts.margins, rows);
  if (excluded && unmatched === 'error') {
    const detail = unmatchedDetail(opts.margins, rows, cells);
    throw new MarginsError(
      `${excluded} respondents have no weighting target for what they answered — ${detail}. ` +
        `Add a target for those categories (e.g. not_stated), or leave them out of the weighted results (“leave them out” on the weighting page, --unmatched exclude on the command line).`,
    );
  }
  const kept = rows.filter((_, i) => keep[i]);
  const keptCells = cells.map((c) => c.filter((_, i) => keep[i]));
  const base = Float64Array.from(kept, (r) => r.designWeight);

  const method: StoredCalibration['method'] = opts.margins.length === 1 ? 'poststratification' : 'raking';
  progress(method === 'raking' ? `Raking to ${opts.margins.length} margins…` : `Post-stratifying on ${opts.margins[0].variable}…`);
  let weights: Float64Array;
  let trimmed = 0;
  let converged = true;
  let iterations = 0;
  let maxGap = 0;
  const rakeMargins = opts.margins.map((m, j) => ({ name: m.variable, cells: keptCells[j], categories: m.categories, targets: m.targets }));
  if (opts.trim && (opts.trim.lower !== undefined || opts.trim.upper !== undefined)) {
    const total = opts.margins[0].targets.reduce((a, b) => a + b, 0);
    const mean = total / kept.length;
    progress(`Trimming weights outside ${opts.trim.lower ?? 0}–${opts.trim.upper ?? '∞'} × the mean weight, then calibrating again…`);
    const { lower, upper } = opts.trim;
    const r = calibrating(() =>
      trimThenRake(base, rakeMargins, {
        lower: lower !== undefined ? lower * mean : undefined,
        upper: upper !== undefined ? upper * mean : undefined,
        maxIterations: RAKE_MAX_ITERATIONS,
        epsilon: RAKE_RELATIVE_EPSILON,
      }),
    );
    weights = r.weights;
    trimmed = r.trimmed;
    converged = r.converged;
    iterations = r.iterations;
    maxGap = r.maxGap;
  } else if (method === 'poststratification') {
    const m = opts.margins[0];
    weights = calibrating(() => postStratify(base, keptCells[0], m.targets, m.categories)).weights;
  } else {
    // Rake to convergence (R's defaults stop at 10 sweeps or a change under one person), so the
    // stored final weights also stand in for each margin's weights when reports rebuild the calibration.
    const r = calibrating(() => rake(base, rakeMargins, { maxIterations: RAKE_MAX_ITERATIONS, epsilon: RAKE_RELATIVE_EPSILON }));
    weights = r.weights;
    converged = r.converged;
    iterations = r.iterations;
    maxGap = r.maxGap;
  }
  const diagnostics = weightDiagnostics(weights);
  const calibration: StoredCalibration = { method, margins: opts.margins, unmatched, excluded, illustrative: opts.illustrative ?? false };

  const run: WeightingRun = {
    waveId: wave.id,
    left: rows.filter((_, i) => !keep[i]).map((r) => r.id),
    kept: kept.map((r) => r.id),
    weights,
    calibration,
    diagnostics: { ...diagnostics, converged, iterations, maxGap, trimmed, trim: opts.trim ?? null },
  };
  return { result: { method, respondents: kept.length, excluded, converged, iterations, maxGap, trimmed, diagnostics }, run };
}

/** The calibration of a wave's latest weighting run, or null when it has not been weighted. */
export function latestCalibration(store: Store, waveId: number): StoredCalibration | null {
  return latestRun(store.db, waveId)?.margins ?? null;
}
