/**
 * Returns by ward against the population: for each ward, two horizontal bars, its share of the
 * returns and its share of the population (percent). Wards are drawn in the order given (the
 * page passes the table's order, most under-represented first by default).
 */
import type { ChartConfiguration } from 'chart.js';
import { barEndMarkers, markerLegend } from './markers';
import { groupColour, groupMarker } from './palette';

export interface WardShares {
  ward: string;
  /** Percent of returns (0–100); null when the ward's count is hidden (no bar). */
  returns: number | null;
  /** Percent of the population (0–100), or null when there are no population figures. */
  population: number | null;
}

const ink = '#1b1b1b';

/** Height in pixels that gives each ward room for its two bars and label. */
export const wardChartHeight = (wards: number) => 70 + wards * 34;

export function returnsByWardChart(wards: readonly WardShares[]): ChartConfiguration<'bar', (number | null)[], string> {
  const upper = Math.max(1, ...wards.map((w) => Math.max(w.returns ?? 0, w.population ?? 0)));
  return {
    type: 'bar',
    plugins: [barEndMarkers],
    data: {
      labels: wards.map((w) => w.ward),
      datasets: [
        {
          label: 'Share of returns',
          data: wards.map((w) => w.returns),
          backgroundColor: groupColour(0),
          marker: groupMarker(0),
          barPercentage: 0.9,
          categoryPercentage: 0.85,
        },
        {
          label: 'Share of the population',
          data: wards.map((w) => w.population),
          backgroundColor: groupColour(1),
          marker: groupMarker(1),
          barPercentage: 0.9,
          categoryPercentage: 0.85,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: {
          min: 0,
          max: Math.ceil(upper + 0.5),
          title: { display: true, text: 'Percent of all returns naming a ward / of the population', color: ink },
          ticks: { callback: (v) => `${v}%`, color: ink },
        },
        y: { ticks: { color: ink, autoSkip: false } },
      },
      plugins: {
        legend: { ...markerLegend, position: 'top' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.x?.toFixed(1)}%` } },
      },
    },
  };
}
