// Disclosure control has no R counterpart: expected values are the rules in DESIGN.md.
import { describe, expect, it } from 'vitest';
import {
  BASE_THRESHOLD,
  COMPLEMENTARY_REASON,
  comparisonSuppression,
  redact,
  SCHOOL_COUNT_THRESHOLD,
  suppress,
  suppressSchoolCounts,
} from '../../../analysis/disclosure/suppress.js';

const ward = (key: string, base: number) => ({ key, breakdown: 'ward', base, estimate: 0.4 });

describe('suppress', () => {
  it('uses the documented thresholds', () => {
    expect(BASE_THRESHOLD).toBe(30);
    expect(SCHOOL_COUNT_THRESHOLD).toBe(10);
  });

  it('suppresses a base below 30 with its reason, keeps 30 and above', () => {
    const [small, edge] = suppress([
      { key: 'a', base: 29 },
      { key: 'b', base: 30 },
    ]);
    expect(small).toMatchObject({ suppressed: true, reason: 'Fewer than 30 replies, so hidden' });
    expect(edge).toMatchObject({ suppressed: false, reason: null });
  });

  it('suppresses the next-smallest group when exactly one group of a breakdown is small', () => {
    const out = suppress([ward('North', 120), ward('South', 12), ward('East', 45), ward('West', 60)]);
    expect(out.map((c) => [c.key, c.suppressed, c.reason])).toEqual([
      ['North', false, null],
      ['South', true, 'Fewer than 30 replies, so hidden'],
      ['East', true, COMPLEMENTARY_REASON],
      ['West', false, null],
    ]);
  });

  it('adds no complementary cell when two groups are already suppressed', () => {
    const out = suppress([ward('North', 120), ward('South', 12), ward('East', 20), ward('West', 60)]);
    expect(out.filter((c) => c.suppressed).map((c) => c.key)).toEqual(['South', 'East']);
  });

  it('treats breakdowns separately and leaves cells without a breakdown alone', () => {
    const out = suppress([
      ward('North', 100),
      ward('South', 5),
      { key: 'Male', breakdown: 'sex', base: 200 },
      { key: 'Female', breakdown: 'sex', base: 210 },
      { key: 'All', base: 410 },
    ]);
    expect(out.map((c) => c.suppressed)).toEqual([true, true, false, false, false]);
    expect(out[0].reason).toBe(COMPLEMENTARY_REASON);
  });

  it('suppresses an empty group (base 0) and protects it like any other', () => {
    const out = suppress([ward('North', 100), ward('Dock', 0), ward('East', 70)]);
    expect(out[1].reason).toBe('Fewer than 30 replies, so hidden');
    expect(out[2].reason).toBe(COMPLEMENTARY_REASON);
  });

  it('uses threshold 10 for youth counts by school', () => {
    const out = suppressSchoolCounts([
      { key: 'School A', breakdown: 'school', base: 9 },
      { key: 'School B', breakdown: 'school', base: 10 },
      { key: 'School C', breakdown: 'school', base: 25 },
    ]);
    expect(out.map((c) => c.reason)).toEqual(['Fewer than 10 returns, so hidden', COMPLEMENTARY_REASON, null]);
  });

  it('rejects a base that is not a count', () => {
    expect(() => suppress([{ key: 'x', base: 12.5 }])).toThrow(/whole number of respondents/);
    expect(() => suppress([{ key: 'x', base: NaN }])).toThrow(/whole number/);
    expect(() => suppress([], { threshold: 0 })).toThrow(/positive whole number/);
  });
});

describe('comparisons and redaction', () => {
  const [north, south] = suppress([ward('North', 120), ward('South', 12), ward('East', 45)]);

  it('suppresses a comparison involving a suppressed group, with the reason', () => {
    expect(comparisonSuppression(north, south)).toEqual({
      suppressed: true,
      reason: 'Compares with a suppressed group (Fewer than 30 replies, so hidden)',
    });
    expect(comparisonSuppression({ suppressed: false, reason: null }, { suppressed: false, reason: null })).toEqual({
      suppressed: false,
      reason: null,
    });
  });

  it('redact blanks numbers of suppressed cells only', () => {
    expect(redact(south, ['estimate'])).toMatchObject({ key: 'South', estimate: null, suppressed: true });
    expect(redact(north, ['estimate'])).toMatchObject({ key: 'North', estimate: 0.4 });
  });
});
