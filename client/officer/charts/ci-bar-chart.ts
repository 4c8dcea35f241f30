/**
 * Horizontal bars of weighted percentages with 95% confidence-interval whiskers: a Chart.js bar
 * config plus a small plugin that draws, for each bar, a line from the lower to the upper limit
 * with end caps. The limits travel with each dataset as `ci` (percent, [low, high] or null).
 */
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';
import { barEndMarkers, markerLegend, type WithMarker } from './markers';
import { CHART_BACKGROUND, type Marker } from './palette';

export interface CiSeries {
  label: string;
  /** Percent per category (null: suppressed, no bar). */
  values: (number | null)[];
  ci: ([number, number] | null)[];
  colour: string;
  /** The group's shape, drawn at the bar's end and in the legend (the cue beside colour). */
  marker?: Marker;
}

type CiDataset = ChartDataset<'bar', (number | null)[]> & { ci: ([number, number] | null)[] } & WithMarker;

const capHalfHeight = 4;
const whiskerColour = '#1b1b1b';

/** Draws each dataset's `ci` as whiskers over its bars (horizontal bars: x is the value axis). */
export const ciWhiskers: Plugin<'bar'> = {
  id: 'ciWhiskers',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const x = chart.scales.x;
    ctx.save();
    chart.data.datasets.forEach((dataset, di) => {
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      (dataset as CiDataset).ci?.forEach((limits, i) => {
        const bar = meta.data[i];
        if (!limits || !bar) return;
        const y = bar.y;
        const [from, to] = [x.getPixelForValue(limits[0]), x.getPixelForValue(limits[1])];
        ctx.beginPath();
        ctx.moveTo(from, y);
        ctx.lineTo(to, y);
        for (const end of [from, to]) {
          ctx.moveTo(end, y - capHalfHeight);
          ctx.lineTo(end, y + capHalfHeight);
        }
        // A pale halo under the dark line keeps the whisker visible over dark bars.
        ctx.strokeStyle = CHART_BACKGROUND;
        ctx.lineWidth = 3.5;
        ctx.stroke();
        ctx.strokeStyle = whiskerColour;
        ctx.lineWidth = 1.5;
        ctx.stroke();
      });
    });
    ctx.restore();
  },
};

/** A horizontal bar chart of percentages (0–100) with CI whiskers, one dataset per series. */
export function ciBarChart(categories: string[], series: CiSeries[]): ChartConfiguration<'bar', (number | null)[], string> {
  const datasets: CiDataset[] = series.map((s) => ({
    label: s.label,
    data: s.values,
    ci: s.ci,
    backgroundColor: s.colour,
    borderColor: s.colour,
    marker: s.marker,
    barPercentage: 0.85,
    categoryPercentage: 0.85,
  }));
  const upper = Math.max(0, ...series.flatMap((s) => s.ci.map((c) => c?.[1] ?? 0)), ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  return {
    type: 'bar',
    data: { labels: categories, datasets },
    plugins: [ciWhiskers, barEndMarkers],
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          min: 0,
          // A little room past the largest upper limit, in steps of 10 points, never past 100.
          max: Math.min(100, Math.ceil((upper + 5) / 10) * 10),
          title: { display: true, text: 'Weighted % (bars) with 95% confidence interval (whiskers)', color: '#1b1b1b' },
          ticks: { callback: (v) => `${v}%`, color: '#1b1b1b' },
        },
        y: { ticks: { color: '#1b1b1b' } },
      },
      plugins: {
        legend: { ...markerLegend, display: series.length > 1 },
        tooltip: {
          callbacks: {
            label: (item) => {
              const ci = (item.dataset as CiDataset).ci[item.dataIndex];
              const v = item.parsed.x;
              return `${item.dataset.label}: ${v?.toFixed(1)}%${ci ? ` (95% CI ${ci[0].toFixed(1)}–${ci[1].toFixed(1)}%)` : ''}`;
            },
          },
        },
      },
    },
  };
}
