/**
 * Weights a wave to known population margins and stores the weight on every response.
 * Starts from the design weights, so running it again gives the same weights (safe to repeat).
 * One margin: post-stratification on its cells. Several: raking, with a convergence report. Or
 * linear / logit calibration with g-weight bounds (R calibrate). Respondents without a category
 * are imputed a cell for weighting by default (see `unmatched`).
 */
import { WeightingError } from '../../analysis/weights/errors.js';
import { postStratify } from '../../analysis/weights/poststratify.js';
import { rake } from '../../analysis/weights/rake.js';
import { countOutside, trimThenRake } from '../../analysis/weights/trim-rake.js';
import { calibrate } from '../../analysis/weights/calibrate.js';
import { imputeCells } from '../../analysis/weights/impute.js';
import { weightDiagnostics } from '../../analysis/weights/diagnostics.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { categoryOf, MarginsError, type Margin } from './margins.js';
import { type CompleteRow, completeResponses as completeRows, latestRun, storeRun } from './queries.js';
import type { MatchPreview, RequestedMethod, StoredCalibration, StoredRunDiagnostics, UnmatchedPolicy } from './schemas.js';

export type { MatchPreview, StoredCalibration, StoredRunDiagnostics, UnmatchedPolicy };

export const RAKE_MAX_ITERATIONS = 200;
export const RAKE_RELATIVE_EPSILON = 1e-10;

export interface WeightingOptions {
  slug: string;
  wave: string;
  margins: Margin[];
  /**
   * Respondents who did not answer a weighting question, or gave an answer with no target
   * (e.g. "prefer not to say"): 'impute' (the page's and CLI's default) keeps them, placed for weighting only in the
   * modal category of respondents who match them on the other margins (analysis/weights/impute.ts);
   * 'error' (the default here and in the API) stops and names them; 'exclude' leaves them out of the weighted analysis (their weight
   * is stored as empty and the report counts them). Or give their answer (`not_stated`) a target.
   */
  unmatched?: UnmatchedPolicy;
  /** 'rake' (post-stratification with one margin), or R calibrate's 'linear' / 'logit'. */
  method?: RequestedMethod;
  /** g-weight bounds for linear / logit (relative to the design weights scaled to the population total). */
  bounds?: [number, number] | null;
  onProgress?: (message: string) => void;
  /** The targets are illustrative (made-up demo population), so reports must say so. */
  illustrative?: boolean;
  /**
   * Trim extreme weights, then calibrate again: bounds as multiples of the mean weight
   * (e.g. upper 5 caps weights at five times the mean). R `trimWeights`, then `rake` again.
   */
  trim?: { lower?: number; upper?: number; rounds?: number };
}

export interface WeightingResult {
  method: StoredCalibration['method'];
  respondents: number;
  excluded: number;
  imputed: Record<string, number>;
  converged: boolean;
  iterations: number;
  maxGap: number;
  /** Weights that were outside the trimming bounds before calibrating again. */
  trimmed: number;
  /** Weights outside the trimming or calibration bounds after the final calibration; null without bounds. */
  outsideBounds: number | null;
  trimRounds: number | null;
  bounds: [number, number] | null;
  boundsNotice: string | null;
  diagnostics: ReturnType<typeof weightDiagnostics>;
}

