/**
 * XmR chart (analysis/spc/xmr.ts) against values worked by hand; the arithmetic is in the comments.
 */
import { describe, expect, it } from 'vitest';
import { xmr } from '../../../analysis/spc/xmr.js';

const kinds = (c: ReturnType<typeof xmr>) => c.signals.map((s) => `${s.kind}:${s.direction}:${s.points.join(',')}`);

describe('xmr', () => {
  it('centre, limits and a point outside them', () => {
    // mean = 88/6 = 14.6667; moving ranges 2,1,2,1,18 → mR̄ = 4.8; 2.66·4.8 = 12.768
    const c = xmr([10, 12, 11, 13, 12, 30]);
    expect(c.centre).toBeCloseTo(88 / 6, 12);
    expect(c.meanMovingRange).toBeCloseTo(4.8, 12);
    expect(c.upperLimit).toBeCloseTo(88 / 6 + 12.768, 12);
    expect(c.lowerLimit).toBeCloseTo(88 / 6 - 12.768, 12);
    expect(c.upperNear).toBeCloseTo(88 / 6 + (2 / 3) * 12.768, 12);
    expect(c.points[0].movingRange).toBeNull();
    expect(c.points[5].movingRange).toBe(18);
    expect(kinds(c)).toEqual(['outside-limits:high:5']);
    expect(c.points[5].signals).toEqual(['outside-limits']);
  });

  it('judges later months against a baseline: shift, trend, two of three, outside', () => {
    const baseline = [20, 22, 18, 21, 19, 20, 22, 18, 21, 19];
    const after = [21, 22, 23, 24, 25, 26, 27];
    const labels = [...baseline, ...after].map((_, i) => `20${18 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
    const c = xmr([...baseline, ...after], { labels, baseline: { start: '2018-01', end: '2018-10' } });
    // baseline mean 200/10 = 20; moving ranges 2,4,3,2,1,2,4,3,2 → mR̄ = 23/9; 2.66·23/9 = 6.7978
    expect(c.baseline).toEqual({ start: 0, end: 9 });
    expect(c.centre).toBe(20);
    expect(c.meanMovingRange).toBeCloseTo(23 / 9, 12);
    expect(c.upperLimit).toBeCloseTo(20 + (2.66 * 23) / 9, 12); // 26.7978: 27 is above it
    expect(c.upperNear).toBeCloseTo(20 + ((2 / 3) * 2.66 * 23) / 9, 12); // 24.5319: 25, 26, 27 beyond
    expect(kinds(c)).toEqual([
      'outside-limits:high:16',
      'shift:high:10,11,12,13,14,15,16', // 21…27 all above 20
      'trend:up:9,10,11,12,13,14,15,16', // 19 → 21 → … → 27: 8 points rising
      'two-of-three:high:14,15,16', // windows 13–15 and 14–16 merge
    ]);
    expect(c.signals[1].labels).toEqual(['2018-11', '2018-12', '2019-01', '2019-02', '2019-03', '2019-04', '2019-05']);
    expect(c.points[10].inBaseline).toBe(false);
    expect(c.points[16].signals.sort()).toEqual(['outside-limits', 'shift', 'trend', 'two-of-three']);
  });

  it('a falling run, both limits, a point on the centre line ending shifts, and the run-length options', () => {
    // mean 24, every moving range 2 → limits 24 ± 5.32, near lines 24 ± 3.5467
    const values = [30, 28, 26, 24, 22, 20, 18];
    const c = xmr(values);
    expect(kinds(c)).toEqual([
      'outside-limits:high:0', // 30 > 29.32
      'outside-limits:low:6', // 18 < 18.68
      'trend:down:0,1,2,3,4,5,6',
      'two-of-three:high:0,1', // 30, 28 > 27.5467
      'two-of-three:low:5,6', // 20, 18 < 20.4533
    ]);
    // 7 falling points are not a trend of 8; 3 above and 3 below (24 sits on the line) are not a shift of 3+1
    expect(kinds(xmr(values, { trendPoints: 8, shiftPoints: 4 })).filter((k) => /^(trend|shift)/.test(k))).toEqual([]);
    expect(kinds(xmr(values, { shiftPoints: 3 })).filter((k) => k.startsWith('shift'))).toEqual(['shift:high:0,1,2', 'shift:low:4,5,6']);
  });

  it('equal neighbours end a trend', () => {
    const c = xmr([1, 2, 3, 3, 4, 5, 6, 7, 8, 9], { trendPoints: 7 });
    expect(c.signals.filter((s) => s.kind === 'trend').map((s) => s.points)).toEqual([[3, 4, 5, 6, 7, 8, 9]]);
  });

  it('explains bad input', () => {
    expect(() => xmr([5])).toThrow(/at least 2 points/);
    expect(() => xmr([1, 2, NaN])).toThrow(/number for every point/);
    expect(() => xmr([1, 2, 3], { baseline: { start: 0, end: 5 } })).toThrow(/not one of the 3 points/);
    expect(() => xmr([1, 2, 3], { labels: ['a', 'b'] })).toThrow(/2 labels for 3 points/);
  });
});
