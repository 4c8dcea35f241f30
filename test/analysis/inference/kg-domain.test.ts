/**
 * The Korn–Graubard interval of a domain: the rule kept (analysis/report/ci.ts: n = the domain's own
 * respondents, df = n − 1, so the df factor is 1) against R (test/fixtures/r/inference/kg-domain.R).
 */
import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../../../analysis/report/ci.js';
import fixture from '../../fixtures/r/inference/kg-domain.json';

const TOL = 1e-8;

describe('Korn–Graubard in domains (test/fixtures/r/inference/kg-domain.R)', () => {
  for (const c of fixture.cases) {
    it(`${c.ward}, ${c.calibrated ? 'raked' : 'unweighted'} design`, () => {
      const ci = confidenceInterval('beta', c.estimate, c.se, c.n)!;
      // R: kg(p, se, n = sum(weights(dom) > 0), df = degf(dom)), the definition written out
      expect(Math.abs(ci[0] - c.own_rows[0])).toBeLessThan(TOL);
      expect(Math.abs(ci[1] - c.own_rows[1])).toBeLessThan(TOL);
      if (!c.calibrated) {
        // R: svyciprop(~y, subset(des, area == ward), method = "beta") — the same
        expect(Math.abs(ci[0] - c.r_beta[0])).toBeLessThan(TOL);
        expect(Math.abs(ci[1] - c.r_beta[1])).toBeLessThan(TOL);
      } else {
        // R: svyciprop on a subset of the raked design counts all nrow(dom) = 600 rows, so its interval
        // is wider; ours is the same interval an unweighted design would give this domain.
        expect(c.nrow).toBeGreaterThan(c.n);
        expect(ci[0]).toBeGreaterThan(c.r_beta[0]);
        expect(ci[1]).toBeLessThan(c.r_beta[1]);
      }
    });
  }
});
