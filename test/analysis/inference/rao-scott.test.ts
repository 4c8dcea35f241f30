import { describe, expect, it } from 'vitest';
import { numericalRank } from '../../../analysis/inference/linear-solve.js';
import { FIXED_NOTE, raoScottF, SINGULAR_NOTE, surelyFullRank } from '../../../analysis/inference/rao-scott.js';
import fixture from '../../fixtures/r/inference/rao-scott.json';
import { expectClose } from './close.js';

describe('raoScottF matches R svychisq (test/fixtures/r/inference/rao-scott.R)', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const result = raoScottF({ proportions: c.proportions, covariance: c.covariance, n: c.n, df: c.df });
      // R: test <- svychisq(~a + b, design); test$statistic
      expectClose(result.F, c.F, 'F');
      // R: test$parameter["ndf"]; test$parameter["ddf"]
      expectClose(result.ndf, c.ndf, 'ndf');
      expectClose(result.ddf, c.ddf, 'ddf');
      // R: test$p.value
      expectClose(result.p, c.p, 'p');
      // R: chisq.test(svytable(~a + b, design, Ntotal = nrow(design)), correct = FALSE)$statistic
      expectClose(result.chisq, c.chisq, 'Pearson X²');
      expect(result.rowsUsed).toHaveLength(c.rows);
    });
  }
});

/** Insert an all-zero row at `at` (an unused category) into a case's inputs. */
function withEmptyRow(c: (typeof fixture.cases)[number], at: number) {
  const r = c.rows;
  const cols = c.columns;
  const proportions = [...c.proportions.slice(0, at), Array(cols).fill(0), ...c.proportions.slice(at)];
  const newIndex = (k: number) => {
    const i = k % r;
    const j = Math.floor(k / r);
    return (i >= at ? i + 1 : i) + j * (r + 1);
  };
  const size = (r + 1) * cols;
  const covariance = Array.from({ length: size }, () => Array(size).fill(0));
  for (let k = 0; k < r * cols; k++) for (let l = 0; l < r * cols; l++) covariance[newIndex(k)][newIndex(l)] = c.covariance[k][l];
  return { proportions, covariance, n: c.n, df: c.df };
}

describe('edge cases', () => {
  const c = fixture.cases[5]; // synthetic 4×4

  it('drops an empty row (unused category) and gives the same test as R on observed values', () => {
    const result = raoScottF(withEmptyRow(c, 2));
    expect(result.rowsUsed).toEqual([0, 1, 3, 4]);
    // R: svychisq(~age + answer, syn)  (age has only its 4 observed values)
    expectClose(result.F, c.F, 'F');
    expectClose(result.p, c.p, 'p');
  });

  it('drops an empty column as well', () => {
    const t = (m: number[][]) => m[0].map((_, j) => m.map((row) => row[j]));
    // Transposing the 4×4 table: cell order i + j·r becomes j + i·c, so permute the covariance too.
    const r = c.rows;
    const perm = (k: number) => Math.floor(k / r) + (k % r) * c.columns;
    const size = r * c.columns;
    const covT = Array.from({ length: size }, () => Array(size).fill(0));
    for (let k = 0; k < size; k++) for (let l = 0; l < size; l++) covT[perm(k)][perm(l)] = c.covariance[k][l];
    const transposed = { ...c, rows: c.columns, columns: r, proportions: t(c.proportions), covariance: covT };
    const padded = withEmptyRow(transposed, 0);
    // The test of association is symmetric in rows and columns: R svychisq(~answer + age, syn) is the same F.
    const result = raoScottF(padded);
    expect(result.rowsUsed).toEqual([1, 2, 3, 4]);
    expectClose(result.F, c.F, 'F');
    expectClose(result.ndf, c.ndf, 'ndf');
    expectClose(result.p, c.p, 'p');
  });

  it('a table with one answered category has no test (NaN and a note)', () => {
    const result = raoScottF({
      proportions: [
        [0.6, 0.4],
        [0, 0],
      ],
      covariance: [
        [0.01, 0, -0.01, 0],
        [0, 0, 0, 0],
        [-0.01, 0, 0.01, 0],
        [0, 0, 0, 0],
      ],
      n: 50,
      df: 49,
    });
    expect(result.F).toBeNaN();
    expect(result.p).toBeNaN();
    expect(result.note).toMatch(/Fewer than two/);
  });

  it('an empty group (NaN inputs) gives NaN and a note, no crash', () => {
    const nan = [
      [NaN, NaN],
      [NaN, NaN],
    ];
    const result = raoScottF({ proportions: nan, covariance: [...nan, ...nan].map(() => [NaN, NaN, NaN, NaN]), n: 0, df: -1 });
    expect(result.p).toBeNaN();
    expect(result.note).toMatch(/No respondents/);
  });

  it('explains a covariance of the wrong size', () => {
    expect(() =>
      raoScottF({
        proportions: [
          [0.5, 0.5],
          [0, 0],
        ],
        covariance: [[1]],
        n: 10,
        df: 9,
      }),
    ).toThrow(/4×4 covariance/);
  });
});

