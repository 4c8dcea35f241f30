/**
 * The one Chart.js wrapper: a canvas that draws `config` and destroys the chart when the component
 * goes away (or the config changes), so no chart outlives its canvas. Registers only what is used.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { createEffect, onCleanup } from 'solid-js';
import { DownloadButtons } from './DownloadButtons';
import { chartPng, chartSvg } from './download';

// Bars (results, returns), lines (SPC, returns over time), scatter (perception quadrants).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, ScatterController, CategoryScale, LinearScale, Legend, Tooltip);
// Chart text as readable as the page's: dark ink (AA contrast), the page's font, not smaller than 13 px.
Chart.defaults.color = '#1b1b1b';
Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
Chart.defaults.font.size = 13;

export interface ChartProps<T extends ChartType> {
  config: ChartConfiguration<T>;
  /** What the chart shows, for screen readers (the table beside it holds the numbers). */
  label: string;
  height: number;
  /** The chart's title: drawn into the downloads, names their buttons and files (default: the label). */
  title?: string;
  /** Source and caveats (e.g. made-up data), drawn under the chart in the PNG and SVG. */
  caption?: string;
}

export function ChartCanvas<T extends ChartType>(props: ChartProps<T>) {
  let canvas!: HTMLCanvasElement;
  const meta = () => ({ title: props.title ?? props.label, caption: props.caption });
  // The downloads are drawn at the chart's width on screen (at least 320 px) and its fixed height.
  const width = () => Math.max(320, Math.round(canvas.getBoundingClientRect().width) || 640);
  const config = () => props.config as ChartConfiguration;
  createEffect(() => {
    const chart = new Chart(canvas, props.config as ChartConfiguration);
    onCleanup(() => chart.destroy());
  });
  // One block (chart and its downloads), so a grid of figures keeps them together.
  return (
    <div class="chart-block">
      <div class="chart" style={{ height: `${props.height}px` }}>
        <canvas ref={canvas} role="img" aria-label={props.label} />
      </div>
      <DownloadButtons
        title={meta().title}
        png={() => chartPng(config(), width(), props.height, meta())}
        svg={() => chartSvg(config(), width(), props.height, meta())}
      />
    </div>
  );
}