async function completeResponses(store: Store, slug: string, waveName: string) {
  const wave = await findWave(store.db, await findSurvey(store.db, slug), waveName);
  return { wave, rows: await completeRows(store.db, wave.id) };
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
export async function previewMatch(store: Store, slug: string, waveName: string, margins: Margin[]): Promise<MatchPreview> {
  const { rows } = await completeResponses(store, slug, waveName);
  const { cells, unmatched } = matchToMargins(margins, rows);
  return { respondents: rows.length, unmatched, detail: unmatched ? unmatchedDetail(margins, rows, cells) : '' };
}

/** What a run stores (storeRun's argument). */
export type WeightingRun = Parameters<typeof storeRun>[1];

/** Weights a wave and stores them (in one transaction). */
export async function runWeighting(store: Store, opts: WeightingOptions): Promise<WeightingResult> {
  const { result, run } = await computeWeighting(store, opts);
  (opts.onProgress ?? (() => {}))(`Storing ${run.kept.length} weights…`);
  await storeRun(store, run);
  return result;
}

/**
 * The weights of a run, computed from the store without writing to it (a report worker runs this,
 * server/jobs/): the result to show and what `storeRun` then stores. A response that arrives
 * between the two has no weight, as if it had arrived just after the run.
 */
export async function computeWeighting(store: Store, opts: WeightingOptions): Promise<{ result: WeightingResult; run: WeightingRun }> {
  const progress = opts.onProgress ?? (() => {});
  const unmatched = opts.unmatched ?? 'error';
  const requested = opts.method ?? 'rake';
  const { wave, rows } = await completeResponses(store, opts.slug, opts.wave);
  progress(`Loaded ${rows.length} complete responses of ${opts.slug} ${opts.wave}.`);
  if (!rows.length) throw new MarginsError(`${opts.slug} ${opts.wave} has no complete responses to weight.`);

  // Category index per respondent per margin; -1 = no target for what they answered.
  const matched = matchToMargins(opts.margins, rows);
  const { unmatched: unmatchedCount } = matched;
  if (unmatchedCount && unmatched === 'error') {
    const detail = unmatchedDetail(opts.margins, rows, matched.cells);
    throw new MarginsError(
      `${unmatchedCount} respondents have no weighting target for what they answered — ${detail}. ` +
        `Add a target for those categories (e.g. not_stated), keep them by imputing their weighting category (“keep them” on the weighting page, ` +
        `--unmatched impute on the command line), or leave them out of the weighted results (“leave them out”, --unmatched exclude).`,
    );
  }
  let cells: Int32Array[] = matched.cells;
  let keep = matched.keep;
  const imputed: Record<string, number> = {};
  const imputedCategories: Record<string, Record<string, string>> = {};
  if (unmatchedCount && unmatched === 'impute') {
    const r = imputeCells(
      cells,
      opts.margins.map((m) => m.categories.length),
    );
    opts.margins.forEach((m, j) => {
      if (!r.imputed[j]) return;
      imputed[m.variable] = r.imputed[j];
      const placed: Record<string, string> = {};
      rows.forEach((row, i) => {
        if (cells[j][i] < 0 && r.cells[j][i] >= 0) placed[String(row.id)] = m.categories[r.cells[j][i]];
      });
      imputedCategories[m.variable] = placed;
    });
    cells = r.cells;
    keep = rows.map((_, i) => cells.every((c) => c[i] >= 0));
    progress(
      `Placed ${Object.entries(imputed)
        .map(([v, k]) => `${k} on ${v}`)
        .join(', ')} by imputation (for weighting only).`,
    );
  }
  const excluded = keep.filter((k) => !k).length;
  const kept = rows.filter((_, i) => keep[i]);
  const keptCells = cells.map((c) => c.filter((_, i) => keep[i]));
  const base = Float64Array.from(kept, (r) => r.designWeight);

  const method: StoredCalibration['method'] = requested !== 'rake' ? requested : opts.margins.length === 1 ? 'poststratification' : 'raking';
  let weights: Float64Array;
  let trimmed = 0;
  let converged = true;
  let iterations = 0;
  let maxGap = 0;
  let outsideBounds: number | null = null;
  let trimRounds: number | null = null;
  let boundsNotice: string | null = null;
  const rakeMargins = opts.margins.map((m, j) => ({ name: m.variable, cells: keptCells[j], categories: m.categories, targets: m.targets }));
  const total = opts.margins[0].targets.reduce((a, b) => a + b, 0);
  if (method === 'linear' || method === 'logit') {
    // g-weight bounds are relative to the design weights scaled to the population total, so with
    // equal design weights they are multiples of the mean weight (and R's own rescaling never applies).
    let baseTotal = 0;
    for (const w of base) baseTotal += w;
    const scaled = Float64Array.from(base, (w) => (w * total) / baseTotal);
    const bounds = opts.bounds ?? undefined;
    progress(`Calibrating (${method}${bounds ? `, g-weights within ${bounds[0]}–${bounds[1]}` : ''}) to ${opts.margins.length} margins…`);
    const r = calibrating(() => calibrate(scaled, rakeMargins, { calfun: method, bounds }));
    // Steps that overflow leave no usable weights (R stops there too): refuse, store nothing.
    if (!r.weights.every(Number.isFinite)) throw new MarginsError(calibrationBoundsNotice(method, bounds ?? [-Infinity, Infinity], NaN));
    weights = r.weights;
    converged = r.converged;
    iterations = r.iterations;
    maxGap = r.maxGap;
    if (bounds) {
      outsideBounds = countOutside(r.g, bounds[0], bounds[1]);
      if (!converged) boundsNotice = calibrationBoundsNotice(method, bounds, r.maxGap);
    }
  } else if (opts.trim && (opts.trim.lower !== undefined || opts.trim.upper !== undefined)) {
    const mean = total / kept.length;
    const { lower, upper } = opts.trim;
    const rounds = opts.trim.rounds ?? 1;
    progress(
      `Trimming weights outside ${lower ?? 0}–${upper ?? '∞'} × the mean weight, then calibrating again` +
        `${rounds > 1 ? ` (up to ${rounds} rounds, until every weight is within them)` : ''}…`,
    );
    const r = calibrating(() =>
      trimThenRake(base, rakeMargins, {
        lower: lower !== undefined ? lower * mean : undefined,
        upper: upper !== undefined ? upper * mean : undefined,
        rounds,
        maxIterations: RAKE_MAX_ITERATIONS,
        epsilon: RAKE_RELATIVE_EPSILON,
      }),
    );
    weights = r.weights;
    trimmed = r.trimmed;
    converged = r.converged;
    iterations = r.iterations;
    maxGap = r.maxGap;
    outsideBounds = r.outside;
    trimRounds = r.rounds;
    if (r.outside) boundsNotice = trimBoundsNotice(r.outside, kept.length, lower, upper, r.rounds, rounds, r.minWeight / mean, r.maxWeight / mean);
  } else if (method === 'poststratification') {
    progress(`Post-stratifying on ${opts.margins[0].variable}…`);
    const m = opts.margins[0];
    weights = calibrating(() => postStratify(base, keptCells[0], m.targets, m.categories)).weights;
  } else {
    progress(`Raking to ${opts.margins.length} margins…`);
    // Rake to convergence (R's defaults stop at 10 sweeps or a change under one person), so the
    // stored final weights also stand in for each margin's weights when reports rebuild the calibration.
    const r = calibrating(() => rake(base, rakeMargins, { maxIterations: RAKE_MAX_ITERATIONS, epsilon: RAKE_RELATIVE_EPSILON }));
    weights = r.weights;
    converged = r.converged;
    iterations = r.iterations;
    maxGap = r.maxGap;
  }
  const diagnostics = weightDiagnostics(weights);
  const calibration: StoredCalibration = {
    method,
    margins: opts.margins,
    unmatched,
    excluded,
    illustrative: opts.illustrative ?? false,
    imputed,
    imputedCategories,
    bounds: method === 'linear' || method === 'logit' ? (opts.bounds ?? null) : null,
    converged,
    boundsNotice,
  };
  const trim = opts.trim && method !== 'linear' && method !== 'logit' ? opts.trim : null;
  const run: WeightingRun = {
    waveId: wave.id,
    left: rows.filter((_, i) => !keep[i]).map((r) => r.id),
    kept: kept.map((r) => r.id),
    weights,
    calibration,
    diagnostics: { ...diagnostics, converged, iterations, maxGap, trimmed, trim, outsideBounds, trimRounds, imputed, boundsNotice },
  };
  return {
    result: {
      method,
      respondents: kept.length,
      excluded,
      imputed,
      converged,
      iterations,
      maxGap,
      trimmed,
      outsideBounds,
      trimRounds,
      bounds: calibration.bounds ?? null,
      boundsNotice,
      diagnostics,
    },
    run,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const times = (x: number) => `${Number(x.toFixed(2))}`;

/** Linear or logit calibration that could not meet every margin within its bounds (R: "Failed to converge"). */
export function calibrationBoundsNotice(method: 'linear' | 'logit', bounds: readonly [number, number], maxGap: number): string {
  return (
    `The ${method} calibration could not keep every weight within ${times(bounds[0])}–${times(bounds[1])} times its design weight ` +
    `and still match every population margin (R's calibrate reports this as “Failed to converge”): ` +
    `${Number.isFinite(maxGap) ? `some weighted totals still miss their targets by up to ${pct(maxGap)}` : 'its steps ran out of range, so nothing was stored'}. ` +
    `The respondents differ from the population by more than those bounds allow. ` +
    `Widen the bounds (for example 0.3–3), weight to fewer or coarser margins (merge small categories), or use raking.`
  );
}

/** Trim-and-rake that ended with weights outside the trimming bounds. */
export function trimBoundsNotice(
  outside: number,
  n: number,
  lower: number | undefined,
  upper: number | undefined,
  rounds: number,
  maxRounds: number,
  min: number,
  max: number,
): string {
  const range = `${lower !== undefined ? times(lower) : '0'}–${upper !== undefined ? times(upper) : '∞'} times the mean weight`;
  const tried = rounds > 1 ? `after ${rounds} rounds of trimming and raking again` : 'after trimming and raking again';
  const next =
    maxRounds > 1
      ? 'Raking to the margins keeps pushing weights back out: widen the bounds, or weight to fewer or coarser margins.'
      : 'Repeat trimming until the weights are within the bounds (“repeat until within the bounds” on the weighting page, --trim-rounds on the command line), widen the bounds, or weight to fewer margins.';
  return (
    `${outside} of ${n} weights are still outside ${range} ${tried} (weights now range ${times(min)}–${times(max)} times the mean): ` +
    `matching the population margins needs them. ${next}`
  );
}

/**
 * The calibration cell of every respondent for a stored run, as the run placed them: their answer's
 * category, or the category imputation gave them (by response id). −1 = no category (left out).
 */
export function calibrationCells(stored: StoredCalibration, rows: readonly { id: number; answers: Record<string, unknown> }[]): Int32Array[] {
  return stored.margins.map((m) => {
    const index = new Map(m.categories.map((c, i) => [c, i]));
    const placed = stored.imputedCategories?.[m.variable] ?? {};
    return Int32Array.from(rows, (r) => index.get(categoryOf(m, r.answers) ?? 'not_stated') ?? index.get(placed[String(r.id)] ?? '') ?? -1);
  });
}

/** The calibration of a wave's latest weighting run, or null when it has not been weighted. */
export async function latestCalibration(store: Store, waveId: number): Promise<StoredCalibration | null> {
  return (await latestRun(store.db, waveId))?.margins ?? null;
}
