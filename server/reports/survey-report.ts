/**
 * The report for one wave (and its change from another), as the CLI, the API and the exports give
 * it: method, bases, estimates, comparisons, associations and changes, with the synthetic-data and
 * illustrative-target notices carried in the JSON so every view can show them.
 */
import { buildWaveReport, DEFAULT_THRESHOLD } from '../../analysis/report/build-report.js';
import { compareWaves } from '../../analysis/report/changes.js';
import { COMPARISON_MODES } from '../../analysis/report/comparison-rules.js';
import type { Change, CiMethod, ComparisonMode, ReportInput, WaveReport } from '../../analysis/report/types.js';
import { scopedPartnership } from '../store/partnership-scope.js';
import { type EarlierWaveArgs, earlierWave, earlierWaveWork, helpersFor, mergeParts, partInput, registeredHelpers, shareQuestions } from './report-parts.js';
import type { Store } from '../store/open.js';
import { BadRequest } from '../errors.js';
import { syntheticResponsesNotice } from '../notices.js';
import { leanReport, rounded } from './lean-report.js';
import type { ReportDetail, SurveyReport } from './schemas.js';
import { askedQuestions, crosstabOf, parseFilters, recoded } from './report-query.js';
import { loadWaveColumns, type WaveColumns } from './wave-columns.js';

export interface ReportOptions {
  slug: string;
  wave: string;
  by?: string[];
  compareWave?: string;
  ci?: CiMethod;
  threshold?: number;
  /** How groups are compared (default 'auto': every pair up to 5 groups, each group against the rest of the sample above). */
  comparisons?: ComparisonMode;
  /** Only these questions are estimated and returned (all when absent or empty). */
  question?: string[];
  /** `variable:value` or `variable:value1|value2`: domains of the full design (see applyFilters). */
  filter?: string[];
  /** `a*b`: a breakdown by the combinations of two breakdowns. */
  crosstab?: string[];
  /** 'include': the partial (unfinished) responses are analysed too; default complete ones only. */
  partial?: 'include' | 'exclude';
}

export type { SurveyReport } from './schemas.js';
export { REPORT_DIGITS } from './lean-report.js';

export const CI_METHODS: CiMethod[] = ['logit', 'beta', 'wilson'];

