/**
 * Perception vs reality in words: item headings, the ward table's cells, the rank correlation
 * and the trend between waves as sentences. Types are the API's own (through hc).
 */
import { capitalise, rowPhrase } from '../../../../analysis/findings/phrases';
import { ciText, count, oneDecimal, pct } from '../../format';
import { crimes, monthName, pText, rate, rateWithCi, ratioText } from '../crime/format';
import type { CrimePeriod, PerceptionItem, WardRow } from './types';

export type { CrimePeriod, Perception, PerceptionItem, WardRow } from './types';

/** "are worried about burglary" / "feel unsafe in their local area after dark" (null: no phrase known). */
export function itemPhrase(item: Pick<PerceptionItem, 'construct' | 'category'>): string | null {
  return rowPhrase(item.construct, item.category);
}

/** "Net: worried" → "worried". */
const plain = (label: string) => label.replace(/^Net:\s*/i, '');

/**
 * The item's heading in words: "Worried about burglary vs recorded burglary",
 * "Feeling unsafe in their local area after dark vs recorded violence and sexual offences".
 */
export function itemHeading(item: Pick<PerceptionItem, 'construct' | 'category' | 'label' | 'crimeLabel' | 'question'>, questionTitle?: string): string {
  const phrase = itemPhrase(item);
  const worry = phrase ? phrase.replace(/^are /, '').replace(/^feel /, 'feeling ') : `${questionTitle ?? item.question}: ${plain(item.label).toLowerCase()}`;
  return `${capitalise(worry)} vs recorded ${item.crimeLabel}`;
}

/**
 * How much more recorded crime varies between wards than chance alone (the over-dispersion factor
 * φ), and what the crime comparisons do about it; '' when it could not be measured.
 */
export function overdispersionSentence(item: Pick<PerceptionItem, 'crimeLabel' | 'overdispersion'>): string {
  const phi = item.overdispersion.phi;
  if (phi === null) return '';
  const shown = phi >= 10 ? oneDecimal(phi) : phi.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return phi > 1
    ? `Recorded ${item.crimeLabel} varies between wards more than chance alone would make it: ${shown} times as much (the over-dispersion factor φ). ` +
        'Each ward’s crime comparison allows for that, so a ward counts as clearly different only when it stands out from that wider spread.'
    : `Recorded ${item.crimeLabel} varies between wards no more than chance alone would (over-dispersion factor φ = ${shown}), so the crime comparisons need no widening.`;
}

/** The y axis: "% worried about burglary". */
export function worryAxis(item: Pick<PerceptionItem, 'construct' | 'category' | 'label'>): string {
  const phrase = itemPhrase(item);
  return phrase ? `% who ${phrase}` : `% ${plain(item.label).toLowerCase()}`;
}

/** The x axis: "Recorded burglary per 1,000 residents". */
export function rateAxis(item: Pick<PerceptionItem, 'crimeLabel' | 'per'>): string {
  return `Recorded ${item.crimeLabel} per ${count(item.per)} residents`;
}

/** Worry cell: "41.9% (31.6–53.0%) n=103". */
export function worryCell(w: WardRow): string {
  if (w.worry.suppressed || w.worry.estimate === null) return `suppressed – ${w.worry.reason ?? 'base too small'}`;
  return `${pct(w.worry.estimate)}${w.worry.ci ? ` (${ciText(w.worry.ci)})` : ''}${w.worry.n === null ? '' : ` n=${count(w.worry.n)}`}`;
}

/** Rate cell: "13.5 (9.90–18.0) 46 crimes". */
export function rateCell(w: WardRow): string {
  if (w.crime.rate === null) return `no rate (no population figure) ${crimes(w.crime.count)}`;
  return `${rateWithCi(w.crime.rate, w.crime.ci)} ${crimes(w.crime.count)}`;
}

const clearWords = (clear: boolean, pAdjusted: number | null) =>
  pAdjusted === null ? '' : `${clear ? 'clear' : 'not clear'}, ${pText(pAdjusted, 'adjusted p')}`;

/** "−14.2 points (rest 56.1%); clear, adjusted p = 0.043". */
export function worryVsRest(w: WardRow): string {
  const v = w.worryVsBorough;
  if (v.difference === null || v.rest === null) return w.worry.suppressed ? '–' : 'not tested';
  const sign = v.difference > 0 ? '+' : v.difference < 0 ? '−' : '±';
  return `${sign}${oneDecimal(Math.abs(v.difference) * 100)} points (rest ${pct(v.rest)}); ${clearWords(v.clear, v.pAdjusted)}`;
}

/** "1.49 times the rest (9.07); clear, adjusted p = 0.014". */
export function crimeVsRest(w: WardRow): string {
  const v = w.crimeVsBorough;
  if (v.ratio === null || v.restRate === null) return 'not tested';
  return `${ratioText(v.ratio)} the rest (${rate(v.restRate)}); ${clearWords(v.clear, v.pAdjusted)}`;
}

