/** Wording for the county table: a wave's replies and a partnership's recorded crime. */
import { count } from '../../format';
import { monthName } from '../crime/format';
import type { CountyPartnership, CountyWave } from './types';

/** "2026 (open): 2,200 complete replies" ("1 complete reply" for one). */
export function waveText(w: CountyWave): string {
  return `${w.name} (${w.status}): ${count(w.responses)} complete ${w.responses === 1 ? 'reply' : 'replies'}`;
}

/** "Jan 2019" for one month, "Jan–Feb 2019" within a year, "Nov 2018–Feb 2019" across years. */
export function monthsText(months: string[]): string {
  const sorted = [...months].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === last) return monthName(first, true);
  const [from, to] = [monthName(first, true), monthName(last, true)];
  return first.slice(0, 4) === last.slice(0, 4) ? `${from.slice(0, 3)}–${to}` : `${from}–${to}`;
}

/** "1,588 crimes, Jan 2019"; "none held" when no months of recorded crime are held. */
export function crimeText(crime: CountyPartnership['crime']): string {
  if (crime.months.length === 0) return 'none held';
  return `${count(crime.crimes)} ${crime.crimes === 1 ? 'crime' : 'crimes'}, ${monthsText(crime.months)}`;
}
