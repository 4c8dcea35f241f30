/** The crime import report and stored data in words (pure functions, no DOM). */
import type { client, OkOf } from '../../api';
import { count } from '../../format';

export type StoredCrime = OkOf<typeof client.api.officer.crime.months.$get>;
export type CrimeImportReport = OkOf<typeof client.api.officer.crime.imports.$post>;
export type PopulationSummary = OkOf<typeof client.api.officer.population.$get>;
export type PopulationResult = OkOf<typeof client.api.officer.population.$post>;
export type BoundariesSummary = OkOf<typeof client.api.officer.areas.boundaries.$get>;
export type WardLookupSummary = OkOf<typeof client.api.officer.areas.lookup.$get>;
export type WardLookupResult = OkOf<typeof client.api.officer.areas.lookup.$put>;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2019-01" → "January 2019". */
export function monthName(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return MONTHS[m - 1] ? `${MONTHS[m - 1]} ${y}` : ym;
}

/** ["a", "b", "c"] → "a, b and c". */
export function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** "1 row" / "2 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Consecutive months as ranges: January 2019 to March 2019, May 2019. */
export function monthRanges(months: string[]): string {
  const sorted = [...months].sort();
  const index = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
  const ranges: [string, string][] = [];
  for (const m of sorted) {
    const last = ranges.at(-1);
    if (last && index(m) === index(last[1]) + 1) last[1] = m;
    else ranges.push([m, m]);
  }
  return list(ranges.map(([a, b]) => (a === b ? monthName(a) : `${monthName(a)} to ${monthName(b)}`)));
}

/** The import report as sentences, in the order an officer checks them. */
export function reportSentences(r: CrimeImportReport): string[] {
  const out: string[] = [];
  out.push(`Read ${plural(r.rows, 'row')} from ${plural(r.files.length, 'file')}: ${list(r.files.map((f) => f.name))}.`);
  out.push(
    r.months.length
      ? `${plural(r.imported, 'crime')} counted in the borough's wards, for ${monthRanges(r.months)}.`
      : 'The files held no crime rows, so nothing was stored.',
  );
  if (r.months.length) {
    out.push(
      `Replaced ${r.months.length === 1 ? 'the month' : `${r.months.length} months`} ${monthRanges(r.months)}: whatever was stored for ${r.months.length === 1 ? 'it' : 'them'} before is now these files' figures (importing the same file again gives the same figures).`,
    );
  }
  if (r.outsideArea) {
    const inArea = r.unmappedInArea.rows;
    const elsewhere = r.outsideArea - inArea;
    if (elsewhere) {
      out.push(
        `${plural(elsewhere, 'row')} ${elsewhere === 1 ? 'was' : 'were'} outside the borough and left out: police.uk force files cover the whole force area, including neighbouring boroughs.`,
      );
    }
  } else out.push('No rows were outside the borough.');
  if (r.noLsoa)
    out.push(
      `${plural(r.noLsoa, 'row')} had no LSOA code (police.uk could not place ${r.noLsoa === 1 ? 'it' : 'them'} on the map) and ${r.noLsoa === 1 ? 'was' : 'were'} left out.`,
    );
  return out;
}

/** Why rows with a borough-looking but unknown LSOA code are not counted, or null when there are none. */
export function unmappedExplanation(r: CrimeImportReport): string | null {
  const u = r.unmappedInArea;
  if (!u.rows) return null;
  return (
    `${plural(u.rows, 'row')} in ${plural(u.lsoaCodes.length, 'LSOA')} with this borough's name ${u.rows === 1 ? 'is' : 'are'} not counted in any ward: ` +
    `their LSOA codes are not in the ward lookup, which uses the 2011 LSOAs. police.uk switched to the 2021 LSOAs in 2023, and the LSOAs that were split or merged in 2021 got new codes. ` +
    `Those crimes are missing from the ward figures (and the borough total) until a 2021 LSOA to ward lookup is added. The codes: ${u.lsoaCodes.join(', ')}.`
  );
}
