/**
 * Recorded crime per 1,000 residents by ward: horizontal bars with exact Poisson 95% intervals
 * as whiskers (the same plugin as the results charts) and the borough rate as a dashed line.
 * Wards without a rate (no population figure) get no bar. A pure function of the numbers.
 */
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { ciWhiskers } from './ci-bar-chart';
import { SERIES_COLOURS } from './palette';
import { niceStep } from './quadrant-scatter';

export interface RateBar {
  ward: string;
  rate: number | null;
  ci: [number, number] | null;
}

const INK = '#1b1b1b';

/** Room for the largest upper limit (or the borough line), on a round step. */
export function rateAxisMax(bars: RateBar[], borough: number | null): number {
  const top = Math.max(0, borough ?? 0, ...bars.map((b) => b.ci?.[1] ?? b.rate ?? 0));
  const step = niceStep(top || 1);
  return Math.ceil((top * 1.05) / step) * step || step;
}

/** The borough rate as a vertical dashed line across the bars. */
export function boroughLine(rate: number | null): Plugin<'bar'> {
  return {
    id: 'boroughRate',
    afterDatasetsDraw(chart) {
      if (rate === null) return;
      const { ctx, chartArea: area } = chart;
      const px = chart.scales.x.getPixelForValue(rate);
      ctx.save();
      ctx.strokeStyle = INK;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

export function rateBarChart(bars: RateBar[], borough: number | null, xTitle: string): ChartConfiguration<'bar', (number | null)[], string> {
  const dataset: ChartDataset<'bar', (number | null)[]> & { ci: ([number, number] | null)[] } = {
    label: 'Rate per 1,000 residents',
    data: bars.map((b) => b.rate),
    ci: bars.map((b) => b.ci),
    backgroundColor: SERIES_COLOURS[0],
    borderColor: SERIES_COLOURS[0],
    barPercentage: 0.8,
    categoryPercentage: 0.9,
  };
  return {
    type: 'bar',
    data: { labels: bars.map((b) => b.ward), datasets: [dataset] },
    plugins: [ciWhiskers, boroughLine(borough)],
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { min: 0, max: rateAxisMax(bars, borough), title: { display: true, text: xTitle, color: INK }, ticks: { color: INK } },
        y: { ticks: { color: INK, autoSkip: false } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const ci = bars[item.dataIndex]?.ci;
              const v = item.parsed.x;
              return `${v?.toFixed(2)} per 1,000${ci ? ` (95% CI ${ci[0].toFixed(2)}–${ci[1].toFixed(2)})` : ''}`;
            },
          },
        },
      },
    },
  };
}
