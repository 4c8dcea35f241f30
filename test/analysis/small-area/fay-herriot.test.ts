import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fayHerriot, minimumAreas } from '../../../analysis/small-area/fay-herriot.js';

interface Case {
  name: string;
  y: number[];
  psi: number[];
  x: number[] | null;
  sigma2u: number;
  coefficients: number[];
  coefficientSe: number[];
  logLik: number;
  synthetic: number[];
  eblup: number[];
  g1: number[];
  g2: number[];
  g3: number[];
  mse: number[];
}
const r = JSON.parse(readFileSync('test/fixtures/r/small-area/fay-herriot.json', 'utf8')) as { cases: Case[] };
const byName = (name: string) => r.cases.find((c) => c.name === name)!;
/** The tolerance against R. */
const TOLERANCE = 1e-6;
const close = (actual: number, expected: number, label: string) =>
  expect(Math.abs(actual - expected), `${label}: got ${actual}, R gave ${expected}`).toBeLessThanOrEqual(TOLERANCE * Math.max(1, Math.abs(expected)));

describe('fayHerriot against metafor (made-up ward data: 26 wards, n 50–120)', () => {
  for (const name of ['crime rate covariate', 'no covariate']) {
    it(`gives R's σ²u, coefficients, EBLUPs and Prasad–Rao MSE (${name})`, () => {
      const c = byName(name);
      const fit = fayHerriot(c.y, c.psi, c.x ?? undefined);
      // R: fit <- rma(yi = y, vi = psi, mods = ~ x, method = "REML"); fit$tau2, fit$b, fit$se
      expect(fit.fallback).toBeNull();
      close(fit.sigma2u, c.sigma2u, 'sigma2u');
      expect(fit.coefficients).toHaveLength(c.coefficients.length);
      fit.coefficients.forEach((b, k) => close(b, c.coefficients[k], `beta ${k}`));
      fit.coefficientSe.forEach((s, k) => close(s, c.coefficientSe[k], `se(beta) ${k}`));
      // R: as.numeric(logLik(fit)) = our REML log-likelihood − ½(m − p)·log 2π + ½·log det(XᵀX)
      const m = c.y.length;
      const p = c.coefficients.length;
      const sx = c.x ? c.x.reduce((s, v) => s + v, 0) : 0;
      const sxx = c.x ? c.x.reduce((s, v) => s + v * v, 0) : 0;
      const detXtX = c.x ? m * sxx - sx * sx : m;
      close(fit.logLik - 0.5 * (m - p) * Math.log(2 * Math.PI) + 0.5 * Math.log(detXtX), c.logLik, 'logLik');
      fit.areas.forEach((a, i) => {
        // R: blup(fit)$pred
        close(a.eblup, c.eblup[i], `eblup ${i}`);
        close(a.model, c.eblup[i], `model ${i}`);
        close(a.synthetic, c.synthetic[i], `synthetic ${i}`);
        // R: g1 + g2 + 2 * g3 (prasad_rao() in fay-herriot.R)
        close(a.g1, c.g1[i], `g1 ${i}`);
        close(a.g2, c.g2[i], `g2 ${i}`);
        close(a.g3, c.g3[i], `g3 ${i}`);
        close(a.mse, c.mse[i], `mse ${i}`);
        expect(a.modelMse).toBe(a.mse);
      });
    });
  }

  it('falls back to the direct estimates, saying why, when the REML σ²u is 0', () => {
    const c = byName('between-ward variance 0');
    const fit = fayHerriot(c.y, c.psi, c.x!);
    // R: rma(yi = y0, vi = psi, mods = ~ x, method = "REML")$tau2 = 0
    expect(c.sigma2u).toBe(0);
    expect(fit.sigma2u).toBe(0);
    fit.coefficients.forEach((b, k) => close(b, c.coefficients[k], `beta ${k}`));
    expect(fit.fallback).toMatch(/between-area variance is 0.*direct estimates are shown/);
    fit.areas.forEach((a, i) => {
      // R: blup(fit)$pred is the regression line when tau2 = 0: not what is shown
      close(a.eblup, c.eblup[i], `eblup ${i}`);
      expect(a.gamma).toBe(0);
      expect(a.model).toBe(c.y[i]);
      expect(a.modelMse).toBe(c.psi[i]);
    });
  });

  it('shrinks a ward with a larger variance further towards the regression line', () => {
    const c = byName('no covariate');
    const fit = fayHerriot(c.y, c.psi);
    const [small, large] = [c.psi.indexOf(Math.min(...c.psi)), c.psi.indexOf(Math.max(...c.psi))];
    expect(fit.areas[small].gamma).toBeGreaterThan(fit.areas[large].gamma);
    for (const a of fit.areas) expect(a.mse).toBeLessThan(a.psi);
  });

  it('refuses too few areas, a variance of 0 and a covariate that does not vary', () => {
    expect(minimumAreas(2)).toBe(5);
    expect(() => fayHerriot([0.2, 0.3, 0.4, 0.5], [0.01, 0.01, 0.01, 0.01], [1, 2, 3, 4])).toThrow('The model needs at least 5 areas; there are 4.');
    expect(() => fayHerriot([0.2, 0.3, 0.4, 0.5], [0.01, 0, 0.01, 0.01])).toThrow('Area 2: the design variance must be above 0, not 0.');
    expect(() => fayHerriot([0.2, 0.3, 0.4, 0.5, 0.3], [0.01, 0.01, 0.01, 0.01, 0.01], [7, 7, 7, 7, 7])).toThrow(/same in every area/);
  });
});
