/**
 * The results page's ward map in words (pure): which questions have a breakdown by ward, each
 * ward's weighted estimate of one answer as the map's value and tooltip, small bases flagged, and
 * the map summed up for a screen reader.
 */
import type { WardValue } from '../../components/ward-map-types';
import { oneDecimal } from '../../format';
import { ciText, count, isMean, pct, plainLabel, valueText, type QuestionResults } from './format';
import type { Estimate } from './types';

/** Below this many replies a ward's estimate is shown but hatched: read with care. */
export const CAUTION_BASE = 100;
export const CAUTION_LABEL = `Fewer than ${CAUTION_BASE} replies: read with care`;

/**
 * The groups of a question that are wards of the map (by ward code); none for the ward question
 * itself (100% in each ward says nothing).
 */
export const wardGroups = (q: QuestionResults, wardCodes: ReadonlySet<string>) => q.byGroup.filter((g) => g.variable !== q.question && wardCodes.has(g.value));

/** A breakdown by ward: most of its groups are wards of the map (the rest e.g. "don't know"). */
export function isWardBreakdown(q: QuestionResults, wardCodes: ReadonlySet<string>): boolean {
  const wards = wardGroups(q, wardCodes).length;
  return wards > 0 && wards * 2 > q.byGroup.length;
}

/** The answer the map shows: the one picked, if the question has it, else its first. */
export function mapCategory(q: QuestionResults, picked: string | undefined): string | undefined {
  return q.overall.some((e) => e.category === picked) ? picked : q.overall[0]?.category;
}

const replies = (n: number) => `${count(n)} ${n === 1 ? 'reply' : 'replies'}`;

/** A ward's tooltip: "34.2% (95% CI 28.1–40.9%), 212 replies", or "no figure: Fewer than 30 replies, so hidden." */
export function wardEstimateText(e: Estimate | undefined): string {
  if (!e) return 'no figure: no replies';
  if (e.suppressed || e.estimate === null || e.n === null) return `no figure: ${e.reason ?? 'base too small'}`;
  const ci = e.ci && !isMean(e) ? ` (95% CI ${ciText(e.ci)})` : '';
  return `${valueText(e)}${ci}, ${replies(e.n)}`;
}

/** Each ward's estimate of `category`: null when suppressed, flagged below the caution base. */
export function wardMapValues(q: QuestionResults, category: string, wardCodes: ReadonlySet<string>): Map<string, WardValue> {
  return new Map(
    wardGroups(q, wardCodes).map((g) => {
      const e = g.rows.find((r) => r.category === category);
      const value = e && !e.suppressed && e.estimate !== null ? e.estimate : null;
      return [g.value, { value, text: wardEstimateText(e), flagged: value !== null && (e!.n ?? 0) < CAUTION_BASE }];
    }),
  );
}

/** How a bound of the legend reads: a share as "34.2%", a mean with one decimal. */
export const mapFormat = (q: QuestionResults, category: string) => (q.overall.find((e) => e.category === category && isMean(e)) ? oneDecimal : pct);

/** "Ward map of the weighted share answering “Very safe”: How safe do you feel…?". */
export function wardMapTitle(q: QuestionResults, category: string): string {
  const e = q.overall.find((r) => r.category === category);
  const what = e && isMean(e) ? 'average' : `share answering “${plainLabel(e?.label ?? category)}”`;
  return `Ward map of the weighted ${what}: ${q.title}`;
}

/** The map in words: what the shades mean, the highest and lowest wards, the wards without a figure and the hatched ones. */
export function wardMapSummary(q: QuestionResults, category: string, values: ReadonlyMap<string, WardValue>, names: ReadonlyMap<string, string>): string {
  const format = mapFormat(q, category);
  const shown = [...values].filter(([, v]) => v.value !== null).sort((a, b) => b[1].value! - a[1].value!);
  const name = (code: string) => names.get(code) ?? code;
  const parts = ['Darker wards have higher weighted estimates, lightest lowest.'];
  if (shown.length > 1) {
    const [top, bottom] = [shown[0], shown.at(-1)!];
    parts.push(`Highest: ${name(top[0])} (${format(top[1].value!)}); lowest: ${name(bottom[0])} (${format(bottom[1].value!)}).`);
  }
  const none = values.size - shown.length;
  if (none) parts.push(`${none} ${none === 1 ? 'ward has' : 'wards have'} no figure (too few replies to show).`);
  const flagged = shown.filter(([, v]) => v.flagged).length;
  if (flagged) parts.push(`${flagged} ${flagged === 1 ? 'ward is' : 'wards are'} hatched: ${CAUTION_LABEL.toLowerCase()}.`);
  parts.push('Every figure is in the table below.');
  return parts.join(' ');
}
