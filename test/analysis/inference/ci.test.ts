import { describe, expect, it } from 'vitest';
import { logitCI } from '../../../analysis/inference/ci-logit.js';
import { betaCI, NO_SAMPLING_ERROR_NOTE } from '../../../analysis/inference/ci-beta.js';
import { wilsonCI } from '../../../analysis/inference/ci-wilson.js';
import fixture from '../../fixtures/r/inference/ci.json';
import { expectClose } from './close.js';

describe('confidence intervals for a proportion match R (test/fixtures/r/inference/ci.R)', () => {
  for (const c of fixture.cases) {
    it(`logit: ${c.name}`, () => {
      // R: attr(svyciprop(~y, design, method = "logit", level = 0.95), "ci")
      const ci95 = logitCI(c.p, c.se, c.df, 0.95);
      expectClose(ci95.lower, c.logit95[0], 'lower 95');
      expectClose(ci95.upper, c.logit95[1], 'upper 95');
      // R: attr(svyciprop(~y, design, method = "logit", level = 0.90), "ci")
      const ci90 = logitCI(c.p, c.se, c.df, 0.9);
      expectClose(ci90.lower, c.logit90[0], 'lower 90');
      expectClose(ci90.upper, c.logit90[1], 'upper 90');
      expect(ci95.boundary).toBe(false);
    });

    it(`beta (Korn–Graubard): ${c.name}`, () => {
      // R: attr(svyciprop(~y, design, method = "beta", level = 0.95), "ci")
      const ci95 = betaCI(c.p, c.se, c.n, c.df, 0.95);
      expectClose(ci95.lower, c.beta95[0], 'lower 95');
      expectClose(ci95.upper, c.beta95[1], 'upper 95');
      // R: attr(svyciprop(~y, design, method = "beta", level = 0.90), "ci")
      const ci90 = betaCI(c.p, c.se, c.n, c.df, 0.9);
      expectClose(ci90.lower, c.beta90[0], 'lower 90');
      expectClose(ci90.upper, c.beta90[1], 'upper 90');
    });

    it(`wilson: ${c.name}`, () => {
      // R: wilson_r(p, se, degf(design), 0.95)  (Wilson score formula on n_eff, written out in ci.R)
      const ci95 = wilsonCI(c.p, c.se, c.df, 0.95);
      expectClose(ci95.lower, c.wilson95[0], 'lower 95');
      expectClose(ci95.upper, c.wilson95[1], 'upper 95');
      // R: wilson_r(p, se, degf(design), 0.90)
      const ci90 = wilsonCI(c.p, c.se, c.df, 0.9);
      expectClose(ci90.lower, c.wilson90[0], 'lower 90');
      expectClose(ci90.upper, c.wilson90[1], 'upper 90');
    });
  }
});

describe('p̂ = 0 or 1 (all answers the same)', () => {
  const b = fixture.boundary;

  it('R itself gives a degenerate logit interval and NaN for beta, which is why we fall back', () => {
    // R: attr(svyciprop(~zero, synthetic), "ci")  → about (2.6e-12, 3.0e-12): not an interval around 0
    expect(b.r_logit_at_zero[1]).toBeLessThan(1e-10);
    // R: attr(svyciprop(~zero, synthetic, method = "beta"), "ci") → NaN NaN
    expect(b.r_beta_at_zero).toEqual(['NaN', 'NaN']);
  });

  it('logit and beta use Clopper–Pearson on the unweighted base', () => {
    // R: c(0, qbeta(0.975, 1, 150))
    const zeroLogit = logitCI(0, 0, b.df, 0.95, b.n);
    expect(zeroLogit.boundary).toBe(true);
    expect(zeroLogit.lower).toBe(0);
    expectClose(zeroLogit.upper, b.zero_clopper_pearson[1], 'logit p=0 upper');
    const zeroBeta = betaCI(0, 0, b.n, b.df);
    expect(zeroBeta.lower).toBe(0);
    expectClose(zeroBeta.upper, b.zero_clopper_pearson[1], 'beta p=0 upper');
    // R: c(qbeta(0.025, 150, 1), 1)
    const oneLogit = logitCI(1, 0, b.df, 0.95, b.n);
    expectClose(oneLogit.lower, b.one_clopper_pearson[0], 'logit p=1 lower');
    expect(oneLogit.upper).toBe(1);
    const oneBeta = betaCI(1, 0, b.n, b.df);
    expectClose(oneBeta.lower, b.one_clopper_pearson[0], 'beta p=1 lower');
    expect(oneBeta.upper).toBe(1);
  });

  it('wilson uses the Wilson formula with n_eff = n', () => {
    // R: z <- qt(0.975, 149); c(0, z^2 / (150 + z^2))
    const zero = wilsonCI(0, 0, b.df, 0.95, b.n);
    expectClose(zero.lower, 0, 'wilson p=0 lower');
    expectClose(zero.upper, b.zero_wilson[1], 'wilson p=0 upper');
    // R: c(150 / (150 + z^2), 1)
    const one = wilsonCI(1, 0, b.df, 0.95, b.n);
    expectClose(one.lower, b.one_wilson[0], 'wilson p=1 lower');
    expectClose(one.upper, 1, 'wilson p=1 upper');
  });

  it('without a base the interval is NaN but flagged, never a crash', () => {
    for (const ci of [logitCI(0, 0, 10), wilsonCI(1, 0, 10)]) {
      expect(ci.boundary).toBe(true);
      expect(ci.lower).toBeNaN();
      expect(ci.upper).toBeNaN();
      expect(ci.note).toMatch(/same/);
    }
  });
});

