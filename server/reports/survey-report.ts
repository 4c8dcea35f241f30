/**
 * The report for one wave (and its change from another), as the CLI, the API and the exports give
 * it: method, bases, estimates, comparisons, associations and changes, with the synthetic-data and
 * illustrative-target notices carried in the JSON so every view can show them.
 */
import { buildWaveReport, DEFAULT_THRESHOLD } from '../../analysis/report/build-report.js';
import { compareWaves } from '../../analysis/report/changes.js';
import { COMPARISON_MODES } from '../../analysis/report/comparison-rules.js';
import type { Change, CiMethod, ComparisonMode } from '../../analysis/report/types.js';
import type { Store } from '../store/open.js';
import { BadRequest } from '../errors.js';
import { syntheticResponsesNotice } from '../notices.js';
import type { SurveyReport } from './schemas.js';
import { loadWaveData, type WaveData } from './wave-data.js';

export interface ReportOptions {
  slug: string;
  wave: string;
  by?: string[];
  compareWave?: string;
  ci?: CiMethod;
  threshold?: number;
  /** How groups are compared (default 'auto': every pair up to 5 groups, each group against the rest of the sample above). */
  comparisons?: ComparisonMode;
}

export type { SurveyReport } from './schemas.js';

export const CI_METHODS: CiMethod[] = ['logit', 'beta', 'wilson'];

export function surveyReport(store: Store, opts: ReportOptions): SurveyReport {
  const ci = opts.ci ?? 'logit';
  if (!CI_METHODS.includes(ci)) throw new BadRequest(`Unknown CI method '${ci}': use logit, beta or wilson.`);
  const comparisons = opts.comparisons ?? 'auto';
  if (!COMPARISON_MODES.includes(comparisons)) throw new BadRequest(`Unknown comparisons '${comparisons}': use auto, pairs or rest.`);
  const data = loadWaveData(store, opts.slug, opts.wave);
  const by = opts.by ?? [];
  const breakdowns = by.map((name) => {
    const b = data.breakdowns.find((x) => x.name === name);
    if (!b) {
      throw new BadRequest(`'${name}' cannot be used as a breakdown: choose from ${data.breakdowns.map((x) => x.name).join(', ')}.`);
    }
    return b;
  });
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const build = (d: WaveData, withBreakdowns: boolean) =>
    buildWaveReport({
      questions: d.questions,
      breakdowns: withBreakdowns ? breakdowns : [],
      answers: d.answers,
      weights: d.weights,
      calibration: d.calibration,
      ci,
      threshold,
      comparisons,
    });
  const report = build(data, true);
  let changes: Change[] | null = null;
  let synthetic = data.synthetic;
  if (opts.compareWave) {
    if (opts.compareWave === opts.wave) throw new BadRequest('Compare with a different wave.');
    const earlier = loadWaveData(store, opts.slug, opts.compareWave);
    synthetic += earlier.synthetic;
    changes = compareWaves({ wave: opts.compareWave, report: build(earlier, false) }, { wave: opts.wave, report });
  }
  return {
    survey: { slug: data.survey.slug, title: data.survey.title },
    wave: data.wave.name,
    weighting: data.weighting,
    syntheticNotice: syntheticResponsesNotice(synthetic),
    by,
    ...report,
    changes,
  };
}
