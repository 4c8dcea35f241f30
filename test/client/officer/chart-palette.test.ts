/**
 * The charts' one palette: ten colours that stay apart (also as people with the common
 * colour-vision deficiencies see them), each at least 3:1 against the white chart background
 * (WCAG 1.4.11), a marker shape per group, and every chart that colours groups taking both from
 * it. The WCAG contrast and the colour differences are computed here independently of the module.
 */
import { describe, expect, it } from 'vitest';
import { ciBarChart, type CiSeries } from '../../../client/officer/charts/ci-bar-chart';
import { withMarkers } from '../../../client/officer/charts/markers';
import {
  CHART_BACKGROUND,
  contrastRatio,
  GROUP_COLOURS,
  GROUP_MARKERS,
  groupColour,
  groupMarker,
  relativeLuminance,
  SERIES_COLOURS,
} from '../../../client/officer/charts/palette';
import { quadrantScatter } from '../../../client/officer/charts/quadrant-scatter';
import { rateBarChart } from '../../../client/officer/charts/rate-bar-chart';
import { returnsByDayChart } from '../../../client/officer/charts/returns-by-day';
import { returnsByWardChart } from '../../../client/officer/charts/returns-by-ward';
import { spcChart } from '../../../client/officer/charts/spc-chart';

/** sRGB channel (0–255) to linear light, as WCAG 2.2 defines it. */
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
const channels = (hex: string): [number, number, number] => {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
};
/** WCAG 2.2 contrast ratio: (L1 + 0.05) / (L2 + 0.05), L = 0.2126 R + 0.7152 G + 0.0722 B of the linear channels. */
function wcagContrast(a: string, b: string): number {
  const lum = (h: string) => {
    const [r, g, bl] = channels(h).map(linear);
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Machado, Oliveira & Fernandes (2009) full-severity simulation matrices, on linear RGB.
const SIMULATIONS: Record<string, number[][] | null> = {
  normal: null,
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIELAB (D65) of a colour as seen with the given simulation. */
function lab(hex: string, m: number[][] | null): [number, number, number] {
  const rgb = channels(hex).map(linear);
  const [r, g, b] = m ? m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]))) : rgb;
  const X = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const Y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const Z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
}

/** The smallest CIE76 ΔE between any two colours of the palette under one simulation. */
function smallestDifference(colours: readonly string[], m: number[][] | null): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < colours.length; i++) {
    for (let j = i + 1; j < colours.length; j++) {
      const [a, b] = [lab(colours[i], m), lab(colours[j], m)];
      min = Math.min(min, Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
    }
  }
  return min;
}

describe('the group palette', () => {
  it('has ten different colours, written #rrggbb', () => {
    expect(GROUP_COLOURS).toHaveLength(10);
    for (const c of GROUP_COLOURS) expect(c).toMatch(/^#[0-9A-F]{6}$/i);
    expect(new Set(GROUP_COLOURS.map((c) => c.toLowerCase())).size).toBe(10);
  });

  it('gives every colour at least 3:1 against the chart background (WCAG 1.4.11), by the WCAG formula', () => {
    expect(CHART_BACKGROUND).toBe('#ffffff');
    for (const c of GROUP_COLOURS) expect(wcagContrast(c, CHART_BACKGROUND), c).toBeGreaterThanOrEqual(3);
  });

  it('computes the WCAG contrast ratio the module offers as the formula does', () => {
    // Black on white is 21:1 by definition; #777777 on white is the well-known 4.48:1.
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 6);
    for (const c of GROUP_COLOURS) expect(contrastRatio(c, '#ffffff')).toBeCloseTo(wcagContrast(c, '#ffffff'), 9);
  });

  it('keeps the colours apart in normal vision and the simulated colour-vision deficiencies', () => {
    // ΔE 2.3 is a just-noticeable difference; 10 is clearly different at a glance.
    expect(smallestDifference(GROUP_COLOURS, SIMULATIONS.normal)).toBeGreaterThan(25);
    expect(smallestDifference(GROUP_COLOURS, SIMULATIONS.deuteranopia)).toBeGreaterThan(12);
    expect(smallestDifference(GROUP_COLOURS, SIMULATIONS.protanopia)).toBeGreaterThan(12);
    expect(smallestDifference(GROUP_COLOURS, SIMULATIONS.tritanopia)).toBeGreaterThan(10);
  });

  it('has ten different marker shapes, and a unique colour + shape for each of 20 groups', () => {
    expect(GROUP_MARKERS).toHaveLength(10);
    expect(new Set(GROUP_MARKERS.map((m) => `${m.style}@${m.rotation}`)).size).toBe(10);
    const pairs = Array.from({ length: 20 }, (_, i) => `${groupColour(i)} ${groupMarker(i).style}@${groupMarker(i).rotation}`);
    expect(new Set(pairs).size).toBe(20);
    expect(groupColour(0)).toBe(GROUP_COLOURS[0]);
    expect(groupColour(10)).toBe(GROUP_COLOURS[0]);
    expect(groupMarker(10)).not.toEqual(groupMarker(0));
  });
});

