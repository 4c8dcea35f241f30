/** The recorded crime page's ward map in words (pure): each ward's rate as the map's value and tooltip, and the map summed up. */
import type { WardValue } from '../../components/ward-map-types';
import { count } from '../../format';
import { crimes, periodName, rate, type CrimeRates } from './format';

type RateWard = CrimeRates['wards'][number];

/** A ward's tooltip: "13.5 per 1,000 (95% CI 9.90–18.0), 42 crimes", or no figure without a population. */
export function wardRateText(w: RateWard, per: number): string {
  if (w.rate === null) return `no figure: no population figure for the ward (${crimes(w.count)})`;
  const ci = w.ci ? ` (95% CI ${rate(w.ci[0])}–${rate(w.ci[1])})` : '';
  return `${rate(w.rate)} per ${count(per)}${ci}, ${crimes(w.count)}`;
}

/** Each ward's rate by ward code (null: no population, no figure). */
export function wardRateValues(r: CrimeRates): Map<string, WardValue> {
  return new Map(r.wards.map((w) => [w.wardCode, { value: w.rate, text: wardRateText(w, r.per) }]));
}

/** "30.1 per 1,000": a bound of the legend. */
export const rateBound = (per: number) => (v: number) => `${rate(v)} per ${count(per)}`;

/** The map in words: what the shades mean, the highest and lowest wards, the wards without a figure. */
export function rateMapSummary(r: CrimeRates, what: string): string {
  const ranked = r.wards.filter((w) => w.rate !== null).sort((a, b) => b.rate! - a.rate!);
  const parts = [`Recorded ${what} per ${count(r.per)} residents in each ward, ${periodName(r.period.from, r.period.to)}: darker wards have higher rates.`];
  if (ranked.length > 1) {
    parts.push(`Highest: ${ranked[0].ward} (${rate(ranked[0].rate!)}); lowest: ${ranked.at(-1)!.ward} (${rate(ranked.at(-1)!.rate!)}).`);
  }
  const none = r.wards.length - ranked.length;
  if (none) parts.push(`${none} ${none === 1 ? 'ward has' : 'wards have'} no figure (no population figure).`);
  parts.push('Every figure is in the table below.');
  return parts.join(' ');
}
