/** The one rule for months and periods (server/formats/dates.ts) that services, the CLI and route schemas share. */
import { describe, expect, it } from 'vitest';
import { isMonth, monthLabel, monthProblem, monthRange, monthRanges, monthsBetween, periodProblem, shiftYear } from '../../../server/formats/dates.js';

describe('months', () => {
  it('accepts YYYY-MM with a real month only', () => {
    expect(['2019-01', '2019-12', '0001-06'].map(isMonth)).toEqual([true, true, true]);
    expect(['2019-1', '2019-00', '2019-13', '201901', '2019-01-01', ''].map(isMonth)).toEqual([false, false, false, false, false, false]);
  });

  it('says what is wrong with a month, naming the parameter', () => {
    expect(monthProblem('2019-01', 'from')).toBeNull();
    expect(monthProblem(undefined, 'from')).toBe('Give from as a month written YYYY-MM.');
    expect(monthProblem('', 'to')).toBe('Give to as a month written YYYY-MM.');
    expect(monthProblem('2019-13', '--from')).toBe("--from must be a month written YYYY-MM (e.g. 2019-01), not '2019-13'.");
  });

  it('refuses a period that runs backwards, and allows open or one-month periods', () => {
    expect(periodProblem('2019-02', '2019-01')).toBe('The period is empty: 2019-02 is after 2019-01.');
    expect(periodProblem('2019-01', '2019-01')).toBeNull();
    expect(periodProblem('2019-01', undefined)).toBeNull();
    expect(periodProblem(undefined, '2019-01')).toBeNull();
  });

  it('counts months across a year end and shifts by years', () => {
    expect(monthsBetween('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthsBetween('2020-02', '2019-11')).toEqual([]);
    expect(shiftYear('2019-03', -1)).toBe('2018-03');
  });

  it('writes months and periods in UK form', () => {
    expect(monthLabel('2019-01')).toBe('January 2019');
    expect(monthLabel('2018-12')).toBe('December 2018');
    expect(monthRange('2018-02', '2019-01')).toBe('February 2018 to January 2019');
    expect(monthRange('2019-01', '2019-01')).toBe('January 2019');
    expect(() => monthLabel('2019-13')).toThrow(/YYYY-MM/);
  });

  it('writes a set of months as runs of consecutive months', () => {
    expect(monthRanges(['2018-05', '2018-02', '2018-03', '2018-12', '2019-01'])).toBe('February 2018 to March 2018, May 2018, December 2018 to January 2019');
    expect(monthRanges([])).toBe('');
  });
});
