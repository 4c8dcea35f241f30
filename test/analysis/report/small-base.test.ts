/**
 * Estimates on a small effective base carry a caution (build-report SMALL_EFFECTIVE_BASE = 100).
 * With equal weights the effective base of a proportion is p(1−p)/SE² = n − 1 (R: svymean on
 * svydesign(ids = ~1, weights = ~1) gives SE² = p(1−p)/(n − 1)), so 80 replies are below it and 150 are not.
 */
import { describe, expect, it } from 'vitest';
import { buildWaveReport, SMALL_EFFECTIVE_BASE, smallBaseCaution } from '../../../analysis/report/build-report.js';
import type { ReportQuestion } from '../../../analysis/report/types.js';

const question: ReportQuestion = {
  name: 'safe',
  construct: 'safety',
  categories: [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ],
  nets: [],
  excludeFromBase: [],
};

function report(n: number) {
  const answers = Array.from({ length: n }, (_, i) => ({ safe: i % 4 === 0 ? 'no' : 'yes' }));
  return buildWaveReport({ questions: [question], breakdowns: [], answers, weights: new Float64Array(n).fill(1) });
}

describe('a caution on a small effective base', () => {
  it('80 equal-weight replies: effective base 79, below 100, so each figure says it is rough', () => {
    const yes = report(80).estimates.find((e) => e.category === 'yes')!;
    expect(yes.nEffective).toBeCloseTo(79, 8);
    expect(yes.caution).toBe(smallBaseCaution(79));
    expect(yes.caution).toBe(`Effective base of 79 is below ${SMALL_EFFECTIVE_BASE}: a rough figure, treat it with caution.`);
    expect(yes.suppressed).toBe(false);
  });

  it('150 equal-weight replies: effective base 149, no caution', () => {
    const yes = report(150).estimates.find((e) => e.category === 'yes')!;
    expect(yes.nEffective).toBeCloseTo(149, 8);
    expect(yes.caution).toBeUndefined();
  });
});
