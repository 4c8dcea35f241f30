/**
 * The weighting services the weighting page and the `weight` CLI both call: a wave's latest run
 * (with the notices its figures need), what the population table offers as targets, and a run
 * to the population or to a margins file (checked, stored, audited). Each throws an HttpError
 * subclass when the request cannot be done (404 unknown survey or wave, 422 unusable targets).
 */
import { audit } from '../accounts/audit.js';
import { ILLUSTRATIVE_TARGETS_NOTICE, syntheticWaveNotice } from '../notices.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { flatten } from '../validation/flatten.js';
import { type Margin, MarginsError, marginsToCsv, parseMargins } from './margins.js';
import { marginsFromPopulation } from './population-margins.js';
import { latestRun, restoreRunRows, runOfWave, runsOfWave, storeRun, syntheticCount } from './queries.js';
import { NotFound, Unprocessable } from '../errors.js';
import { computeWeighting, previewMatch } from './run.js';
import type {
  LatestWeightingRun,
  PopulationTargets,
  StoredCalibration,
  WeightingHistory,
  WeightingRequest,
  WeightingRestored,
  WeightingRunResponse,
} from './schemas.js';

/** The latest weighting run of a wave, as stored (with the notices its figures need), or null. */
export async function latestWeightingRun(store: Store, slug: string, waveName: string): Promise<LatestWeightingRun | null> {
  const wave = await findWave(store.db, await findSurvey(store.db, slug), waveName);
  const run = await latestRun(store.db, wave.id);
  if (!run) return null;
  const synthetic = await syntheticCount(store.db, wave.id);
  return {
    method: run.margins.method,
    margins: run.margins,
    diagnostics: run.diagnostics,
    createdAt: run.createdAt,
    illustrativeNotice: run.margins.illustrative ? ILLUSTRATIVE_TARGETS_NOTICE : null,
    syntheticNotice: syntheticWaveNotice(synthetic),
  };
}

/** The population table as weighting targets for a wave, or why it cannot be used. */
export async function populationTargetsFor(store: Store, slug: string, waveName: string): Promise<PopulationTargets> {
  const survey = await findSurvey(store.db, slug);
  await findWave(store.db, survey, waveName);
  let targets: Awaited<ReturnType<typeof marginsFromPopulation>>;
  try {
    targets = await marginsFromPopulation(store.db);
  } catch (e) {
    // Not a refusal here: the page says why and offers a margins file instead.
    if (!(e instanceof MarginsError)) throw e;
    return { available: false, reason: e.message, illustrative: false, illustrativeNotice: null, total: 0, variables: [], notAsked: [], match: null, csv: '' };
  }
  const asked = new Set(flatten(survey.definition).questions.map((q) => q.name));
  const { margins, illustrative } = targets;
  return {
    available: true,
    reason: null,
    illustrative,
    illustrativeNotice: illustrative ? ILLUSTRATIVE_TARGETS_NOTICE : null,
    total: margins[0].targets.reduce((a, b) => a + b, 0),
    variables: margins.map((m) => ({ variable: m.variable, categories: m.categories.length })),
    notAsked: margins.flatMap((m) => m.questions).filter((q) => !asked.has(q)),
    match: await previewMatch(store, slug, waveName, margins),
    csv: marginsToCsv(margins),
  };
}

export interface WeighWave {
  slug: string;
  wave: string;
  request: WeightingRequest;
  /** The officer who asked, for the audit log; the CLI has none. */
  by?: { id: number } | null;
  onProgress?: (message: string) => void;
}

/**
 * Weights a wave as asked: targets from the population table or the margins text, then the run
 * (stored in one transaction) and its audit entry. Nothing changes when it is refused.
 */
export async function weighWave(store: Store, args: WeighWave): Promise<WeightingRunResponse> {
  return await storeWeighing(store, await computeWeighing(store, args), args);
}

/** The weights weighWave would store, and its targets, computed without writing (a report worker runs it, server/jobs/). */
export interface Weighing {
  targets: { margins: Margin[]; illustrative: boolean };
  computed: Awaited<ReturnType<typeof computeWeighting>>;
}

export async function computeWeighing(store: Store, { slug, wave, request, onProgress }: Omit<WeighWave, 'by'>): Promise<Weighing> {
  const targets =
    request.source === 'population'
      ? await marginsFromPopulation(store.db)
      : { margins: parseMargins(request.margins ?? ''), illustrative: request.illustrative === true };
  const trimUpper = request.trimUpper ?? undefined;
  const trimLower = request.trimLower ?? undefined;
  const trim = trimUpper !== undefined || trimLower !== undefined ? { upper: trimUpper, lower: trimLower, rounds: request.trimRounds ?? undefined } : undefined;
  const computed = await computeWeighting(store, {
    slug,
    wave,
    margins: targets.margins,
    // The API's default stays "error" (its contract); the page and the CLI send "impute" by default.
    unmatched: request.unmatched ?? 'error',
    method: request.method ?? 'rake',
    bounds: request.bounds ?? null,
    illustrative: targets.illustrative,
    trim,
    onProgress,
  });
  return { targets, computed };
}