describe('a share the weighting fixes (SE that is rounding, test/fixtures/r/inference/ci.R "fixed")', () => {
  const f = fixture.fixed;

  it('R gives no beta interval there', () => {
    // R: attr(svyciprop(~I(sex == "female"), raked, method = "beta"), "ci") → a lower bound, NaN
    expect(f.r_beta[1]).toBe('NaN');
  });

  it("beta gives the share itself, which is R's logit interval to rounding", () => {
    const ci = betaCI(f.p, f.se, f.n, f.df);
    expect(ci.lower).toBe(f.p);
    expect(ci.upper).toBe(f.p);
    expect(ci.note).toBe(NO_SAMPLING_ERROR_NOTE);
    // R: attr(svyciprop(~I(sex == "female"), raked, method = "logit"), "ci")
    expectClose(ci.lower, f.r_logit[0], 'lower');
    expectClose(ci.upper, f.r_logit[1], 'upper');
    // SE = 0 (a share fixed exactly): the same, not NaN
    expect([betaCI(0.3, 0, 2000, 1999).lower, betaCI(0.3, 0, 2000, 1999).upper]).toEqual([0.3, 0.3]);
  });

  it('just inside the limit of an effective base of 1e12 it is the ordinary Korn–Graubard interval', () => {
    // R: ne <- 0.3*0.7/se^2; c(qbeta(0.025, ne*0.3, ne*0.7 + 1), qbeta(0.975, ne*0.3 + 1, ne*0.7))
    const inside = betaCI(0.3, f.limit_se, 2000, 1999);
    expect(inside.note).toBeUndefined();
    expectClose(inside.lower, f.limit_beta[0], 'lower');
    expectClose(inside.upper, f.limit_beta[1], 'upper');
    const outside = betaCI(0.3, f.limit_se / 1.001, 2000, 1999);
    expect(outside.note).toBe(NO_SAMPLING_ERROR_NOTE);
    expect([outside.lower, outside.upper]).toEqual([0.3, 0.3]);
  });
});

describe('empty groups and bad input', () => {
  it('NaN estimate (no respondents) gives NaN interval with a note', () => {
    for (const ci of [logitCI(NaN, NaN, 10), betaCI(NaN, NaN, 0, 10), wilsonCI(NaN, NaN, 10)]) {
      expect(ci.estimate).toBeNaN();
      expect(ci.lower).toBeNaN();
      expect(ci.upper).toBeNaN();
      expect(ci.note).toMatch(/No respondents/);
    }
  });

  it('logit with no design df gives NaN bounds, as R confint.svyglm does for ddf <= 0', () => {
    const ci = logitCI(0.4, 0.1, 0);
    expect(ci.lower).toBeNaN();
    expect(ci.upper).toBeNaN();
  });

  it('rejects impossible inputs with a readable message', () => {
    expect(() => logitCI(1.2, 0.1, 10)).toThrow(/between 0 and 1/);
    expect(() => betaCI(0.5, -0.1, 10, 9)).toThrow(/cannot be negative/);
    expect(() => wilsonCI(0.5, 0.1, 10, 95)).toThrow(/confidence level/);
  });
});
