/**
 * Horizontal bars of weighted percentages with 95% confidence-interval whiskers: a Chart.js bar
 * config plus a small plugin that draws, for each bar, a line from the lower to the upper limit
 * with end caps. The limits travel with each dataset as `ci` (percent, [low, high] or null).
 */
import type { ChartConfiguration, ChartDataset, Plugin } from 'chart.js';

export interface CiSeries {
  label: string;
  /** Percent per category (null: suppressed, no bar). */
  values: (number | null)[];
  ci: ([number, number] | null)[];
  colour: string;
}

type CiDataset = ChartDataset<'bar', (number | null)[]> & { ci: ([number, number] | null)[] };

const capHalfHeight = 4;
const whiskerColour = '#1b1b1b';

/** Draws each dataset's `ci` as whiskers over its bars (horizontal bars: x is the value axis). */
export const ciWhiskers: Plugin<'bar'> = {
  id: 'ciWhiskers',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    const x = chart.scales.x;
    ctx.save();
    ctx.strokeStyle = whiskerColour;
    ctx.lineWidth = 1.5;
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
    barPercentage: 0.85,
    categoryPercentage: 0.85,
  }));
  const upper = Math.max(0, ...series.flatMap((s) => s.ci.map((c) => c?.[1] ?? 0)), ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  return {
    type: 'bar',
    data: { labels: categories, datasets },
    plugins: [ciWhiskers],
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
        legend: { display: series.length > 1, labels: { color: '#1b1b1b' } },
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

/** Colour-blind-safe series colours (Okabe–Ito), each ≥ 3:1 against white for graphics (WCAG 1.4.11). */
export const SERIES_COLOURS = ['#0072B2', '#C2510A', '#007A5E', '#A6427F', '#5A5A5A', '#8C6D00'];
