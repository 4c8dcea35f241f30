/**
 * The one wording of the synthetic / illustrative warnings (server/notices.ts): the counted
 * sentences with known numbers, and null when nothing is made up.
 */
import { describe, expect, it } from 'vitest';
import {
  ILLUSTRATIVE_TARGETS_NOTICE,
  SYNTHETIC_ROW_MARK,
  syntheticExportNotice,
  syntheticResponsesNotice,
  syntheticReturnsNotice,
  syntheticWaveNotice,
} from '../../server/notices.js';

describe('notices', () => {
  it('counts the synthetic responses in each sentence', () => {
    expect(syntheticResponsesNotice(12)).toBe('12 of these responses are SYNTHETIC demo data (made up), not real survey results.');
    expect(syntheticReturnsNotice(3, 40)).toBe('3 of these 40 returns are SYNTHETIC demo data (made up), not real survey replies.');
    expect(syntheticExportNotice(7, 9)).toBe('7 of these 9 responses are SYNTHETIC demo data (made up), not real survey results.');
    expect(syntheticWaveNotice(250)).toBe('250 of the responses in this wave are SYNTHETIC demo data (made up), not real survey replies.');
  });

  it('says nothing when no response is synthetic', () => {
    expect(syntheticResponsesNotice(0)).toBeNull();
    expect(syntheticReturnsNotice(0, 40)).toBeNull();
    expect(syntheticExportNotice(0, 9)).toBeNull();
    expect(syntheticWaveNotice(0)).toBeNull();
  });

  it('keeps the fixed wordings', () => {
    expect(ILLUSTRATIVE_TARGETS_NOTICE).toBe('Weighting targets come from ILLUSTRATIVE population figures (made up, not ONS data).');
    expect(SYNTHETIC_ROW_MARK).toBe('synthetic (made-up demo data)');
  });
});
