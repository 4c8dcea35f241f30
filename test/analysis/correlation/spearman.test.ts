/**
 * Spearman rank correlation against R (test/fixtures/r/crime/spearman.R → spearman.json):
 * rho = cor(x, y, method = "spearman") always; the exact p equals cor.test(...)$p.value for
 * n ≤ 9 without ties; the Monte Carlo p for larger n is reproducible and near R's approximation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { averageRanks } from '../../../analysis/correlation/ranks.js';
import { EXACT_MAX_N, spearman } from '../../../analysis/correlation/spearman.js';

interface Case {
  name: string;
  x: number[];
  y: number[];
  ties: boolean;
  rho: number;
  pValue: number;
}
const fixture: { cases: Case[] } = JSON.parse(readFileSync(new URL('../../fixtures/r/crime/spearman.json', import.meta.url), 'utf8'));
const RELATIVE = 1e-8;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('spearman', () => {
  for (const c of fixture.cases) {
    // R: cor(x, y, method = "spearman")
    it(`rho equals R for ${c.name}`, () => {
      expect(rel(spearman(c.x, c.y).rho, c.rho)).toBeLessThan(RELATIVE);
    });
  }

  for (const c of fixture.cases.filter((k) => k.x.length <= EXACT_MAX_N && !k.ties)) {
    // R: cor.test(x, y, method = "spearman")$p.value  (exact, AS 89)
    it(`exact p equals R for ${c.name}`, () => {
      const r = spearman(c.x, c.y);
      expect(r.method).toBe('exact');
      expect(rel(r.pValue, c.pValue)).toBeLessThan(RELATIVE);
    });
  }

  for (const c of fixture.cases.filter((k) => k.x.length > EXACT_MAX_N)) {
    // R: cor.test(x, y, method = "spearman", exact = if (ties) FALSE)$p.value (an approximation):
    // the Monte Carlo p should be within 4 of its standard errors, sqrt(p(1 − p)/B).
    it(`permutation p is near R's for ${c.name}`, () => {
      const r = spearman(c.x, c.y);
      expect(r.method).toBe('permutation');
      expect(r.permutations).toBe(9999);
      const se = Math.sqrt((c.pValue * (1 - c.pValue)) / r.permutations);
      expect(Math.abs(r.pValue - c.pValue)).toBeLessThan(4 * se + 1 / r.permutations);
    });
  }

  it('gives the same permutation p for the same seed, and a different one for another seed', () => {
    const c = fixture.cases.find((k) => k.name === 'n26 wards')!;
    const a = spearman(c.x, c.y, { seed: 7 });
    expect(spearman(c.x, c.y, { seed: 7 }).pValue).toBe(a.pValue);
    expect(a.seed).toBe(7);
    const d = spearman(c.x, c.y, { seed: 8, permutations: 999 });
    expect(d.permutations).toBe(999);
    expect(Number.isInteger(d.pValue * 1000)).toBe(true); // (1 + k) / (1 + 999)
  });

  it('averages tied ranks as R rank() does', () => {
    // R: rank(c(10, 20, 20, 5))
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it('explains bad input', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/pairs/);
    expect(() => spearman([1, 2], [1, 2])).toThrow(/at least 3/);
    expect(() => spearman([1, 1, 1], [1, 2, 3])).toThrow(/undefined/);
    expect(() => spearman([1, NaN, 3], [1, 2, 3])).toThrow(/finite/);
  });
});
