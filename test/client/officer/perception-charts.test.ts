/**
 * The officer pages' chart builders: the perception quadrant scatter, the SPC (XmR) chart and the
 * ward rate bars. Pure functions of the numbers; the figures here are made up for the tests.
 */
import { describe, expect, it } from 'vitest';
import {
  axisRanges,
  CORNERS,
  placeLabel,
  MARKED_COLOUR,
  niceStep,
  quadrantLines,
  quadrantPoints,
  quadrantScatter,
  type QuadrantWard,
} from '../../../client/officer/charts/quadrant-scatter';
import { rateAxisMax, rateBarChart } from '../../../client/officer/charts/rate-bar-chart';
import {
  baselineSpan,
  LOWER_LIMIT,
  PROCESS_LIMITS,
  SIGNAL_COLOUR,
  signalPoints,
  spcChart,
  spcRange,
  type SpcMonth,
} from '../../../client/officer/charts/spc-chart';

// Made-up wards (fictional names) for the tests.
const WARDS: QuadrantWard[] = [
  { ward: 'North (fictional)', rate: 12.5, worry: 0.62, marked: true },
  { ward: 'South (fictional)', rate: 3.1, worry: 0.41, marked: false },
  { ward: 'East (fictional)', rate: 8, worry: null, marked: false },
  { ward: 'West (fictional)', rate: null, worry: 0.5, marked: false },
  { ward: 'Centre (fictional)', rate: 0.4, worry: 0.2, marked: true },
];

describe('quadrant scatter', () => {
  it('puts marked wards in their own set, in percent, and leaves out suppressed wards and wards without a rate', () => {
    const p = quadrantPoints(WARDS);
    expect(p.marked).toEqual([
      { x: 12.5, y: 62, ward: 'North (fictional)' },
      { x: 0.4, y: 20, ward: 'Centre (fictional)' },
    ]);
    expect(p.plain).toEqual([{ x: 3.1, y: 41, ward: 'South (fictional)' }]);
    expect(p.leftOut).toEqual([
      { ward: 'East (fictional)', reason: 'suppressed' },
      { ward: 'West (fictional)', reason: 'no rate' },
    ]);
  });

  it('draws the quadrant lines at the borough rate and the borough % (none when unknown)', () => {
    expect(quadrantLines({ rate: 9.17, worry: 0.558 })).toEqual({ x: 9.17, y: expect.closeTo(55.8, 10) });
    expect(quadrantLines({ rate: null, worry: null })).toEqual({ x: null, y: null });
  });

  it('keeps every point and both lines inside the axes, on round steps', () => {
    const points = [...quadrantPoints(WARDS).plain, ...quadrantPoints(WARDS).marked];
    const r = axisRanges(points, { x: 30, y: 95 });
    expect(r.x.min).toBe(0);
    expect(r.x.max).toBeGreaterThanOrEqual(30);
    expect(r.x.max % niceStep(30)).toBe(0);
    expect(r.y.min).toBeLessThanOrEqual(20);
    expect(r.y.max).toBe(100);
    for (const p of points) {
      expect(p.x).toBeLessThanOrEqual(r.x.max);
      expect(p.y).toBeGreaterThanOrEqual(r.y.min);
    }
    // Percentages stay within 0–100 whatever the padding.
    const low = axisRanges([{ x: 1, y: 2, ward: 'a' }], { x: 1, y: 3 });
    expect(low.y.min).toBe(0);
    expect(niceStep(0.7)).toBe(0.2);
    expect(niceStep(47)).toBe(10);
  });

  it('places a ward name beside its point, on the other side near the edge, and off names already placed', () => {
    const area = { left: 50, right: 550, top: 10, bottom: 410 };
    const a = placeLabel({ x: 100, y: 200 }, 80, 16, area, []);
    expect(a).toEqual({ left: 110, top: 192, width: 80, height: 16 });
    // Near the right edge the name goes to the left of the point.
    expect(placeLabel({ x: 500, y: 200 }, 80, 16, area, []).left).toBe(410);
    // A second point close by: its name moves a line down rather than covering the first.
    const b = placeLabel({ x: 104, y: 203 }, 80, 16, area, [a]);
    expect(b.top).toBe(195 + 16);
    // Never outside the chart area.
    expect(placeLabel({ x: 100, y: 12 }, 80, 16, area, []).top).toBe(10);
  });

  it('builds two datasets, the marked one drawn distinctly, and a plugin for lines and names', () => {
    const c = quadrantScatter({ wards: WARDS, borough: { rate: 9.17, worry: 0.5 }, xTitle: 'Recorded burglary per 1,000 residents', yTitle: '% worried' });
    expect(c.type).toBe('scatter');
    const [plain, marked] = c.data.datasets;
    expect(plain.data.map((p) => p.ward)).toEqual(['South (fictional)']);
    expect(marked.data.map((p) => p.ward)).toEqual(['North (fictional)', 'Centre (fictional)']);
    expect(marked.pointStyle).not.toBe(plain.pointStyle);
    expect(marked.backgroundColor).toBe(MARKED_COLOUR);
    expect(Number(marked.pointRadius)).toBeGreaterThan(Number(plain.pointRadius));
    expect(c.plugins?.map((p) => p.id)).toEqual(['quadrantGuides']);
    const scales = c.options!.scales as Record<string, { min: number; max: number; title: { text: string } }>;
    expect(scales.x.title.text).toBe('Recorded burglary per 1,000 residents');
    expect(scales.y.min).toBeLessThanOrEqual(50);
    expect(scales.y.max).toBeGreaterThanOrEqual(50);
    expect(Object.values(CORNERS)).toEqual(['high worry, low crime', 'high worry, high crime', 'low worry, low crime', 'low worry, high crime']);
  });
});

