/**
 * A wave's headline figures and key findings (no perception: that needs recorded crime, and has
 * its own page): the figures from the report without breakdowns, the findings as findings.ts
 * writes them from the same source, so the two cannot disagree.
 */
import type { Store } from '../store/open.js';
import { findingsSource, surveyFindings } from './findings.js';
import type { WaveFindings } from './findings-schema.js';

export interface WaveFindingsOptions {
  slug: string;
  wave: string;
  compareWave?: string;
}

export async function waveFindings(store: Store, opts: WaveFindingsOptions): Promise<WaveFindings> {
  const source = await findingsSource(store, opts);
  const { survey, wave, compareWave, syntheticNotice, findings } = await surveyFindings(store, opts, undefined, source);
  const { n, nEffective, marginOfError, weighting } = source.report;
  return { survey, wave, compareWave, syntheticNotice, n, nEffective, marginOfError, weighting, findings };
}
