/**
 * What one perception item's ward map shows, in pure functions: the quadrant classes (Okabe–Ito
 * colours, safe for the common colour-vision deficiencies; the two mismatch quadrants hatched), or,
 * when recorded crime does not cover the period or the model-based estimate is chosen, quantile
 * classes of the worry estimate; each ward's tooltip, the title and the summary in words.
 */
import { quantileClasses } from '../../components/ward-map-classes';
import type { MapClass, WardValue } from '../../components/ward-map-types';
import { ciText, count, oneDecimal, pct } from '../../format';
import { rate } from '../crime/format';
import { worryAxis } from './format';
import type { EstimateKind, PerceptionItem, WardEstimates, WardRow } from './types';

/** Wards with fewer replies than this are hatched on the map, "read with care". */
export const SMALL_BASE = 100;

export const QUADRANTS = ['high worry, high crime', 'high worry, low crime', 'low worry, high crime', 'low worry, low crime'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

/** A mismatch: worry out of line with recorded crime (hatched, besides its colour). */
export const isMismatch = (q: Quadrant) => q === 'high worry, low crime' || q === 'low worry, high crime';

// Okabe–Ito: vermillion, orange, sky blue, bluish green (distinct in greyscale by lightness too).
const QUADRANT_COLOURS: Record<Quadrant, string> = {
  'high worry, high crime': '#d55e00',
  'high worry, low crime': '#e69f00',
  'low worry, high crime': '#56b4e9',
  'low worry, low crime': '#009e73',
};

/** The four quadrant classes; a ward's value is its quadrant's index in QUADRANTS. */
export const QUADRANT_CLASSES: MapClass[] = QUADRANTS.map((q, i) => ({
  label: `${q.charAt(0).toUpperCase()}${q.slice(1)}${isMismatch(q) ? ' (mismatch)' : ''}`,
  colour: QUADRANT_COLOURS[q],
  hatched: isMismatch(q),
  contains: (v: number) => v === i,
}));

export interface ItemMap {
  values: Map<string, WardValue>;
  classes: MapClass[];
  title: string;
  summary: string;
  flagLabel: string;
}

const worryText = (w: WardRow) =>
  w.worry.suppressed || w.worry.estimate === null
    ? `worry suppressed (${w.worry.reason ?? 'base too small'})`
    : `worry ${pct(w.worry.estimate)}${w.worry.ci ? ` (CI ${ciText(w.worry.ci)})` : ''}`;

const crimeText = (item: PerceptionItem, w: WardRow) =>
  w.crime.rate === null ? 'crime: no rate (no population figure)' : `crime ${rate(w.crime.rate)} per ${count(item.per)}`;

/** "Ward: worry x% (CI a–b%), crime y per 1,000 — quadrant" (the ward's name is added by the map). */
export function quadrantTooltip(item: PerceptionItem, w: WardRow): string {
  return `${worryText(w)}, ${crimeText(item, w)} — ${w.quadrant ?? 'no quadrant'}`;
}

const small = (w: WardRow) => w.worry.n !== null && w.worry.n < SMALL_BASE;

/**
 * The item's map: by quadrant when `quadrants` (recorded crime covers the period), else by the
 * worry estimate in quantile classes; by the model-based estimate when `kind` is 'model' and the
 * estimates are given.
 */
export function itemMap(item: PerceptionItem, opts: { quadrants: boolean; kind: EstimateKind; model?: WardEstimates | null }): ItemMap {
  const what = worryAxis(item);
  const flagLabel = `Fewer than ${SMALL_BASE} replies: read with care`;
  const flaggedCount = item.wards.filter(small).length;
  const flaggedWords = flaggedCount
    ? ` ${count(flaggedCount)} ward${flaggedCount === 1 ? ' has' : 's have'} fewer than ${SMALL_BASE} replies and ${flaggedCount === 1 ? 'is' : 'are'} hatched.`
    : '';
  if (opts.kind === 'model' && opts.model) {
    const byCode = new Map(opts.model.wards.map((m) => [m.ward, m]));
    const values = new Map<string, WardValue>(
      item.wards.map((w) => {
        const m = byCode.get(w.wardCode);
        const text =
          m?.model == null
            ? `no model-based estimate${m?.reason ? ` (${m.reason})` : ''}`
            : `worry ${pct(m.model)} model-based${m.modelRmse === null ? '' : ` (RMSE ${oneDecimal(m.modelRmse * 100)} points)`}${m.direct === null ? '' : `, direct ${pct(m.direct)}`}, ${crimeText(item, w)}`;
        return [w.wardCode, { value: m?.model ?? null, text, flagged: small(w) }];
      }),
    );
    const classes = quantileClasses(
      opts.model.wards.map((m) => m.model),
      (v) => pct(v),
    );
    return {
      values,
      classes,
      flagLabel,
      title: `Map of the model-based estimate of the ${what.replace(/^% /, 'percentage ')}, by ward`,
      summary: `Wards shaded by the model-based estimate (${opts.model.fallback ? 'the model did not fit, so these are the direct estimates' : `borrowing strength from ${opts.model.covariateLabel ?? 'the other wards'}`}), lightest lowest, in up to five classes of equal count.${flaggedWords} Every figure is in the table below.`,
    };
  }
  if (!opts.quadrants) {
    const values = new Map<string, WardValue>(
      item.wards.map((w) => [
        w.wardCode,
        {
          value: w.worry.suppressed ? null : w.worry.estimate,
          text: `${worryText(w)} — no quadrant: recorded crime does not cover the period`,
          flagged: small(w),
        },
      ]),
    );
    return {
      values,
      classes: quantileClasses(
        item.wards.map((w) => (w.worry.suppressed ? null : w.worry.estimate)),
        (v) => pct(v),
      ),
      flagLabel,
      title: `Map of the ${what.replace(/^% /, 'percentage ')}, by ward (worry only)`,
      summary: `Wards shaded by the survey estimate, lightest lowest, in up to five classes of equal count. No quadrants are shown: recorded crime does not cover the crime period, so worry is not set beside it.${flaggedWords} Every figure is in the table below.`,
    };
  }
  const values = new Map<string, WardValue>(
    item.wards.map((w) => [
      w.wardCode,
      { value: w.quadrant === null ? null : QUADRANTS.indexOf(w.quadrant), text: quadrantTooltip(item, w), flagged: small(w) },
    ]),
  );
  const byQuadrant = QUADRANTS.map((q) => `${q}: ${count(item.wards.filter((w) => w.quadrant === q).length)}`).join('; ');
  return {
    values,
    classes: QUADRANT_CLASSES,
    flagLabel,
    title: `Map of the perception–reality quadrants: ${what.replace(/^% /, 'percentage ')} against recorded ${item.crimeLabel}, by ward`,
    summary: `Each ward coloured by its quadrant against the borough figures (${byQuadrant}); the two mismatch quadrants, where worry is out of line with recorded crime, are hatched.${flaggedWords} Every figure is in the table below.`,
  };
}

/**
 * The ward-estimates query for an item: the recorded rate of its one crime type, of all crime, or
 * of the crime types linked to its question, over the crime period the report used.
 */
export function modelQuery(
  item: Pick<PerceptionItem, 'question' | 'category' | 'crimeTypes' | 'crimeLabel'>,
  period: { from: string; to: string },
): { question: string; category: string; covariate: 'crime-rate' | 'all-crime' | 'none'; crimeType?: string; from: string; to: string } {
  const base = { question: item.question, category: item.category, from: period.from, to: period.to };
  if (item.crimeTypes.length === 1) return { ...base, covariate: 'crime-rate', crimeType: item.crimeTypes[0] };
  if (/^crime of all types/.test(item.crimeLabel)) return { ...base, covariate: 'all-crime' };
  return { ...base, covariate: 'crime-rate' };
}