export async function surveyReport(store: Store, opts: ReportOptions): Promise<SurveyReport> {
  const ci = opts.ci ?? 'logit';
  if (!CI_METHODS.includes(ci)) throw new BadRequest(`Unknown CI method '${ci}': use logit, beta or wilson.`);
  const comparisons = opts.comparisons ?? 'auto';
  if (!COMPARISON_MODES.includes(comparisons)) throw new BadRequest(`Unknown comparisons '${comparisons}': use auto, pairs or rest.`);
  const waveOpts = { includePartial: opts.partial === 'include' };
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  // With helper threads, the wave compared with is read and estimated there meanwhile (./report-parts.ts).
  const helping = registeredHelpers();
  const earlierArgs: EarlierWaveArgs | null =
    opts.compareWave && opts.compareWave !== opts.wave
      ? {
          slug: opts.slug,
          wave: opts.wave,
          compareWave: opts.compareWave,
          includePartial: waveOpts.includePartial,
          filter: opts.filter ?? [],
          ci,
          threshold,
          comparisons,
        }
      : null;
  const earlierElsewhere = helping && earlierArgs ? (helping.run('earlierWave', earlierArgs, scopedPartnership()) as ReturnType<typeof earlierWave>) : null;
  // Read later, or never when this wave fails first.
  earlierElsewhere?.catch(() => {});
  const loaded = await loadWaveColumns(store, opts.slug, opts.wave, waveOpts);
  const filters = parseFilters(loaded, opts.filter ?? []);
  const crosstabs = (opts.crosstab ?? []).map((spec) => crosstabOf(loaded, spec));
  const data = recoded(loaded, filters, crosstabs);
  const by = opts.by ?? [];
  const asked = askedQuestions(data, opts.question ?? []);
  const breakdowns = [...by, ...crosstabs.map((x) => x.name)].map((name) => {
    const b = data.breakdowns.find((x) => x.name === name);
    if (!b) {
      throw new BadRequest(`'${name}' cannot be used as a breakdown: choose from ${data.breakdowns.map((x) => x.name).join(', ')}.`);
    }
    return b;
  });
  const inputOf = (d: WaveColumns, withBreakdowns: boolean, questions = asked) => ({
    questions: questions ?? d.questions,
    breakdowns: withBreakdowns ? breakdowns : [],
    weights: d.weights,
    calibration: d.calibration,
    design: d.sampleDesign,
    ci,
    threshold,
    comparisons,
  });
  const build = (d: WaveColumns, withBreakdowns: boolean, questions = asked) =>
    buildWaveReport({ ...inputOf(d, withBreakdowns, questions), answers: d.answers });
  const report = (await builtInParts(data, inputOf(data, true), earlierElsewhere !== null)) ?? build(data, true);
  let changes: Change[] | null = null;
  let synthetic = data.synthetic;
  if (opts.compareWave) {
    if (opts.compareWave === opts.wave) throw new BadRequest('Compare with a different wave.');
    // Read here unless a helper has it; the filters are those parsed already.
    const earlier = await (earlierElsewhere ?? earlierWave(store, earlierArgs!, filters));
    synthetic += earlier.synthetic;
    // The changes are BH-adjusted across all of them, so with a choice of questions they are worked
    // out on every question and only the chosen ones returned: the same numbers as the full report.
    const all = compareWaves({ wave: opts.compareWave, report: earlier.report }, { wave: opts.wave, report: asked ? build(data, false, null) : report });
    changes = asked ? all.filter((c) => asked.some((q) => q.name === c.question)) : all;
  }
  return {
    detail: 'full',
    survey: { slug: data.survey.slug, title: data.survey.title },
    wave: data.wave.name,
    weighting: data.weighting,
    syntheticNotice: syntheticResponsesNotice(synthetic),
    by,
    crosstabs: crosstabs.map((x) => x.name),
    filters: filters.map(({ variable, title, values, n }) => ({ variable, title, values, n })),
    ...report,
    unfinished: data.unfinished,
    changes,
  };
}

/**
 * The wave's report shared out between this thread and the helpers (./report-parts.ts), or null
 * when it is built here alone (no helpers, or too few respondents to be worth it). The helper that
 * reads the wave compared with starts its share that much later, so it is given less.
 */
async function builtInParts(data: WaveColumns, input: Omit<ReportInput, 'answers'>, earlierOnFirstHelper: boolean): Promise<WaveReport | null> {
  const helping = helpersFor(data.weights.length);
  if (!helping) return null;
  const headStart = [0, earlierOnFirstHelper ? earlierWaveWork(data.weights.length) : 0];
  const shares = shareQuestions(input.questions, input.breakdowns, helping.size + 1, headStart);
  if (shares.length < 2) return null;
  const [mine, ...theirs] = shares;
  const partnership = scopedPartnership();
  const elsewhere = theirs.map((questions) => helping.run('reportPart', partInput(data, { ...input, questions }), partnership) as Promise<WaveReport>);
  for (const p of elsewhere) p.catch(() => {});
  const here = buildWaveReport({ ...input, questions: mine, answers: data.answers });
  return mergeParts(input.questions, [here, ...(await Promise.all(elsewhere))]);
}

/**
 * The report as the API sends it: lean (leanReport) unless asked for in full. In full, the numbers
 * of the comparisons, associations and changes (differences, SEs, t, F, p-values) are given to
 * REPORT_DIGITS significant digits (the digits a double carries beyond that are noise of the
 * arithmetic) and the estimates keep every digit, as the CLI's JSON and the downloads do.
 */
export function reportJson(report: SurveyReport, detail: ReportDetail = 'lean'): string {
  if (detail === 'lean') return JSON.stringify(leanReport(report));
  const rows = new WeakSet<object>([...report.comparisons, ...report.associations]);
  for (const c of report.changes ?? []) for (const o of [c, c.from, c.to]) rows.add(o);
  return JSON.stringify(report, function (this: object, _key, v: unknown) {
    return rows.has(this) ? rounded(v) : v;
  });
}
