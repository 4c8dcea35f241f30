/**
 * The weighting panel's API, mounted at /api/officer (session + CSRF run there):
 *   GET  /surveys/:slug/waves/:wave/weighting → {method, margins, diagnostics, createdAt} of the
 *        latest run, or null when the wave has not been weighted (viewer and up)
 *   POST /surveys/:slug/waves/:wave/weighting (analyst and up), JSON
 *        {source: 'population' | 'margins', margins?: 'variable,category,target' CSV text,
 *         unmatched?: 'error' | 'exclude', trimUpper?: number, trimLower?: number}
 *        → {method, illustrative, trimmed, diagnostics: {n, nEffective, deffWeighting, min, max,
 *           ratio, marginOfError, converged, iterations, maxGap, excluded}}; audited 'weighting.run'.
 *   GET  /surveys/:slug/waves/:wave/weighting/population-targets (analyst and up) → what weighting
 *        to the population table would use: its variables, whether it is illustrative, how many of
 *        the wave's complete responses have no target, and the margins as a CSV to start a file from.
 * Targets that cannot be used (bad CSV, categories with no target, no population) → 422 with the
 * reason; a malformed request → 400; unknown survey or wave → 404. A refused run changes nothing.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';
import { Hono, type Context } from 'hono';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { population, responses, weightingRuns } from '../../store/schema.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { findSurvey, findWave, NotAvailable } from '../../surveys/surveys.js';
import { marginsToCsv, parseMargins, type Margin } from '../../weighting/margins.js';
import { marginsFromPopulation } from '../../weighting/population-margins.js';
import { flatten } from '../../validation/flatten.js';
import { previewMatch, runWeighting, type MatchPreview, type StoredCalibration, type StoredRunDiagnostics, type UnmatchedPolicy } from '../../weighting/run.js';

/** A margins CSV for a borough is a few hundred lines; 256 KB leaves ample room. */
export const MAX_WEIGHTING_BODY_BYTES = 256 * 1024;

export interface WeightingRequest {
  source: 'population' | 'margins';
  margins?: string;
  unmatched?: UnmatchedPolicy;
  trimUpper?: number;
  trimLower?: number;
  /** Uploaded margins only: the targets are made up (demo, training). */
  illustrative?: boolean;
}

export interface WeightingRunResponse {
  method: 'poststratification' | 'raking';
  illustrative: boolean;
  trimmed: number;
  diagnostics: {
    n: number;
    nEffective: number;
    deffWeighting: number;
    min: number;
    max: number;
    ratio: number;
    marginOfError: number;
    converged: boolean;
    iterations: number;
    maxGap: number;
    excluded: number;
  };
}

/** Said wherever weighting targets made up for the demo are shown. */
export const ILLUSTRATIVE_TARGETS_NOTICE =
  'The weighting targets are ILLUSTRATIVE population figures (made up for the demo), not official (ONS) estimates: results weighted to them show how the method works and must not be quoted as real.';

/** What weighting to the population table would use, for the panel's choice of targets. */
export interface PopulationTargets {
  /** False when there is no population by ward × sex × age band (then `reason` says what to import). */
  available: boolean;
  reason: string | null;
  illustrative: boolean;
  illustrativeNotice: string | null;
  /** Adults in the population table (the sum of every margin's targets). */
  total: number;
  variables: { variable: string; categories: number }[];
  /** Variables that are not questions in this survey's questionnaire (their targets cannot apply). */
  notAsked: string[];
  /** How the wave's complete responses match the targets; null when the population is unavailable. */
  match: MatchPreview | null;
  /** The population margins as a variable,category,target CSV: a starting point for an uploaded file. */
  csv: string;
}

const USAGE =
  'Send JSON {"source": "population"} or {"source": "margins", "margins": "variable,category,target\\n…"}, ' +
  'optionally with "unmatched": "error" | "exclude", "trimUpper" and "trimLower" (multiples of the mean weight).';

/** Summaries and request body for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const weightingOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/weighting': { summary: "The wave's latest weighting run (method, targets, diagnostics), or null" },
  'GET /api/officer/surveys/{slug}/waves/{wave}/weighting/population-targets': {
    summary: 'What weighting to the population table would use: variables, illustrative or not, respondents without a target, the margins as CSV',
  },
  'POST /api/officer/surveys/{slug}/waves/{wave}/weighting': {
    summary: 'Weight the wave to the population or to uploaded margins; returns the diagnostics',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['source'],
            properties: {
              source: { enum: ['population', 'margins'] },
              margins: { type: 'string', description: 'CSV text with the columns variable,category,target' },
              unmatched: { enum: ['error', 'exclude'] },
              trimUpper: { type: 'number', exclusiveMinimum: 1 },
              trimLower: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
              illustrative: { type: 'boolean', description: 'The uploaded targets are made up (demo, training): every output then says so' },
            },
          },
        },
      },
    },
  },
};

/** The request checked, or a message saying what is wrong with it. */
export function parseWeightingRequest(body: unknown): WeightingRequest | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return USAGE;
  const b = body as Record<string, unknown>;
  if (b.source !== 'population' && b.source !== 'margins') return `"source" must be "population" or "margins". ${USAGE}`;
  if (b.source === 'margins' && (typeof b.margins !== 'string' || !b.margins.trim())) {
    return '"margins" must be the text of a CSV file with the columns variable,category,target.';
  }
  if (b.unmatched !== undefined && b.unmatched !== 'error' && b.unmatched !== 'exclude') return '"unmatched" must be "error" or "exclude".';
  if (b.illustrative !== undefined && typeof b.illustrative !== 'boolean') return '"illustrative" must be true or false.';
  if (b.illustrative !== undefined && b.source !== 'margins')
    return '"illustrative" is only for an uploaded margins file: the population table records it itself.';
  for (const k of ['trimUpper', 'trimLower'] as const) {
    const v = b[k];
    if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      return `"${k}" must be a positive number (a multiple of the mean weight), not ${JSON.stringify(v)}.`;
    }
  }
  const trimUpper = (b.trimUpper ?? undefined) as number | undefined;
  const trimLower = (b.trimLower ?? undefined) as number | undefined;
  if (trimUpper !== undefined && trimUpper <= 1) return '"trimUpper" must be above 1: weights are capped at that many times the mean weight.';
  if (trimLower !== undefined && trimLower >= 1) return '"trimLower" must be below 1: weights are raised to at least that fraction of the mean weight.';
  return {
    source: b.source,
    margins: b.source === 'margins' ? (b.margins as string) : undefined,
    unmatched: b.unmatched as UnmatchedPolicy | undefined,
    trimUpper,
    trimLower,
    illustrative: b.illustrative === true,
  };
}

