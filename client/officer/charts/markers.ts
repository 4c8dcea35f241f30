/**
 * The second cue beside colour: a marker shape per group, drawn at the end of each bar and in the
 * legend, so groups can be told apart in greyscale, on a poor projector or with any colour vision.
 */
import { type Chart, type ChartType, Legend, type LegendItem, type Plugin } from 'chart.js';
import { drawPoint } from 'chart.js/helpers';
import type { Marker } from './palette';

const INK = '#1b1b1b';

/** A dataset that carries its marker (read by the plugin and the legend). */
export interface WithMarker {
  marker?: Marker;
}

// `marker` is ours: Chart.js ignores it, the plugin and the legend below read it.
declare module 'chart.js' {
  interface BarControllerDatasetOptions extends WithMarker {}
  interface LineControllerDatasetOptions extends WithMarker {}
}

/** Draws each bar dataset's `marker` at the end of its bars (the estimate), over the whiskers. */
export const barEndMarkers: Plugin<'bar'> = {
  id: 'barEndMarkers',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    chart.data.datasets.forEach((dataset, di) => {
      const marker = (dataset as WithMarker).marker;
      const meta = chart.getDatasetMeta(di);
      if (!marker || meta.hidden) return;
      ctx.fillStyle = String(dataset.backgroundColor);
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      meta.data.forEach((bar, i) => {
        const value = dataset.data[i];
        if (value === null || value === undefined) return;
        drawPoint(ctx, { pointStyle: marker.style, rotation: marker.rotation, radius: 5, borderWidth: 1.5 }, bar.x, bar.y);
      });
    });
    ctx.restore();
  },
};

/** Chart.js's own legend entries with each dataset's marker shape put in (a dataset without one keeps its entry as it was). */
export function withMarkers(items: LegendItem[], datasets: readonly WithMarker[]): LegendItem[] {
  return items.map((item) => {
    const marker = datasets[item.datasetIndex ?? -1]?.marker;
    return marker ? { ...item, pointStyle: marker.style, rotation: marker.rotation, strokeStyle: INK, lineWidth: 1.5 } : item;
  });
}

/** Legend entries that show each dataset's marker shape in its colour (instead of a plain box). */
export function markerLegendLabels<T extends ChartType>(chart: Chart<T>): LegendItem[] {
  const defaults = Legend.defaults as { labels: { generateLabels(chart: Chart): LegendItem[] } };
  return withMarkers(defaults.labels.generateLabels(chart as unknown as Chart), chart.data.datasets as WithMarker[]);
}

/** Legend options for charts whose datasets carry markers. */
export const markerLegend = {
  display: true,
  labels: { color: INK, usePointStyle: true, pointStyleWidth: 14, boxHeight: 10, generateLabels: markerLegendLabels },
} as const;
