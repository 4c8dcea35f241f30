/** The first page's words: which wave leads, which is compared with, the period, weighting and margin. Made-up waves. */
import { describe, expect, it } from 'vitest';
import { earlierWave, headlineWave, marginText, periodText, weightingText } from '../../../client/officer/pages/home/words';
import type { OfficerSurvey, Wave } from '../../../client/officer/pages/home/types';

const wave = (name: string, status: 'open' | 'closed', responses: number, dates: Partial<Wave> = {}): Wave => ({
  name,
  status,
  responses,
  opensAt: null,
  closesAt: null,
  notTakingAnswers: null,
  ...dates,
});
const survey = (waves: Wave[]) => ({ slug: 's', title: 'A made-up survey', waves }) as unknown as OfficerSurvey;

describe('the first page in words', () => {
  it('leads with the open wave, else the newest with responses, and compares with the newest earlier wave that has responses', () => {
    const s = survey([wave('2024', 'closed', 900), wave('2025', 'closed', 0), wave('2026', 'open', 12), wave('2027', 'closed', 0)]);
    expect(headlineWave(s)?.name).toBe('2026');
    expect(earlierWave(s, '2026')).toBe('2024');
    expect(earlierWave(s, '2024')).toBeNull();
    const closed = survey([wave('2024', 'closed', 900), wave('2025', 'closed', 800), wave('2026', 'closed', 0)]);
    expect(headlineWave(closed)?.name).toBe('2025');
    expect(headlineWave(survey([]))).toBeUndefined();
  });

  it('writes the period in UK dates, whatever is set', () => {
    expect(periodText({ opensAt: '2026-09-01T00:00:00.000Z', closesAt: '2026-11-30T00:00:00.000Z' })).toBe('1 Sept 2026 to 30 Nov 2026');
    expect(periodText({ opensAt: '2026-09-01T00:00:00.000Z', closesAt: null })).toBe('from 1 Sept 2026');
    expect(periodText({ opensAt: null, closesAt: '2026-11-30T00:00:00.000Z' })).toBe('until 30 Nov 2026');
    expect(periodText({ opensAt: null, closesAt: null })).toBe('no dates set');
  });

  it('says how the wave is weighted, and that illustrative targets are not official', () => {
    expect(weightingText({ kind: 'design' })).toEqual({ status: 'Not weighted yet', detail: 'the figures use the design weights only' });
    expect(weightingText({ kind: 'calibrated', method: 'raking', margins: ['sex', 'age_band'], illustrativeTargets: true })).toEqual({
      status: 'Weighted to the population',
      detail: 'raking on sex, age band; the targets are ILLUSTRATIVE population figures, not official estimates',
    });
    expect(weightingText({ kind: 'calibrated', method: 'poststratification', margins: ['ward'] }).detail).toBe('post-stratification on ward');
  });

  it('gives the margin of error in percentage points', () => {
    expect(marginText(0.02643)).toBe('±2.6 percentage points');
  });
});
