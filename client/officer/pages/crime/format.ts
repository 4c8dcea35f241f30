/** Wording for recorded crime (shared by the crime and perception pages): months, rates, p-values, SPC signals. */
import type { client, OkOf } from '../../api';
import { count, oneDecimal } from '../../format';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-01" → "January 2019" ("Jan 2019" when short). */
export function monthName(month: string, short = false): string {
  const [y, m] = month.split('-').map(Number);
  const name = MONTHS[m - 1];
  if (!name) return month;
  return `${short ? name.slice(0, 3) : name} ${y}`;
}

/** "January 2019" for one month, else "January 2019 to March 2019". */
export function periodName(from: string, to: string): string {
  return from === to ? monthName(from) : `${monthName(from)} to ${monthName(to)}`;
}

/** A rate per 1,000 as the findings write it: 13.5, 9.07, 0.70 (1 decimal from 10, else 2). */
export function rate(x: number): string {
  if (Math.abs(x) >= 100) return count(Math.round(x));
  return Math.abs(x) >= 10 ? oneDecimal(x) : x.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "13.5 (9.90–18.0)". */
export function rateWithCi(r: number, ci: [number, number] | null): string {
  return ci ? `${rate(r)} (${rate(ci[0])}–${rate(ci[1])})` : rate(r);
}

/** "p < 0.001", "p = 0.004", "p = 0.043", "p = 0.72" (3 decimals below 0.1, near the 0.05 line). */
export function pText(p: number, name = 'p'): string {
  if (p < 0.001) return `${name} < 0.001`;
  if (p < 0.1) return `${name} = ${p.toFixed(3)}`;
  return `${name} = ${p.toFixed(2)}`;
}

/** A ratio as "1.49 times". */
export function ratioText(r: number): string {
  return `${r.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} times`;
}

/** SPC signal kinds as words, for the table of months. */
export const SIGNAL_NAMES: Record<string, string> = {
  'outside-limits': 'outside the limits',
  shift: 'run on one side of the centre line',
  trend: 'run rising or falling',
  'two-of-three': '2 of 3 near a limit',
};

/** "January 2019, February 2019 and March 2019" (long runs: first to last). */
export function monthList(months: string[]): string {
  if (months.length > 3) return `${monthName(months[0])} to ${monthName(months.at(-1)!)}`;
  const names = months.map((m) => monthName(m));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

/** Why the limits leave some moving ranges out (NHSRplotthedots screens unusually large ones). */
export function screenedSentence(months: string[]): string {
  const names = months.map((m) => monthName(m));
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return months.length === 1
    ? `The jump into ${list} was unusually large (a moving range of 3.267 times the mean or more), so it is left out of the mean moving range the limits come from.`
    : `The jumps into ${list} were unusually large (moving ranges of 3.267 times the mean or more), so they are left out of the mean moving range the limits come from.`;
}

/** "1 crime" / "1,390 crimes". */
export function crimes(n: number): string {
  return `${count(n)} ${n === 1 ? 'crime' : 'crimes'}`;
}

type CrimeApi = (typeof client)['api']['officer']['crime'];
export type CrimeRates = OkOf<CrimeApi['rates']['$get']>;
export type CrimeSpc = OkOf<CrimeApi['spc']['$get']>;
export type CrimeAvailable = OkOf<CrimeApi['available']['$get']>;

/** Where the counts come from (police.uk data are real; the licence travels with them). */
export const CRIME_SOURCE = 'Recorded crime: police.uk street-level data (Open Government Licence v3.0), counted by the ward of each crime’s LSOA.';
