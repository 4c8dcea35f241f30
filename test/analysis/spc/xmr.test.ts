/**
 * XmR chart (analysis/spc/xmr.ts) against the NHSRplotthedots definition written out in R
 * (test/fixtures/r/spc/xmr.R): limits, the screened moving ranges and every point's flags, on
 * series built to trigger (or just miss) each rule and on the demo's real police.uk counts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xmr, type SignalKind, type XmrChart } from '../../../analysis/spc/xmr.js';

interface RCase {
  name: string;
  r: {
    y: number[];
    baseline: [number, number];
    screen: boolean;
    centre: number;
    meanMovingRange: number;
    upperLimit: number;
    lowerLimit: number;
    upperNear: number;
    lowerNear: number;
    screenedMovingRanges: number[];
    outsideHigh: number[];
    outsideLow: number[];
    shift: number[];
    trend: number[];
    twoOfThree: number[];
  };
}
const fixture = JSON.parse(readFileSync('test/fixtures/r/spc/xmr.json', 'utf8')) as { cases: RCase[] };
const byName = (name: string) => fixture.cases.find((c) => c.name === name)!.r;

const flagged = (c: XmrChart, kind: SignalKind) => c.points.filter((p) => p.signals.includes(kind)).map((p) => p.index);
const chartOf = (r: RCase['r']) => xmr(r.y, { baseline: { start: r.baseline[0], end: r.baseline[1] }, screenMovingRanges: r.screen });

describe('xmr against the NHSRplotthedots definition in R', () => {
  it.each(fixture.cases.map((c) => [c.name, c.r] as const))('%s: limits, screening and every point’s flags', (_name, r) => {
    const c = chartOf(r);
    // R: xmr_ref(y, b, screen) in test/fixtures/r/spc/xmr.R (mean ± 2.66 · screened mR̄; the four rules)
    expect(c.centre).toBeCloseTo(r.centre, 12);
    expect(c.meanMovingRange).toBeCloseTo(r.meanMovingRange, 12);
    expect(c.upperLimit).toBeCloseTo(r.upperLimit, 12);
    expect(c.lowerLimit).toBeCloseTo(r.lowerLimit, 12);
    expect(c.upperNear).toBeCloseTo(r.upperNear, 12);
    expect(c.lowerNear).toBeCloseTo(r.lowerNear, 12);
    expect(c.screenedMovingRanges).toEqual(r.screenedMovingRanges);
    expect(c.points.filter((p) => p.movingRangeScreened).map((p) => p.index)).toEqual(r.screenedMovingRanges);
    expect(flagged(c, 'outside-limits')).toEqual([...r.outsideHigh, ...r.outsideLow].sort((a, b) => a - b));
    expect(c.signals.filter((s) => s.kind === 'outside-limits' && s.direction === 'high').flatMap((s) => s.points)).toEqual(r.outsideHigh);
    expect(flagged(c, 'shift')).toEqual(r.shift);
    expect(flagged(c, 'trend')).toEqual(r.trend);
    expect(flagged(c, 'two-of-three')).toEqual(r.twoOfThree);
  });

  it('the fixture exercises every rule, the screening and the cases that must not signal', () => {
    // guards the fixture itself: each rule fires somewhere, and the near-misses stay quiet
    const all = fixture.cases.map((c) => c.r);
    for (const key of ['screenedMovingRanges', 'outsideHigh', 'outsideLow', 'shift', 'trend', 'twoOfThree'] as const) {
      expect(
        all.some((r) => r[key].length > 0),
        key,
      ).toBe(true);
    }
    expect(byName('two of three, third other side').twoOfThree).toEqual([]);
    expect(byName('close on opposite sides').twoOfThree).toEqual([]);
  });

  it('screens the big moving ranges by default, and not when asked (as the MDC Excel tool)', () => {
    const screened = byName('screened outlier');
    const plain = byName('same series unscreened');
    // R: moving ranges 2,1,2,1,18,18,1,2,1,1,1; mean 48/11; 18 ≥ 3.267 · 48/11, so mR̄ = 12/9
    expect(xmr(screened.y).meanMovingRange).toBeCloseTo(12 / 9, 12);
    expect(xmr(screened.y).meanMovingRangeUnscreened).toBeCloseTo(48 / 11, 12);
    expect(xmr(screened.y, { screenMovingRanges: false }).meanMovingRange).toBeCloseTo(plain.meanMovingRange, 12);
    expect(xmr(screened.y, { screenMovingRanges: false }).screenedMovingRanges).toEqual([]);
  });

  it('names the signals, merging overlapping 2-of-3 windows, with labels', () => {
    const r = byName('baseline then rise');
    const labels = r.y.map((_, i) => `20${18 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const c = xmr(r.y, { labels, baseline: { start: '2018-01', end: '2018-10' } });
    expect(c.baseline).toEqual({ start: 0, end: 9 });
    const two = c.signals.filter((s) => s.kind === 'two-of-three');
    // R: twoOfThree = 14, 15 (the point above the upper limit, 16, is its own signal)
    expect(two.map((s) => [s.direction, s.points])).toEqual([['high', r.twoOfThree]]);
    expect(two[0].description).toMatch(/all above the centre line/);
    expect(c.signals.find((s) => s.kind === 'shift')!.labels).toEqual(['2018-11', '2018-12', '2019-01', '2019-02', '2019-03', '2019-04', '2019-05']);
    expect(c.points[10].inBaseline).toBe(false);
  });

  it('6 or 8 point rules on request', () => {
    const values = [30, 28, 26, 24, 22, 20, 18];
    // 7 falling points are not a trend of 8; 3 above and 3 below (24 sits on the line) are not a shift of 4
    expect(xmr(values, { trendPoints: 8, shiftPoints: 4 }).signals.filter((s) => s.kind === 'trend' || s.kind === 'shift')).toEqual([]);
    expect(
      xmr(values, { shiftPoints: 3 })
        .signals.filter((s) => s.kind === 'shift')
        .map((s) => s.points),
    ).toEqual([
      [0, 1, 2],
      [4, 5, 6],
    ]);
  });

  it('explains bad input', () => {
    expect(() => xmr([5])).toThrow(/at least 2 points/);
    expect(() => xmr([1, 2, NaN])).toThrow(/number for every point/);
    expect(() => xmr([1, 2, 3], { baseline: { start: 0, end: 5 } })).toThrow(/not one of the 3 points/);
    expect(() => xmr([1, 2, 3], { labels: ['a', 'b'] })).toThrow(/2 labels for 3 points/);
  });
});