/** The latest weighting run of a wave, as stored (with the notices its figures need), or null. */
export function latestWeightingRun(store: Store, slug: string, waveName: string) {
  const wave = findWave(store.db, findSurvey(store.db, slug), waveName);
  const run = store.db.select().from(weightingRuns).where(eq(weightingRuns.waveId, wave.id)).orderBy(desc(weightingRuns.id)).limit(1).get();
  if (!run) return null;
  const margins = run.margins as StoredCalibration;
  const synthetic = store.db
    .select({ n: sql<number>`count(*)` })
    .from(responses)
    .where(and(eq(responses.waveId, wave.id), eq(responses.synthetic, true)))
    .get()!.n;
  return {
    method: margins.method,
    margins,
    diagnostics: run.diagnostics as StoredRunDiagnostics,
    createdAt: run.createdAt,
    illustrativeNotice: margins.illustrative ? ILLUSTRATIVE_TARGETS_NOTICE : null,
    syntheticNotice: synthetic ? `${synthetic} of the responses in this wave are SYNTHETIC demo data (made up), not real survey replies.` : null,
  };
}

/** The population table as weighting targets for a wave, or why it cannot be used. */
export function populationTargetsFor(store: Store, slug: string, waveName: string): PopulationTargets {
  const survey = findSurvey(store.db, slug);
  findWave(store.db, survey, waveName);
  let targets: { margins: Margin[]; illustrative: boolean };
  try {
    targets = populationTargets(store);
  } catch (e) {
    if (!(e instanceof NotAvailable)) throw e;
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
    match: previewMatch(store, slug, waveName, margins),
    csv: marginsToCsv(margins),
  };
}

function populationTargets(store: Store): { margins: Margin[]; illustrative: boolean } {
  const hasCells = store.db.select({ n: population.count }).from(population).limit(1).get();
  if (!hasCells) {
    throw new NotAvailable(422, 'There is no population to weight to yet. Add it on the Data page (or with `population import`), or upload a margins file.');
  }
  try {
    return marginsFromPopulation(store.db);
  } catch (e) {
    // Population rows exist but none by ward × sex × age band: the message says what to import.
    throw new NotAvailable(422, (e as Error).message);
  }
}

/** Maps errors that tell the officer what to fix to their status; anything else is a server fault. */
function userError(c: Context, e: unknown) {
  if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
  if (e instanceof Error && (e.name === 'MarginsError' || e.name === 'WeightingError')) return c.json({ error: e.message }, 422);
  throw e;
}

export function officerWeightingRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv & JsonBodyEnv>()
    .get('/surveys/:slug/waves/:wave/weighting', requireRole(...rolesWith('read-results')), (c) => {
      try {
        return c.json(latestWeightingRun(store, c.req.param('slug'), c.req.param('wave')));
      } catch (e) {
        return userError(c, e);
      }
    })
    .get('/surveys/:slug/waves/:wave/weighting/population-targets', requireRole(...rolesWith('run-weighting')), (c) => {
      try {
        return c.json(populationTargetsFor(store, c.req.param('slug'), c.req.param('wave')));
      } catch (e) {
        return userError(c, e);
      }
    })
    .post('/surveys/:slug/waves/:wave/weighting', requireRole(...rolesWith('run-weighting')), jsonBody({ maxBytes: MAX_WEIGHTING_BODY_BYTES }), (c) => {
      const request = parseWeightingRequest(c.get('body'));
      if (typeof request === 'string') return c.json({ error: request }, 400);
      const slug = c.req.param('slug');
      const wave = c.req.param('wave');
      try {
        const targets =
          request.source === 'population' ? populationTargets(store) : { margins: parseMargins(request.margins!), illustrative: request.illustrative === true };
        const trim = request.trimUpper !== undefined || request.trimLower !== undefined ? { upper: request.trimUpper, lower: request.trimLower } : undefined;
        const r = runWeighting(store, { slug, wave, margins: targets.margins, unmatched: request.unmatched, illustrative: targets.illustrative, trim });
        const { n, nEffective, deffWeighting, min, max, ratio, marginOfError } = r.diagnostics;
        const body: WeightingRunResponse = {
          method: r.method,
          illustrative: targets.illustrative,
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
          },
        };
        audit(store, c.get('officer'), 'weighting.run', {
          survey: slug,
          wave,
          source: request.source,
          method: r.method,
          variables: targets.margins.map((m) => m.variable),
          n,
          excluded: r.excluded,
        });
        return c.json(body);
      } catch (e) {
        return userError(c, e);
      }
    });
}
