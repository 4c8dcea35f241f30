import { describe, expect, it } from 'vitest';
import { addMonths, crimePeriod, monthsBetween } from '../../../analysis/perception/periods.js';
import { crimeTrend } from '../../../analysis/perception/trend.js';

describe('crimePeriod', () => {
  const year = Array.from({ length: 24 }, (_, i) => addMonths('2024-11', i)); // 2024-11 … 2026-10

  it('counts months across years', () => {
    expect(addMonths('2026-10', -11)).toBe('2025-11');
    expect(addMonths('2019-12', 1)).toBe('2020-01');
    expect(monthsBetween('2025-11', '2026-10')).toBe(12);
  });

  it('defaults to the 12 months up to the wave’s last response', () => {
    expect(crimePeriod('2026-10', year)).toEqual({ from: '2025-11', to: '2026-10', months: 12, monthsWithData: 12, matchesWave: true });
  });

  it('says when only part of the default window has crime imported', () => {
    const p = crimePeriod('2026-12', year);
    expect(p).toMatchObject({ from: '2026-01', to: '2026-12', monthsWithData: 10, matchesWave: true });
    expect(p.note).toMatch(/Only 10 of the 12 months/);
  });

  it('falls back to the latest 12 months imported, and says the times differ', () => {
    const p = crimePeriod('2026-10', ['2019-01']);
    expect(p).toMatchObject({ from: '2018-02', to: '2019-01', months: 12, monthsWithData: 1, matchesWave: false });
    expect(p.note).toMatch(/not from the same time/);
  });

  it('uses the caller’s period as given and checks it', () => {
    expect(crimePeriod('2026-10', ['2019-01'], { from: '2019-01', to: '2019-01' })).toEqual({
      from: '2019-01',
      to: '2019-01',
      months: 1,
      monthsWithData: 1,
      matchesWave: true,
    });
    expect(() => crimePeriod('2026-10', year, { from: '2019-01' })).toThrow(/both ends/);
    expect(() => crimePeriod('2026-10', year, { from: '2019-13', to: '2020-01' })).toThrow(/YYYY-MM/);
    expect(() => crimePeriod('2026-10', year, { from: '2020-02', to: '2020-01' })).toThrow(/empty/);
  });
});

describe('crimeTrend', () => {
  it('tests the later period against the earlier one as R does', () => {
    // R: poisson.test(c(1040, 950), c(12, 12)): rate ratio 1.094736842105263, p 0.04600541455837728
    const t = crimeTrend({ from: '2024-11', to: '2025-10', months: 12, count: 950 }, { from: '2025-11', to: '2026-10', months: 12, count: 1040 });
    expect(t.ratio).toBeCloseTo(1.094736842105263, 12);
    expect(t.p).toBeCloseTo(0.04600541455837728, 10);
    expect(t.significant).toBe(true);
  });

  it('uses months as exposures', () => {
    // R: poisson.test(c(30, 60), c(6, 12))$p.value = 1 (same monthly rate)
    const t = crimeTrend({ from: '2024-01', to: '2024-12', months: 12, count: 60 }, { from: '2025-01', to: '2025-06', months: 6, count: 30 });
    expect(t.ratio).toBe(1);
    expect(t.p).toBeCloseTo(1, 12);
    expect(t.significant).toBe(false);
  });

  it('refuses overlapping periods and periods with months missing', () => {
    const same = { from: '2018-02', to: '2019-01', months: 12, count: 100 };
    expect(crimeTrend(same, same)).toMatchObject({ ratio: null, p: null, significant: false, reason: expect.stringMatching(/overlap/) });
    const partial = crimeTrend({ ...same, monthsWithData: 1 }, { from: '2019-02', to: '2020-01', months: 12, monthsWithData: 12, count: 900 });
    expect(partial).toMatchObject({ ratio: null, significant: false, reason: expect.stringMatching(/only 1 of the 12 months/) });
  });
});