describe('singular tables are not tested (test/fixtures/r/inference/rao-scott.R, `singular`)', () => {
  for (const c of fixture.singular) {
    it(c.name, () => {
      // R: svychisq(~sex + age, postStratify(design, ~sex + age, pop)) prints F ≈ 8e29, p < 2.2e-16
      expect(c.F).toBeGreaterThan(1e20);
      // R: sum(abs(eigen(solve(denom, numr))$values) > 1e-8) — every design effect is 0
      expect(c.deltaRank).toBeLessThan(c.contrasts);
      const result = raoScottF({ proportions: c.proportions, covariance: c.covariance, n: c.n, df: c.df });
      expect(result.F).toBeNaN();
      expect(result.p).toBeNaN();
      expect(result.note).toBe(FIXED_NOTE);
    });
  }

  it('a table whose contrasts cannot be estimated says so', () => {
    // A 3×3 table with only its diagonal answered: 3 non-empty cells cannot carry the 4 interaction
    // contrasts, so C'D⁻¹C has rank 3 < 4 (R's solve() stops with "computationally singular").
    const third = 1 / 3;
    const proportions = [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? third : 0)));
    const diagonal = new Set([0, 4, 8]); // cells i + 3j with i = j
    const covariance = Array.from({ length: 9 }, (_, k) =>
      Array.from({ length: 9 }, (_, l) => (diagonal.has(k) && diagonal.has(l) ? (k === l ? third * (1 - third) : -third * third) / 100 : 0)),
    );
    const result = raoScottF({ proportions, covariance, n: 100, df: 99 });
    expect(result.note).toBe(SINGULAR_NOTE);
    expect(result.F).toBeNaN();
  });
});

/** C'(D⁻¹/n)C written out with C's columns (the doubly centred indicators), as the module's header gives it. */
function contrastDenominator(p: number[], n: number, r: number, c: number): number[][] {
  const C = Array.from({ length: r * c }, (_, cell) => {
    const k = cell % r;
    const l = Math.floor(cell / r);
    const row: number[] = [];
    for (let j = 1; j < c; j++) for (let i = 1; i < r; i++) row.push(((k === i ? 1 : 0) - 1 / r) * ((l === j ? 1 : 0) - 1 / c));
    return row;
  });
  const q = (r - 1) * (c - 1);
  return Array.from({ length: q }, (_, s) => Array.from({ length: q }, (_, t) => C.reduce((sum, row, cell) => sum + (row[s] * row[t]) / p[cell] / n, 0)));
}

describe('the full-rank shortcut (surelyFullRank) only says so where the elimination would', () => {
  it('tables with every cell answered: full rank, as numericalRank finds on the matrix written out', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const [r, c] of [
      [2, 2],
      [3, 5],
      [6, 4],
      [9, 7],
    ]) {
      const raw = Array.from({ length: r * c }, () => 0.05 + next());
      const total = raw.reduce((a, b) => a + b, 0);
      const p = raw.map((v) => v / total);
      const inverseP = p.map((v) => 1 / v);
      expect(surelyFullRank(inverseP, 500, r, c)).toBe(true);
      expect(numericalRank(contrastDenominator(p, 500, r, c), 1e-10)).toBe((r - 1) * (c - 1));
    }
  });

  it('an empty cell or proportions a million million apart: left to the elimination', () => {
    // R: an empty cell makes ifelse(mean2 == 0, 0, 1/mean2) zero there, so C'D⁻¹C can lose rank.
    expect(surelyFullRank([4, 0, 4, 4], 100, 2, 2)).toBe(false);
    expect(surelyFullRank([2, 2e12, 4, 4], 100, 2, 2)).toBe(false);
  });
});