describe('every chart that colours groups takes the palette', () => {
  const inPalette = (c: unknown) => expect(SERIES_COLOURS.map((x) => x.toLowerCase())).toContain(String(c).toLowerCase());

  it('results: ten groups get ten palette colours and ten markers, in the legend too', () => {
    const series: CiSeries[] = Array.from({ length: 10 }, (_, i) => ({
      label: `Group ${i + 1}`,
      values: [50],
      ci: [[45, 55]],
      colour: groupColour(i),
      marker: groupMarker(i),
    }));
    const config = ciBarChart(['Safe'], series);
    const ds = config.data.datasets;
    expect(new Set(ds.map((d) => d.backgroundColor)).size).toBe(10);
    for (const d of ds) inPalette(d.backgroundColor);
    expect(new Set(ds.map((d) => `${d.marker?.style}@${d.marker?.rotation}`)).size).toBe(10);
    expect(config.options?.plugins?.legend?.labels?.usePointStyle).toBe(true);
    expect(config.plugins?.map((p) => p.id)).toEqual(['ciWhiskers', 'barEndMarkers']);
  });

  it('the legend shows each dataset’s marker', () => {
    const items = withMarkers(
      [
        { text: 'A', datasetIndex: 0, pointStyle: 'circle', rotation: 0 },
        { text: 'B', datasetIndex: 1, pointStyle: 'circle', rotation: 0 },
      ],
      [{ marker: { style: 'triangle', rotation: 180 } }, {}],
    );
    expect(items.map((i) => [i.text, i.pointStyle, i.rotation])).toEqual([
      ['A', 'triangle', 180],
      ['B', 'circle', 0],
    ]);
  });

  it('returns, perception and crime charts colour their series from the palette', () => {
    const day = returnsByDayChart([{ label: '1 Oct', complete: 3, partial: 1, runningTotal: 4 }]);
    for (const d of day.data.datasets) inPalette(d.backgroundColor);
    const ward = returnsByWardChart([{ ward: 'North (fictional)', returns: 10, population: 12 }]);
    for (const d of ward.data.datasets) inPalette(d.backgroundColor);
    expect(new Set(ward.data.datasets.map((d) => d.marker?.style)).size).toBe(2);
    const rate = rateBarChart([{ ward: 'North (fictional)', rate: 5, ci: [4, 6] }], 5, 'per 1,000');
    inPalette(rate.data.datasets[0].backgroundColor);
    const scatter = quadrantScatter({ wards: [], borough: { rate: null, worry: null }, xTitle: 'x', yTitle: 'y' });
    for (const d of scatter.data.datasets) inPalette(d.borderColor === '#1b1b1b' ? d.backgroundColor : d.borderColor);
    const spc = spcChart({ months: [{ month: '2026-01', count: 3, inBaseline: true, signals: [] }], centre: 3, upperLimit: 6, lowerLimit: 0, yTitle: 'y' });
    const coloured = spc.data.datasets.map((d) => d.borderColor).filter((c) => c !== '#1b1b1b');
    expect(coloured.length).toBeGreaterThan(1);
    for (const c of coloured) inPalette(c);
  });
});
