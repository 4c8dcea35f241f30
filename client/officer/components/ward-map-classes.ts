/**
 * The classes the ward maps colour by. Colours are ColorBrewer's PuOr (purple–orange), which stays
 * distinct for the common colour-vision deficiencies; the classes that call for action are also
 * hatched, so the map reads in greyscale and for anyone who cannot tell the colours apart.
 */
import type { MapClass } from './ward-map-types';

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
