/**
 * The one palette for every chart that colours groups or series: ten colours that stay apart for
 * the common colour-vision deficiencies (Okabe–Ito's blue, vermillion and reddish purple, Paul
 * Tol's indigo, olive, wine and rose, a green, a brown and a light blue), each at least 3:1 against
 * the white chart background (WCAG 1.4.11, non-text contrast). Colour is never the only cue: each
 * group also has its own marker shape (`GROUP_MARKERS`), drawn on the chart and in the legend.
 */
import type { PointStyle } from 'chart.js';

export const CHART_BACKGROUND = '#ffffff';

/** In order of use: the first two are the pair most apart for every kind of colour vision. */
export const GROUP_COLOURS = ['#0072B2', '#D55E00', '#11A579', '#CC79A7', '#332288', '#999933', '#882255', '#6F4E37', '#1A85FF', '#EE6677'] as const;

/** Kept for the charts that name a series colour by its place (plain/marked, count/signal). */
export const SERIES_COLOURS: readonly string[] = GROUP_COLOURS;

export interface Marker {
  style: PointStyle & string;
  /** Degrees clockwise (a triangle at 180 points down). */
  rotation: number;
}

/** Ten shapes that differ without colour: circle, square, triangles four ways, diamond, star, ×, +. */
export const GROUP_MARKERS: readonly Marker[] = [
  { style: 'circle', rotation: 0 },
  { style: 'rect', rotation: 0 },
  { style: 'triangle', rotation: 0 },
  { style: 'rectRot', rotation: 0 },
  { style: 'triangle', rotation: 180 },
  { style: 'star', rotation: 0 },
  { style: 'crossRot', rotation: 0 },
  { style: 'triangle', rotation: 90 },
  { style: 'cross', rotation: 0 },
  { style: 'triangle', rotation: 270 },
];

/** The colour of the i-th group (past ten the colours repeat, the marker keeps them apart until twenty). */
export const groupColour = (i: number): string => GROUP_COLOURS[i % GROUP_COLOURS.length];

/** The marker of the i-th group: shapes cycle offset by the colour cycle, so colour + shape is unique for 20 groups. */
export const groupMarker = (i: number): Marker => GROUP_MARKERS[(i + Math.floor(i / GROUP_COLOURS.length)) % GROUP_MARKERS.length];

/** WCAG 2 relative luminance of a #rrggbb colour. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', ''), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
