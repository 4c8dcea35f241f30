/**
 * Key findings of a survey wave (and its change from another wave). See
 * analysis/findings/key-findings.ts for what is claimed and when.
 *
 * Speed: the group differences are only written for the headline rows, so the breakdowns by sex
 * and age band are computed for the headline questions only. That leaves every comparison as the
 * full report gives it: BH adjustment is per question × breakdown (analysis/report/build-report.ts),
 * so dropping other questions does not change it. Changes come from the full report (their BH
 * family is all the report's changes).
 */
import { buildWaveReport } from '../../analysis/report/build-report.js';
import { HEADLINE_ROWS, keyFindings, type Finding, type PerceptionFindingInput } from '../../analysis/findings/key-findings.js';
import type { Comparison, Estimate } from '../../analysis/report/types.js';
import type { Store } from '../store/open.js';
import { surveyReport, type SurveyReport } from './survey-report.js';
import { loadWaveData } from './wave-data.js';

/** Breakdowns the group-difference findings read, where the survey has them. */
export const FINDING_BREAKDOWNS = ['sex', 'age_band'];

export interface SurveyFindings {
  survey: SurveyReport['survey'];
  wave: string;
  compareWave: string | null;
  syntheticNotice: string | null;
  findings: Finding[];
}

export interface FindingsSource {
  /** The report without breakdowns (overall estimates, changes). */
  report: SurveyReport;
  /** Estimates by sex / age band of the headline questions, and their comparisons. */
  groupEstimates: Estimate[];
  comparisons: Comparison[];
}

export async function findingsSource(store: Store, opts: { slug: string; wave: string; compareWave?: string }): Promise<FindingsSource> {
  const report = await surveyReport(store, { ...opts, by: [] });
  const data = await loadWaveData(store, opts.slug, opts.wave);
  const headline = new Set(HEADLINE_ROWS.map((h) => h.question));
  const breakdowns = data.breakdowns.filter((b) => FINDING_BREAKDOWNS.includes(b.name));
  const questions = data.questions.filter((q) => headline.has(q.name));
  if (!questions.length || !breakdowns.length) return { report, groupEstimates: [], comparisons: [] };
  const grouped = buildWaveReport({
    questions,
    breakdowns,
    answers: data.answers,
    weights: data.weights,
    calibration: data.calibration,
    design: data.sampleDesign,
    ci: report.ciMethod,
    threshold: report.threshold,
    // The findings name two groups that differ (e.g. two age bands), so they read pairs.
    comparisons: 'pairs',
  });
  return { report, groupEstimates: grouped.estimates.filter((e) => e.group !== null), comparisons: grouped.comparisons };
}

export async function surveyFindings(
  store: Store,
  opts: { slug: string; wave: string; compareWave?: string },
  perception?: PerceptionFindingInput[],
  given?: FindingsSource,
): Promise<SurveyFindings> {
  const source = given ?? (await findingsSource(store, opts));
  const { report } = source;
  const { findings } = keyFindings({
    estimates: [...report.estimates, ...source.groupEstimates],
    comparisons: source.comparisons,
    changes: report.changes,
    syntheticNotice: report.syntheticNotice,
    perception,
  });
  return { survey: report.survey, wave: report.wave, compareWave: opts.compareWave ?? null, syntheticNotice: report.syntheticNotice, findings };
}
