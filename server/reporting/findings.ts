/**
 * Key findings of a survey wave (and its change from another wave), from the survey report with
 * the breakdowns the findings use (sex, age band). See analysis/findings/key-findings.ts for what
 * is claimed and when.
 */
import { keyFindings, type Finding, type PerceptionFindingInput } from '../../analysis/findings/key-findings.js';
import type { Store } from '../db/open.js';
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

/** The survey report the findings are written from. */
export function findingsReport(store: Store, opts: { slug: string; wave: string; compareWave?: string }): SurveyReport {
  const available = new Set(loadWaveData(store, opts.slug, opts.wave).breakdowns.map((b) => b.name));
  return surveyReport(store, { ...opts, by: FINDING_BREAKDOWNS.filter((b) => available.has(b)) });
}

export function surveyFindings(
  store: Store,
  opts: { slug: string; wave: string; compareWave?: string },
  perception?: PerceptionFindingInput[],
  report = findingsReport(store, opts),
): SurveyFindings {
  const { findings } = keyFindings({
    estimates: report.estimates,
    comparisons: report.comparisons,
    changes: report.changes,
    syntheticNotice: report.syntheticNotice,
    perception,
  });
  return { survey: report.survey, wave: report.wave, compareWave: opts.compareWave ?? null, syntheticNotice: report.syntheticNotice, findings };
}
