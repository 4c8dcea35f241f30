/** The weighting page's plain words for a run's diagnostics, and its checks on the trimming caps. */
import { describe, expect, it } from 'vitest';
import { weightDiagnostics } from '../../../analysis/weights/diagnostics.js';
import {
  diagnosticsInWords,
  gapPercent,
  methodText,
  multiple,
  parseBounds,
  parseCaps,
  runSummary,
  unmatchedText,
  type StoredRunDiagnostics,
} from '../../../client/officer/pages/weighting/weighting-words.js';

/** Diagnostics as a run stores them, from real weights. */
function stored(weights: number[], run: Partial<StoredRunDiagnostics> = {}): StoredRunDiagnostics {
  return { ...weightDiagnostics(Float64Array.from(weights)), converged: true, iterations: 9, maxGap: 1.3e-13, trimmed: 0, trim: null, ...run };
}

const byName = (items: ReturnType<typeof diagnosticsInWords>, name: string) => items.find((d) => d.name === name)!;

describe('diagnosticsInWords', () => {
  // 4 responses weighted 10, 10, 20, 40: n_eff = 80² / 2,200 = 2.909…; mean 20.
  const d = stored([10, 10, 20, 40]);
  const items = diagnosticsInWords(d, 'raking', 0);

  it('says the effective base as responses and the precision lost', () => {
    const e = byName(items, 'Effective base');
    expect(e.value).toBe('3 of 4 responses');
    expect(e.meaning).toMatch(/^The weighting costs precision equal to losing 1 response \(design effect 1\.38\)/);
  });

  it('gives the margin of error at 95% from the effective base', () => {
    // 1.96 × √(0.25 / 2.909) = 0.5746 → ±57.5%.
    expect(byName(items, 'Margin of error').value).toBe('±57.5% at 95%');
  });

  it('gives the weight range as multiples of the average weight, and who stands for how many people', () => {
    const w = byName(items, 'Weight range');
    expect(w.value).toBe('0.50 to 2.0 times the average weight');
    expect(w.meaning).toMatch(/counts 4\.0 times as much as the least\. Each response stands for between 10 and 40 people\.$/);
    // Mean 69 / 10 = 6.9: 1 / 6.9 = 0.14 and 60 / 6.9 = 8.7, over 5 × the average: a nudge towards trimming.
    const skewed = byName(diagnosticsInWords(stored([1, 1, 1, 1, 1, 1, 1, 1, 1, 60]), 'raking', 0), 'Weight range');
    expect(skewed.value).toBe('0.14 to 8.7 times the average weight');
    expect(skewed.meaning).toMatch(/over 5 times the average.*trimming caps them/);
  });

  it('says how raking converged, and how post-stratification needs no iterations', () => {
    expect(byName(items, 'Convergence')).toMatchObject({ value: 'Converged after 9 iterations' });
    expect(byName(items, 'Convergence').meaning).toContain('less than 0.0001% of its target');
    const stuck = byName(diagnosticsInWords(stored([1, 2], { converged: false, iterations: 200, maxGap: 0.034 }), 'raking', 0), 'Convergence');
    expect(stuck.value).toBe('Did not converge in 200 iterations');
    expect(stuck.meaning).toMatch(/still 3\.4% away from its target/);
    const exact = byName(diagnosticsInWords(stored([1, 2], { iterations: 0, maxGap: 0 }), 'poststratification', 0), 'Convergence');
    expect(exact.value).toBe('Exact');
  });

  it('counts the respondents left out, and the trimming when there was any', () => {
    expect(byName(diagnosticsInWords(d, 'raking', 45), 'Responses weighted').meaning).toMatch(/^45 more complete responses were left out/);
    expect(byName(items, 'Responses weighted').meaning).toMatch(/^Every complete response has a target/);
    expect(items.find((i) => i.name === 'Trimming')).toBeUndefined();
    const trimmed = byName(diagnosticsInWords(stored([1, 2], { trim: { upper: 5 }, trimmed: 3 }), 'raking', 0), 'Trimming');
    expect(trimmed.value).toBe('3 weights trimmed');
    expect(trimmed.meaning).toMatch(/^Weights were held to at most 5 times the average weight/);
  });

  it('reads the demo run as the brief does: 1,438 of 2,155, losing 717', () => {
    const demo = {
      n: 2155,
      sumWeights: 151588,
      nEffective: 1437.6,
      deffWeighting: 1.499,
      min: 12.77,
      max: 417.97,
      ratio: 32.73,
      marginOfError: 0.02585,
      converged: true,
      iterations: 9,
      maxGap: 1.3e-13,
      trimmed: 0,
      trim: null,
    };
    expect(byName(diagnosticsInWords(demo, 'raking', 45), 'Effective base').meaning).toMatch(/losing 717 responses/);
    expect(runSummary(demo)).toBe('effective base 1,438 of 2,155 responses, margin of error ±2.6% at 95%');
  });
});

