import { describe, expect, it } from 'vitest';
import { postStratify } from '../../../analysis/weights/poststratify.js';
import { rake, type RakingMargin } from '../../../analysis/weights/rake.js';
import { trimWeights } from '../../../analysis/weights/trim.js';
import { trimThenRake } from '../../../analysis/weights/trim-rake.js';
import { weightDiagnostics } from '../../../analysis/weights/diagnostics.js';
import { WeightingError } from '../../../analysis/weights/errors.js';
import { RELATIVE_TOLERANCE, expectAllClose, expectClose, fixture } from './close.js';

const api = fixture('api');
const res = fixture('resident');
const i32 = (a: number[]) => Int32Array.from(a);
const f64 = (a: number[]) => Float64Array.from(a);

const residentMargins = (): RakingMargin[] => [
  { name: 'sex', cells: i32(res.sex), categories: res.sexes, targets: res.targets.sex },
  { name: 'age', cells: i32(res.age), categories: res.ages, targets: res.targets.age },
  { name: 'ward', cells: i32(res.ward), categories: res.wards, targets: res.targets.ward },
];

describe('postStratify', () => {
  it('matches R postStratify on apisrs (stype)', () => {
    const r = postStratify(f64(api.apisrs.pw), i32(api.apisrs.stype), api.apisrs.targets_stype);
    // weights(postStratify(svydesign(ids = ~1, weights = ~pw, data = apisrs), ~stype, pop.types))
    expectAllClose(r.weights, api.apisrs.poststrat.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.calibration.kind).toBe('poststrat');
  });

  it('matches R postStratify on the resident survey (sex × age)', () => {
    const r = postStratify(f64(res.w0), i32(res.sexage), res.targets.sexage);
    // weights(postStratify(d0, ~sexage, pop.sexage))
    expectAllClose(r.weights, res.poststrat.weights, RELATIVE_TOLERANCE, 'weights');
  });

  it('rejects a target cell with no respondents, naming it', () => {
    const go = () => postStratify(f64([1, 1, 1]), i32([0, 0, 0]), [10, 5], ['female', 'male']);
    expect(go).toThrow(WeightingError);
    expect(go).toThrow(/"male".*no respondents/);
  });

  it('rejects respondents without a cell and says how to fix it', () => {
    expect(() => postStratify(f64([1, 1, 1]), i32([0, 1, -1]), [10, 5])).toThrow(/not stated/);
  });

  it('rejects respondents in a cell whose target is 0', () => {
    expect(() => postStratify(f64([1, 1]), i32([0, 1]), [10, 0], ['a', 'b'])).toThrow(/"b".*target of 0/);
  });
});