/** −0.07 with a true minus sign, as the rest of the page writes negatives. */
const signed = (x: number) => (x < 0 ? `−${Math.abs(x).toFixed(2)}` : x.toFixed(2));

function strength(rho: number): string {
  const a = Math.abs(rho);
  return a < 0.3 ? 'weak' : a < 0.6 ? 'moderate' : 'strong';
}

/** Spearman's rank correlation in words, with its p-value and what it means. */
export function correlationSentences(item: PerceptionItem, alpha = 0.05): string[] {
  const s = item.spearman;
  if (!('rho' in s)) return [s.reason];
  const test = s.method === 'exact' ? 'exact permutation test' : `permutation test, ${count(s.permutations)} random permutations`;
  const first = `Spearman's rank correlation across the ${count(s.wards)} wards with a figure: rho = ${signed(s.rho)} (${pText(s.pValue)}, ${test}).`;
  const who = itemPhrase(item);
  const share = who ? `the share of residents who ${who}` : 'the share';
  let meaning: string;
  if (s.pValue < alpha) {
    meaning =
      s.rho > 0
        ? `A ${strength(s.rho)} positive association that is statistically clear: wards with a higher recorded rate of ${item.crimeLabel} tend to have a higher ${share.replace(/^the /, '')}.`
        : `A ${strength(s.rho)} negative association that is statistically clear: wards with a higher recorded rate of ${item.crimeLabel} tend to have a lower ${share.replace(/^the /, '')}.`;
  } else {
    meaning = `No clear association: across wards, ${share} does not clearly rise or fall with the recorded rate of ${item.crimeLabel} (a correlation this size could arise by chance).`;
  }
  return [first, meaning, 'A correlation across wards says nothing about individual residents and does not show that one causes the other.'];
}

/** "Residents who are worried about burglary" (the whole borough). */
function who(item: PerceptionItem): string {
  const phrase = itemPhrase(item);
  return phrase ? `Residents who ${phrase}` : capitalise(plain(item.label));
}

/** The borough trend between the two waves, worry and recorded crime, in words. */
export function trendSentences(item: PerceptionItem): string[] {
  const t = item.trend;
  if (!t) return [];
  const out: string[] = [];
  const w = t.worry;
  if (!w) out.push('No wave-on-wave change of this figure is available.');
  else if (w.suppressed || w.from.estimate === null || w.to.estimate === null || w.difference === null)
    out.push(`Worry between waves ${w.from.wave} and ${w.to.wave}: suppressed – ${w.reason ?? 'base too small'}.`);
  else {
    const sign = w.difference > 0 ? '+' : w.difference < 0 ? '−' : '±';
    const sig = w.significant ? 'significant after adjustment for multiple comparisons' : 'not significant';
    out.push(
      `${who(item)}: ${pct(w.from.estimate)} in ${w.from.wave}, ${pct(w.to.estimate)} in ${w.to.wave} (${sign}${oneDecimal(Math.abs(w.difference) * 100)} points; ${sig}${w.pAdjusted !== null ? `, ${pText(w.pAdjusted, 'adjusted p')}` : ''}).`,
    );
  }
  const c = t.crime;
  if (c) {
    const period = (p: { from: string; to: string; label?: string }) => p.label ?? `${monthName(p.from)} to ${monthName(p.to)}`;
    const counts = `${crimes(c.earlier.count)} in ${period(c.earlier)} and ${crimes(c.later.count)} in ${period(c.later)}`;
    const samePeriod = c.earlier.from === c.later.from && c.earlier.to === c.later.to;
    // One period set beside both waves: naming it twice would read as a trend; say why there is none.
    if (samePeriod) out.push(`Recorded ${item.crimeLabel}: no trend. ${c.reason ?? 'Both waves are set beside the same crime period.'}`);
    else if (c.ratio === null || c.p === null) out.push(`Recorded ${item.crimeLabel}: ${counts}. ${c.reason ?? 'No change can be tested.'}`);
    else
      out.push(
        `Recorded ${item.crimeLabel}: ${counts}; the later monthly rate is ${ratioText(c.ratio)} the earlier (${c.significant ? 'significant' : 'not significant'}, ${pText(c.p)}).`,
      );
  }
  return out;
}

/** The crime period actually used, and why (`basis`: the API's coverage basis, e.g. "the 12 months to the month the wave closed (…)"). */
export function periodSentence(p: CrimePeriod, which: string, chosen: boolean, basis?: string): string {
  const span = p.from === p.to ? monthName(p.from) : `${monthName(p.from)} to ${monthName(p.to)}`;
  const months = `${p.months} month${p.months === 1 ? '' : 's'}, ${p.monthsWithData} with recorded crime stored`;
  // When the default window had no crime, the API's note says what was used instead and why.
  const why = chosen
    ? ' Why: it is the period you chose.'
    : p.matchesWave
      ? ` Why: it is ${basis ?? "the 12 months up to the month of the wave's last response"}.`
      : '';
  return `Crime period for ${which}: ${span} (${months}).${why}${p.note ? ` ${p.note}` : ''}`;
}