describe('words for methods and numbers', () => {
  it('names the method and its variables', () => {
    expect(methodText('raking', ['sex', 'age_band', 'ward'])).toBe('Raking on sex, age band and ward');
    expect(methodText('poststratification', ['sex:age_band'])).toBe('Post-stratification on sex × age band');
  });

  it('rounds multiples and gaps as people read them', () => {
    expect([multiple(0.4139), multiple(3.24), multiple(32.7), multiple(1234.4)]).toEqual(['0.41', '3.2', '33', '1,234']);
    expect([gapPercent(0), gapPercent(1e-9), gapPercent(0.000123), gapPercent(0.0345)]).toEqual(['0%', 'less than 0.0001%', '0.012%', '3.5%']);
  });
});

describe('parseCaps', () => {
  it('takes blank as no cap and numbers in range', () => {
    expect(parseCaps('', ' ')).toEqual({});
    expect(parseCaps('5', '0.2')).toEqual({ trimUpper: 5, trimLower: 0.2 });
  });

  it('says what to fix for caps out of range or not numbers', () => {
    expect(parseCaps('1', '')).toMatch(/upper cap must be a number above 1/);
    expect(parseCaps('lots', '')).toMatch(/upper cap/);
    expect(parseCaps('', '1.5')).toMatch(/lower cap must be a number between 0 and 1/);
    expect(parseCaps('', '0')).toMatch(/lower cap/);
  });
});

describe('the new methods, imputation and bounds in words', () => {
  it('names linear and logit calibration with their bounds', () => {
    expect(methodText('logit', ['sex', 'age_band'], [0.3, 3])).toBe('Logit calibration (weights within 0.3–3 times their design weight) on sex and age band');
    expect(methodText('linear', ['ward'], null)).toBe('Linear (GREG) calibration on ward');
    expect(methodText('linear', ['ward'], [0.5, 2])).toBe('Bounded linear calibration (weights within 0.5–2 times their design weight) on ward');
  });

  it('says how many were imputed, per variable, and that their answers are unchanged', () => {
    const c = { method: 'raking' as const, margins: [], unmatched: 'impute' as const, excluded: 0, imputed: { sex: 45 } };
    expect(unmatchedText(c)).toBe('kept, and placed in a weighting category by imputation (45 for sex); their answers are unchanged');
    const items = diagnosticsInWords(stored([10, 10, 20, 40], { imputed: { sex: 45, age_band: 2 } }), 'raking', 0);
    expect(byName(items, 'Imputed for weighting').value).toBe('45 for sex, 2 for age band');
    expect(byName(items, 'Responses weighted').meaning).toMatch(/placed in a weighting category by imputation/);
    expect(byName(items, 'Imputed for weighting').meaning).toMatch(/most common category among respondents with the same answers/);
  });

  it('counts the weights still outside the trimming caps after the final raking', () => {
    const items = diagnosticsInWords(
      stored([10, 10, 20, 40], { trimmed: 3, trim: { lower: 0.6, upper: 1.8, rounds: 50 }, trimRounds: 50, outsideBounds: 2 }),
      'raking',
      0,
    );
    expect(byName(items, 'Trimming').meaning).toMatch(/raked to the targets again, 50 rounds, .* 2 weights are outside the caps after the final raking\.$/);
  });

  it('checks the bounds: logit needs both, linear may have none', () => {
    expect(parseBounds('logit', '0.3', '3')).toEqual([0.3, 3]);
    expect(parseBounds('linear', '', '')).toBeNull();
    expect(parseBounds('logit', '', '')).toMatch(/^Logit calibration needs both bounds/);
    expect(parseBounds('linear', '1.2', '3')).toMatch(/^The bounds must be a lower bound between 0 and 1/);
    expect(parseBounds('linear', '0', '3')).toMatch(/^The bounds must be a lower bound between 0 and 1/);
    expect(parseBounds('linear', '0.5', '')).toMatch(/^The bounds must be/);
  });
});
