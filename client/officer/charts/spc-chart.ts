/**
 * An XmR (statistical process control) chart of monthly recorded crime, as the API computes it
 * (NHS "Making Data Count"): the monthly counts as a line, the centre line (mean of the baseline
 * months), the upper and lower process limits dashed, the baseline months shaded, and every
 * month that is part of a signal drawn again as a large orange triangle, so signals stand out
 * without relying on colour alone. A pure function of the API's numbers.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { SERIES_COLOURS } from './palette';
import { niceStep } from './quadrant-scatter';

export interface SpcMonth {
  month: string;
  count: number;
  inBaseline: boolean;
  /** Signal kinds this month is part of (empty: none). */
  signals: string[];
}

export interface SpcInput {
  months: SpcMonth[];
  centre: number;
  upperLimit: number;
  lowerLimit: number;
  /** Axis title, e.g. "Recorded burglary per month". */
  yTitle: string;
  /** Label of a month on the axis (default: as given, YYYY-MM). */
  monthLabel?: (month: string) => string;
}

const INK = '#1b1b1b';
export const COUNT_COLOUR = SERIES_COLOURS[0];
export const SIGNAL_COLOUR = SERIES_COLOURS[1];
export const LIMIT_COLOUR = SERIES_COLOURS[6];
const BASELINE_TINT = 'rgba(0, 94, 165, 0.08)';
/** Both limits share one legend entry (the upper dataset's); the lower one is left out of the legend. */
export const PROCESS_LIMITS = 'Process limits (upper and lower, dashed)';
export const LOWER_LIMIT = 'Lower process limit';

/** The count where a month is part of a signal, else null (no point drawn). */
export function signalPoints(months: SpcMonth[]): (number | null)[] {
  return months.map((m) => (m.signals.length ? m.count : null));
}

/** First and last index of the baseline months, or null when none is marked. */
export function baselineSpan(months: SpcMonth[]): { start: number; end: number } | null {
  const start = months.findIndex((m) => m.inBaseline);
  if (start < 0) return null;
  let end = start;
  months.forEach((m, i) => {
    if (m.inBaseline) end = i;
  });
  return { start, end };
}

/**
 * The y axis: from 0 (counts are never negative; a negative lower limit is then off the chart,
 * and no month can fall below it) to a round step a little above the largest count or limit.
 */
export function spcRange(input: Pick<SpcInput, 'months' | 'upperLimit' | 'lowerLimit' | 'centre'>): { min: number; max: number } {
  const top = Math.max(input.upperLimit, input.centre, ...input.months.map((m) => m.count)) * 1.08;
  const step = niceStep(top || 1);
  return { min: 0, max: Math.ceil(top / step) * step || step };
}

/** Shades the baseline months behind the lines. */
export function baselineBand(span: { start: number; end: number } | null): Plugin<'line'> {
  return {
    id: 'spcBaseline',
    beforeDatasetsDraw(chart) {
      if (!span) return;
      const x = chart.scales.x;
      const { ctx, chartArea: area } = chart;
      const step = chart.data.labels && chart.data.labels.length > 1 ? x.getPixelForValue(1) - x.getPixelForValue(0) : area.width;
      const left = Math.max(area.left, x.getPixelForValue(span.start) - step / 2);
      const right = Math.min(area.right, x.getPixelForValue(span.end) + step / 2);
      ctx.save();
      ctx.fillStyle = BASELINE_TINT;
      ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
      ctx.restore();
    },
  };
}

export function spcChart(input: SpcInput): ChartConfiguration<'line', (number | null)[], string> {
  const label = input.monthLabel ?? ((m: string) => m);
  const flat = (v: number) => input.months.map(() => v);
  const range = spcRange(input);
  return {
    type: 'line',
    data: {
      labels: input.months.map((m) => label(m.month)),
      datasets: [
        {
          label: 'Part of a signal',
          data: signalPoints(input.months),
          showLine: false,
          pointStyle: 'triangle',
          pointRadius: 9,
          pointHoverRadius: 11,
          backgroundColor: SIGNAL_COLOUR,
          borderColor: INK,
          borderWidth: 1.5,
        },
        {
          label: 'Recorded crimes in the month',
          data: input.months.map((m) => m.count),
          borderColor: COUNT_COLOUR,
          backgroundColor: COUNT_COLOUR,
          borderWidth: 2,
          pointRadius: 3.5,
          tension: 0,
        },
        {
          label: 'Centre line (mean of the baseline)',
          data: flat(input.centre),
          borderColor: INK,
          borderWidth: 1.5,
          pointStyle: 'line',
          pointRadius: 0,
          pointHoverRadius: 0,
        },
        {
          label: PROCESS_LIMITS,
          data: flat(input.upperLimit),
          borderColor: LIMIT_COLOUR,
          borderDash: [7, 4],
          borderWidth: 2,
          pointStyle: 'line',
          pointRadius: 0,
          pointHoverRadius: 0,
        },
        {
          label: LOWER_LIMIT,
          data: flat(input.lowerLimit),
          borderColor: LIMIT_COLOUR,
          borderDash: [7, 4],
          borderWidth: 2,
          pointStyle: 'line',
          pointRadius: 0,
          pointHoverRadius: 0,
        },
      ],
    },
    plugins: [baselineBand(baselineSpan(input.months))],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { ticks: { color: INK, autoSkip: true, maxRotation: 0 } },
        y: { min: range.min, max: range.max, title: { display: true, text: input.yTitle, color: INK }, ticks: { color: INK } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: INK, usePointStyle: true, boxWidth: 10, boxHeight: 10, filter: (item) => item.text !== LOWER_LIMIT } },
        tooltip: {
          filter: (item) => item.datasetIndex !== 0,
          callbacks: {
            label: (item) => {
              const name = item.datasetIndex === 3 ? 'Upper process limit' : item.dataset.label;
              const y = item.parsed.y;
              return `${name}: ${typeof y === 'number' ? (item.datasetIndex === 1 ? y : y.toFixed(1)) : ''}`;
            },
          },
        },
      },
    },
  };
}
