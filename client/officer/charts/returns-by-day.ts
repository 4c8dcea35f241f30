/**
 * Returns by day: complete and partial returns as stacked bars (left axis), the running total as
 * a line (right axis). A pure function of the rows, like ci-bar-chart.ts.
 */
import type { ChartConfiguration } from 'chart.js';
import { markerLegend } from './markers';
import { groupColour, groupMarker } from './palette';

export interface ReturnsDay {
  /** Axis label, e.g. "7 Sept". */
  label: string;
  complete: number;
  partial: number;
  runningTotal: number;
}

const ink = '#1b1b1b';

export function returnsByDayChart(days: readonly ReturnsDay[]): ChartConfiguration<'bar' | 'line', number[], string> {
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => d.label),
      datasets: [
        {
          type: 'bar',
          label: 'Complete returns that day',
          data: days.map((d) => d.complete),
          backgroundColor: groupColour(0),
          marker: groupMarker(1),
          stack: 'day',
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'bar',
          label: 'Partial returns that day',
          data: days.map((d) => d.partial),
          backgroundColor: groupColour(1),
          marker: groupMarker(2),
          stack: 'day',
          yAxisID: 'y',
          order: 2,
        },
        {
          type: 'line',
          label: 'Running total (right axis)',
          data: days.map((d) => d.runningTotal),
          borderColor: groupColour(2),
          backgroundColor: groupColour(2),
          marker: groupMarker(0),
          pointStyle: groupMarker(0).style,
          borderWidth: 2.5,
          pointRadius: days.length > 60 ? 0 : 2,
          yAxisID: 'total',
          order: 1,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { color: ink, autoSkip: true, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Returns that day', color: ink }, ticks: { color: ink, precision: 0 } },
        total: {
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'Running total', color: ink },
          ticks: { color: ink, precision: 0 },
        },
      },
      plugins: { legend: markerLegend },
    },
  };
}