// Made-up monthly counts: a stable start, then a jump (as an SPC chart would flag).
const MONTHS: SpcMonth[] = [
  { month: '2019-01', count: 10, inBaseline: true, signals: [] },
  { month: '2019-02', count: 12, inBaseline: true, signals: [] },
  { month: '2019-03', count: 11, inBaseline: true, signals: [] },
  { month: '2019-04', count: 30, inBaseline: false, signals: ['outside-limits'] },
  { month: '2019-05', count: 31, inBaseline: false, signals: ['outside-limits', 'two-of-three'] },
  { month: '2019-06', count: 12, inBaseline: false, signals: [] },
];

describe('SPC chart', () => {
  it('highlights exactly the months that are part of a signal', () => {
    expect(signalPoints(MONTHS)).toEqual([null, null, null, 30, 31, null]);
  });

  it('finds the baseline span, and none when no month is in it', () => {
    expect(baselineSpan(MONTHS)).toEqual({ start: 0, end: 2 });
    expect(baselineSpan(MONTHS.map((m) => ({ ...m, inBaseline: false })))).toBeNull();
  });

  it('starts the axis at 0 and leaves room above the highest count or limit', () => {
    // highest count 31 → 33.5 with room → steps of 10 → 40
    expect(spcRange({ months: MONTHS, centre: 11, upperLimit: 16.3, lowerLimit: -2 })).toEqual({ min: 0, max: 40 });
    // the upper limit above every count: 40 → 43.2 → 50
    expect(spcRange({ months: MONTHS.slice(0, 3), centre: 11, upperLimit: 40, lowerLimit: 2 })).toEqual({ min: 0, max: 50 });
    // months of 212 (the e2e burglary jump) → 229 → steps of 50 → 250
    expect(spcRange({ months: [{ month: '2019-07', count: 212, inBaseline: false, signals: [] }], centre: 99, upperLimit: 122.9, lowerLimit: 75.1 }).max).toBe(
      250,
    );
  });

  it('draws counts, centre line and both limits with the API values, and signals as larger triangles', () => {
    const c = spcChart({
      months: MONTHS,
      centre: 11,
      upperLimit: 16.32,
      lowerLimit: 5.68,
      yTitle: 'Recorded burglary per month',
      monthLabel: (m) => `label ${m}`,
    });
    expect(c.data.labels).toEqual(MONTHS.map((m) => `label ${m.month}`));
    const byLabel = Object.fromEntries(c.data.datasets.map((d) => [d.label, d]));
    expect(byLabel['Recorded crimes in the month'].data).toEqual([10, 12, 11, 30, 31, 12]);
    expect(byLabel['Centre line (mean of the baseline)'].data).toEqual(Array(6).fill(11));
    expect(byLabel[PROCESS_LIMITS].data).toEqual(Array(6).fill(16.32));
    expect(byLabel[LOWER_LIMIT].data).toEqual(Array(6).fill(5.68));
    // One legend entry for both limits.
    const filter = (c.options!.plugins!.legend!.labels as { filter: (item: { text: string }) => boolean }).filter;
    expect(c.data.datasets.filter((d) => filter({ text: d.label! })).map((d) => d.label)).toEqual([
      'Part of a signal',
      'Recorded crimes in the month',
      'Centre line (mean of the baseline)',
      PROCESS_LIMITS,
    ]);
    const signal = byLabel['Part of a signal'];
    expect(signal.data).toEqual([null, null, null, 30, 31, null]);
    expect(signal.pointStyle).toBe('triangle');
    expect(signal.backgroundColor).toBe(SIGNAL_COLOUR);
    expect(Number(signal.pointRadius)).toBeGreaterThan(Number(byLabel['Recorded crimes in the month'].pointRadius));
    expect(c.plugins?.map((p) => p.id)).toEqual(['spcBaseline']);
  });
});

describe('rate bars', () => {
  it('gives each ward its rate and interval, no bar without a rate, and room for the largest upper limit and the borough line', () => {
    const bars = [
      { ward: 'North (fictional)', rate: 13.5, ci: [9.9, 18.04] as [number, number] },
      { ward: 'West (fictional)', rate: null, ci: null },
    ];
    const c = rateBarChart(bars, 9.2, 'per 1,000');
    expect(c.data.labels).toEqual(['North (fictional)', 'West (fictional)']);
    expect(c.data.datasets[0].data).toEqual([13.5, null]);
    expect((c.data.datasets[0] as unknown as { ci: unknown }).ci).toEqual([[9.9, 18.04], null]);
    expect(c.plugins?.map((p) => p.id)).toEqual(['ciWhiskers', 'boroughRate']);
    expect(rateAxisMax(bars, 9.2)).toBeGreaterThanOrEqual(18.04);
    expect(rateAxisMax([], 30)).toBeGreaterThanOrEqual(30);
    expect(rateAxisMax([], null)).toBeGreaterThan(0);
  });
});
