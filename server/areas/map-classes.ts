/**
 * The classes the ward maps colour by, in the browser (client/officer/components/WardMap.tsx) and in
 * the committee report (ward-map-svg.ts) alike: pure code the client bundles as it is. Colours
 * are ColorBrewer's (PuOr, Blues), which stay distinct for the common colour-vision deficiencies;
 * the classes that call for action, and flagged wards, are also hatched, so a map reads in
 * greyscale and for anyone who cannot tell the colours apart.
 */

/** One class of the map's legend: a colour, hatched or not (the cue beyond colour), and who is in it. */
export interface MapClass {
  label: string;
  colour: string;
  hatched: boolean;
  contains(value: number): boolean;
}

/** A ward's share of returns within this of its share of the population (half a point) is in line with it. */
export const RETURNS_IN_LINE = 0.005;

/** A ward with no figure: light grey, dotted in the legend's words. */
export const NO_DATA_COLOUR = '#d9d9d9';

/**
 * Share of returns minus share of population, in fractions: under-represented wards orange and
 * hatched, wards in line (within `inLine`) near-white, over-represented purple.
 */
export function gapClasses(inLine: number): MapClass[] {
  const strong = 4 * inLine;
  const pts = (x: number) => `${(x * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}`;
  return [
    { label: `Under by ${pts(strong)} points or more`, colour: '#b35806', hatched: true, contains: (v) => v <= -strong },
    { label: `Under by ${pts(inLine)} to ${pts(strong)} points`, colour: '#f1a340', hatched: true, contains: (v) => v > -strong && v <= -inLine },
    { label: `In line (within ${pts(inLine)} points)`, colour: '#f7f7f7', hatched: false, contains: (v) => v > -inLine && v < inLine },
    { label: `Over by ${pts(inLine)} to ${pts(strong)} points`, colour: '#998ec3', hatched: false, contains: (v) => v >= inLine && v < strong },
    { label: `Over by ${pts(strong)} points or more`, colour: '#542788', hatched: false, contains: (v) => v >= strong },
  ];
}

/** The class a value falls in (the first that contains it), or undefined for no figure. */
export function classOf(classes: readonly MapClass[], value: number | null): MapClass | undefined {
  return value === null ? undefined : classes.find((c) => c.contains(value));
}

/** ColorBrewer Blues, light to dark: lightness falls steadily, so the order reads in greyscale too. */
const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

/**
 * Up to five classes of equal count (quintiles of the values given) for figures such as estimates
 * or rates, lightest lowest; `format` writes a bound ("12.5%", "30.1 per 1,000"). Fewer distinct
 * values give fewer classes. None is hatched: hatching is left for flagged wards (small bases).
 */
export function quantileClasses(values: readonly (number | null)[], format: (v: number) => string, k = 5): MapClass[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return [];
  const lowest = sorted[0];
  const highest = sorted.at(-1)!;
  if (lowest === highest) return [{ label: format(lowest), colour: SEQUENTIAL[2], hatched: false, contains: () => true }];
  const cuts: number[] = [];
  for (let i = 1; i < k; i++) {
    const cut = sorted[Math.floor((i * sorted.length) / k)];
    if (cut > lowest && !cuts.includes(cut)) cuts.push(cut);
  }
  const bounds = [lowest, ...cuts, highest];
  const n = bounds.length - 1;
  // Colours spread over the palette, so two classes are light and dark, not two light ones.
  const colourOf = (i: number) => SEQUENTIAL[n === 1 ? SEQUENTIAL.length - 1 : Math.round((i * (SEQUENTIAL.length - 1)) / (n - 1))];
  return Array.from({ length: n }, (_, i) => {
    const lo = bounds[i];
    const hi = bounds[i + 1];
    const last = i === n - 1;
    return {
      label: last ? (lo === hi ? format(lo) : `${format(lo)} to ${format(hi)}`) : `${format(lo)} to under ${format(hi)}`,
      colour: colourOf(i),
      hatched: false,
      // Values outside the range given fall in the end classes.
      contains: (v: number) => (i === 0 || v >= lo) && (last || v < hi),
    };
  });
}
