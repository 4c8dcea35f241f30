/**
 * Calendar months (YYYY-MM) and days (YYYY-MM-DD) as the app writes them: one rule for what
 * counts as a month or a day, used by services, the CLI and route schemas alike.
 *
 * @example
 *   isMonth('2019-01')            // true
 *   monthsBetween('2019-11', '2020-01') // ['2019-11', '2019-12', '2020-01']
 *   MonthParam('from')            // a zod query parameter refusing '2019-1' with a sentence
 *   monthRange('2018-02', '2019-01') // 'February 2018 to January 2019' (UK month names)
 */
import { z } from '@hono/zod-openapi';

/** YYYY-MM with a real month (01-12). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
/** YYYY-MM-DD with a real month and a day 01-31 (isDay also checks the day exists). */
export const DAY_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const MONTHS_IN_YEAR = 12;

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** A calendar day that exists (2019-02-29 does not). */
export function isDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Why `value` is not a month, naming `name`; null when it is one. */
export function monthProblem(value: string | undefined, name: string): string | null {
  if (value === undefined || value === '') return `Give ${name} as a month written YYYY-MM.`;
  if (!isMonth(value)) return `${name} must be a month written YYYY-MM (e.g. 2019-01), not '${value}'.`;
  return null;
}

/** Why `from`..`to` is not a period (from after to), or null; either may be absent (open-ended). */
export function periodProblem(from: string | undefined, to: string | undefined): string | null {
  return from && to && from > to ? `The period is empty: ${from} is after ${to}.` : null;
}

/** Every month from `from` to `to` inclusive (both YYYY-MM). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > MONTHS_IN_YEAR) {
      m = 1;
      y++;
    }
  }
  return out;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A month as people write it in the UK: '2019-01' → 'January 2019'. */
export function monthLabel(month: string): string {
  if (!isMonth(month)) throw new RangeError(`A month must be written YYYY-MM, not '${month}'.`);
  const [y, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/**
 * A run of months as people write it in the UK, both ends inclusive: 'February 2018 to January
 * 2019'; a single month is just that month ('January 2019'). Every crime period the app writes
 * (page, JSON labels, CLI, committee report) goes through this.
 */
export function monthRange(from: string, to: string): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)} to ${monthLabel(to)}`;
}

/**
 * A set of months (YYYY-MM, any order) as runs of consecutive months: ['2018-02', '2018-03',
 * '2018-05'] → 'February 2018 to March 2018, May 2018'.
 */
export function monthRanges(months: readonly string[]): string {
  const sorted = [...new Set(months)].sort();
  const runs: [string, string][] = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last && monthsBetween(last[1], m).length === 2) last[1] = m;
    else runs.push([m, m]);
  }
  return runs.map(([a, b]) => monthRange(a, b)).join(', ');
}

/** The same month `years` later (earlier when negative). */
export function shiftYear(month: string, years: number): string {
  const [y, m] = month.split('-');
  return `${String(Number(y) + years).padStart(4, '0')}-${m}`;
}

/** The UTC calendar day of a moment, YYYY-MM-DD. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/**
 * A required month query parameter called `name`: a missing or malformed value is refused (400)
 * with the same sentence the services use.
 */
export function MonthParam(name: string) {
  return z
    .string({ error: () => `Give ${name} as a month written YYYY-MM.` })
    .refine(isMonth, { error: (iss) => monthProblem(iss.input as string, name) ?? '' })
    .openapi({ param: { name, in: 'query' }, description: 'A calendar month, YYYY-MM', example: '2019-01', pattern: MONTH_PATTERN.source });
}

/** An optional month query parameter (an empty value counts as not given, as the pages send). */
export function OptionalMonthParam(name: string, description: string) {
  return z
    .string()
    .refine((v) => v === '' || isMonth(v), { error: (iss) => monthProblem(iss.input as string, name) ?? '' })
    .optional()
    .openapi({ param: { name, in: 'query' }, description, example: '2019-01' });
}

/** A month in a response, YYYY-MM. */
export const Month = z.string().openapi({ description: 'A calendar month, YYYY-MM', example: '2019-01', pattern: MONTH_PATTERN.source });
/** A calendar day in a response or body, YYYY-MM-DD. */
export const Day = z.string().openapi({ description: 'A calendar day, YYYY-MM-DD', example: '2026-03-02', pattern: DAY_PATTERN.source });