/** The write half of weighWave: stores the computed run, audits it for `by`, and says how it went. */
export async function storeWeighing(
  store: Store,
  { targets, computed }: Weighing,
  { slug, wave, request, by, onProgress }: WeighWave,
): Promise<WeightingRunResponse> {
  onProgress?.(`Storing ${computed.run.kept.length} weights…`);
  await storeRun(store, computed.run);
  const r = computed.result;
  const { n, nEffective, deffWeighting, min, max, ratio, marginOfError } = r.diagnostics;
  const variables = targets.margins.map((m) => m.variable);
  if (by) {
    await audit(store, by, 'weighting.run', {
      survey: slug,
      wave,
      source: request.source,
      method: r.method,
      variables,
      n,
      excluded: r.excluded,
      imputed: r.imputed,
      bounds: r.bounds,
    });
  }
  return {
    method: r.method,
    variables,
    illustrative: targets.illustrative,
    respondents: r.respondents,
    trimmed: r.trimmed,
    diagnostics: {
      n,
      nEffective,
      deffWeighting,
      min,
      max,
      ratio,
      marginOfError,
      converged: r.converged,
      iterations: r.iterations,
      maxGap: r.maxGap,
      excluded: r.excluded,
      imputed: r.imputed,
      outsideBounds: r.outsideBounds,
      trimRounds: r.trimRounds,
      bounds: r.bounds,
      boundsNotice: r.boundsNotice,
    },
  };
}

/** "2 December 2026 at 10:15" (UTC, as stored). */
function whenText(iso: string): string {
  const d = new Date(iso.includes('T') ? iso : `${iso.replace(' ', 'T')}Z`);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day} at ${time}`;
}

/** Every weighting run of a wave, newest (current) first, for the history on the weighting panel. */
export async function weightingHistory(store: Store, slug: string, waveName: string): Promise<WeightingHistory> {
  const wave = await findWave(store.db, await findSurvey(store.db, slug), waveName);
  return (await runsOfWave(store.db, wave.id)).map((r, i) => ({
    id: r.id,
    createdAt: r.createdAt,
    method: r.margins.method,
    variables: r.margins.margins.map((m) => m.variable),
    illustrative: r.margins.illustrative === true,
    n: r.diagnostics.n,
    nEffective: r.diagnostics.nEffective,
    marginOfError: r.diagnostics.marginOfError,
    current: i === 0,
    restoredFrom: r.restoredFrom,
    restorable: r.restorable,
  }));
}

/**
 * Makes a past run's weights current again (the weighting panel's "Restore this run"): its weights
 * back on the responses still stored, and a copy of it as the latest run, so reports state its
 * method and their cached copies are dropped; audited as weighting.restore. Restoring the current
 * run changes nothing.
 */
export async function restoreWeightingRun(
  store: Store,
  args: { slug: string; wave: string; run: number; by?: { id: number } | null },
): Promise<WeightingRestored> {
  const wave = await findWave(store.db, await findSurvey(store.db, args.slug), args.wave);
  const run = await runOfWave(store.db, wave.id, args.run);
  if (!run) throw new NotFound(`Wave ${args.wave} of ${args.slug} has no weighting run ${args.run}. Choose one from the list of runs.`);
  if (!run.weights) {
    throw new Unprocessable(
      `The run of ${whenText(run.createdAt)} was made before runs kept their weights, so it cannot be restored. Run the weighting again with its targets instead.`,
    );
  }
  const size = run.weights.ids.length;
  const latest = (await runsOfWave(store.db, wave.id))[0];
  if (latest.id === run.id) {
    return {
      restored: run.id,
      run: run.id,
      weighted: size,
      missing: 0,
      message: `The run of ${whenText(run.createdAt)} is already the current one: nothing was changed.`,
    };
  }
  const { restoredId, weighted } = await restoreRunRows(store, wave.id, run);
  const missing = size - weighted;
  const original = run.restoredFrom ?? run.id;
  await audit(store, args.by, 'weighting.restore', {
    survey: args.slug,
    wave: args.wave,
    run: run.id,
    restoredFrom: original,
    newRun: restoredId,
    weighted,
    missing,
  });
  const gone = missing ? ` ${missing.toLocaleString('en-GB')} of the responses it weighted have since been deleted.` : '';
  const variables = (run.margins as StoredCalibration).margins.map((m) => m.variable).join(', ');
  return {
    restored: run.id,
    run: restoredId,
    weighted,
    missing,
    message: `The weights of the run of ${whenText(run.createdAt)} (${variables}) are current again: ${weighted.toLocaleString('en-GB')} responses weighted.${gone}`,
  };
}