describe('rake', () => {
  it('matches R rake on apisrs (stype, sch.wide)', () => {
    const r = rake(f64(api.apisrs.pw), [
      { name: 'stype', cells: i32(api.apisrs.stype), categories: ['E', 'H', 'M'], targets: api.apisrs.targets_stype },
      { name: 'sch.wide', cells: i32(api.apisrs.schwide), categories: ['No', 'Yes'], targets: api.apisrs.targets_sw },
    ]);
    // weights(rake(dsrs, list(~stype, ~sw), list(pop.types, pop.sw)))
    expectAllClose(r.weights, api.apisrs.raked.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.converged).toBe(true);
  });

  it('matches R rake on stratified apistrat (sch.wide, awards)', () => {
    const s = api.apistrat;
    const r = rake(f64(s.pw), [
      { name: 'sch.wide', cells: i32(s.schwide), categories: ['No', 'Yes'], targets: s.raked.targets_sw },
      { name: 'awards', cells: i32(s.awards), categories: ['No', 'Yes'], targets: s.raked.targets_aw },
    ]);
    // weights(rake(dst, list(~sw, ~aw), list(pop.sw, pop.aw)))
    expectAllClose(r.weights, s.raked.weights, RELATIVE_TOLERANCE, 'weights');
  });

  it('matches R rake on the resident survey (sex, age band, 26 wards), default control', () => {
    const r = rake(f64(res.w0), residentMargins());
    // weights(rake(d0, list(~sex, ~age, ~ward), list(pop.sex, pop.age, pop.ward)))
    expectAllClose(r.weights, res.raked.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.converged).toBe(res.raked.converged);
    expect(r.iterations).toBeGreaterThan(1);
    expect(r.iterations).toBeLessThanOrEqual(10);
    // The last margin fitted (ward) holds exactly; the others to within epsilon = 1 person.
    expect(r.maxGap).toBeLessThan(1e-3);
    expect(r.calibration.marginWeights).toHaveLength(3);
  });

  it('matches R rake with control = list(maxit = 50, epsilon = 1e-6) (relative to Σw)', () => {
    const r = rake(f64(res.w0), residentMargins(), { maxIterations: 50, epsilon: 1e-6 });
    // weights(rake(d0, …, control = list(maxit = 50, epsilon = 1e-6)))
    expectAllClose(r.weights, res.raked_tight.weights, RELATIVE_TOLERANCE, 'weights');
    expect(r.converged).toBe(true);
    expect(r.maxGap).toBeLessThan(1e-6);
  });

  it('reports non-convergence after maxIterations', () => {
    const r = rake(f64(res.w0), residentMargins(), { maxIterations: 1, epsilon: 1e-12 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
    expect(r.maxGap).toBeGreaterThan(0);
  });

  it('names the margin and category that has a target but no respondents', () => {
    const m = residentMargins();
    const cells = Int32Array.from(m[2].cells, (c) => (c === 6 ? 7 : c)); // nobody left in W07
    expect(() => rake(f64(res.w0), [m[0], { ...m[2], cells }])).toThrow(/Margin "ward", "W07".*no respondents/);
  });

  it('rejects margins whose totals disagree', () => {
    const m = residentMargins();
    const age = { ...m[1], targets: m[1].targets.map((t: number) => t * 1.05) };
    expect(() => rake(f64(res.w0), [m[0], age])).toThrow(/totals disagree/);
  });

  it('rejects respondents with no category on a margin', () => {
    const m = residentMargins();
    const cells = Int32Array.from(m[0].cells);
    cells[3] = -1;
    expect(() => rake(f64(res.w0), [{ ...m[0], cells }, m[1]])).toThrow(/1 respondents have no category on margin "sex"/);
  });
});

describe('trimWeights', () => {
  const raked = () => f64(res.raked.weights);
  it('matches R trimWeights (strict = FALSE)', () => {
    // weights(trimWeights(drk, upper = 130, lower = 40))
    expectAllClose(trimWeights(raked(), { upper: 130, lower: 40 }), res.trim.weights, RELATIVE_TOLERANCE, 'trimmed');
  });
  it('matches R trimWeights (strict = TRUE)', () => {
    // weights(trimWeights(drk, upper = 130, lower = 40, strict = TRUE))
    const t = trimWeights(raked(), { upper: 130, lower: 40, strict: true });
    expectAllClose(t, res.trim.strict, RELATIVE_TOLERANCE, 'strict');
    for (const w of t) expect(w).toBeLessThanOrEqual(130 * (1 + 1e-12));
  });
  it('keeps the total weight', () => {
    const w = raked();
    const t = trimWeights(w, { upper: 100 });
    expectClose(
      t.reduce((s, x) => s + x, 0),
      w.reduce((s, x) => s + x, 0),
      1e-12,
    );
  });
  it('trim then re-rake matches R rake(trimWeights(rake(…)))', () => {
    const r = trimThenRake(f64(res.w0), residentMargins(), { upper: 130, lower: 40 });
    // weights(rake(trimWeights(drk, upper = 130, lower = 40), list(~sex, ~age, ~ward), list(pop.sex, pop.age, pop.ward)))
    expectAllClose(r.weights, res.trim.reraked, RELATIVE_TOLERANCE, 'reraked');
    expect(r.trimmed).toBeGreaterThan(0);
  });
});

describe('weightDiagnostics', () => {
  it('Kish effective n, weighting deff and margin of error', () => {
    const d = weightDiagnostics(f64(res.raked.weights));
    // sum(w)^2 / sum(w^2)
    expectClose(d.nEffective, res.kish.n_eff);
    // n / n_eff
    expectClose(d.deffWeighting, res.kish.deff);
    // 1.96 * sqrt(0.25 / n_eff)
    expectClose(d.marginOfError, res.kish.moe);
    expect(d.n).toBe(res.n);
    expect(d.ratio).toBeCloseTo(d.max / d.min, 12);
  });
  it('counts only positive weights in n', () => {
    const d = weightDiagnostics(f64([0, 1, 1, 2, 4]));
    expect(d.n).toBe(4);
    expectClose(d.nEffective, 64 / 22, 1e-14);
    expect(d.min).toBe(1);
  });
});
