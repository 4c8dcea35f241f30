/**
 * Perception vs reality as a scatter of wards: across, the recorded crime rate per 1,000
 * residents; up, the weighted % worried (or feeling unsafe). The borough's two values are drawn as
 * lines that split the chart into four quadrants (high/low worry × high/low crime), with the
 * quadrant names in the corners. Wards marked as clear (both differences from the rest of the
 * borough statistically clear) are drawn as larger diamonds in another colour and named beside
 * their point; wards whose worry figure is suppressed have no point (the page lists them).
 *
 * A pure function of the data; the plugin that draws the lines and names is made per chart.
 */
import type { ChartConfiguration, Plugin } from 'chart.js';
import { SERIES_COLOURS } from './palette';

export interface QuadrantWard {
  ward: string;
  /** Recorded crimes per 1,000 residents (null: no population figure). */
  rate: number | null;
  /** Weighted proportion 0–1 (null: suppressed). */
  worry: number | null;
  marked: boolean;
}

export interface QuadrantInput {
  wards: QuadrantWard[];
  borough: { rate: number | null; worry: number | null };
  /** Axis titles, e.g. "Recorded burglary per 1,000 residents", "% worried about burglary". */
  xTitle: string;
  yTitle: string;
}

export interface WardPoint {
  x: number;
  /** percent */
  y: number;
  ward: string;
}

export interface QuadrantPoints {
  plain: WardPoint[];
  marked: WardPoint[];
  /** Wards with no point, and why. */
  leftOut: { ward: string; reason: 'suppressed' | 'no rate' }[];
}

/** Splits wards into ordinary points, marked points (y in percent) and wards left out. */
export function quadrantPoints(wards: QuadrantWard[]): QuadrantPoints {
  const out: QuadrantPoints = { plain: [], marked: [], leftOut: [] };
  for (const w of wards) {
    if (w.worry === null) out.leftOut.push({ ward: w.ward, reason: 'suppressed' });
    else if (w.rate === null) out.leftOut.push({ ward: w.ward, reason: 'no rate' });
    else (w.marked ? out.marked : out.plain).push({ x: w.rate, y: w.worry * 100, ward: w.ward });
  }
  return out;
}

/** Where the quadrant lines go: x at the borough rate, y at the borough % (null: not drawn). */
export function quadrantLines(borough: QuadrantInput['borough']): { x: number | null; y: number | null } {
  return { x: borough.rate, y: borough.worry === null ? null : borough.worry * 100 };
}

/** A step of 1, 2 or 5 × 10ⁿ giving about `ticks` intervals over `span`. */
export function niceStep(span: number, ticks = 5): number {
  if (!(span > 0)) return 1;
  const raw = span / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/**
 * Axis limits holding every point and the borough line with some room, on round steps:
 * rates from 0; percentages within 0–100.
 */
export function axisRanges(points: WardPoint[], lines: { x: number | null; y: number | null }) {
  const xs = [...points.map((p) => p.x), ...(lines.x === null ? [] : [lines.x])];
  const ys = [...points.map((p) => p.y), ...(lines.y === null ? [] : [lines.y])];
  const xMaxRaw = Math.max(0, ...xs);
  const xStep = niceStep(xMaxRaw || 1);
  const xMax = Math.ceil((xMaxRaw * 1.08) / xStep) * xStep || xStep;
  const yLow = ys.length ? Math.min(...ys) : 0;
  const yHigh = ys.length ? Math.max(...ys) : 100;
  const yMin = Math.max(0, Math.floor((yLow - 5) / 10) * 10);
  const yMax = Math.min(100, Math.ceil((yHigh + 5) / 10) * 10);
  return { x: { min: 0, max: xMax }, y: { min: yMin, max: Math.max(yMax, yMin + 10) } };
}

/** Quadrant names for the corners, as the ward table writes them. */
export const CORNERS = {
  topLeft: 'high worry, low crime',
  topRight: 'high worry, high crime',
  bottomLeft: 'low worry, low crime',
  bottomRight: 'low worry, high crime',
} as const;

const INK = '#1b1b1b';
const MUTED = '#4a4a4a';
export const PLAIN_COLOUR = SERIES_COLOURS[0];
export const MARKED_COLOUR = SERIES_COLOURS[1];

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const LABEL_HEIGHT = 16;
const LABEL_GAP = 10;
const CORNER_PAD = 6;

const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/**
 * Where a ward's name goes: to the right of its point (or the left near the right edge), moved
 * up or down a line at a time until it no longer covers a name already placed, inside the chart.
 */
export function placeLabel(
  point: { x: number; y: number },
  width: number,
  height: number,
  area: { left: number; right: number; top: number; bottom: number },
  placed: Box[],
): Box {
  const left = point.x + LABEL_GAP + width <= area.right ? point.x + LABEL_GAP : point.x - LABEL_GAP - width;
  const clampTop = (t: number) => Math.min(Math.max(t, area.top), area.bottom - height);
  const offsets = [0, 1, -1, 2, -2, 3, -3, 4, -4];
  let first: Box | null = null;
  for (const k of offsets) {
    const box = { left: Math.max(area.left, left), top: clampTop(point.y - height / 2 + k * height), width, height };
    first ??= box;
    if (!placed.some((p) => overlaps(p, box))) return box;
  }
  return first!;
}

/** Draws the borough lines, the quadrant names and the names of the marked wards. */
export function quadrantGuides(lines: { x: number | null; y: number | null }, markedDataset: number): Plugin<'scatter'> {
  return {
    id: 'quadrantGuides',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      const x = chart.scales.x;
      const y = chart.scales.y;
      ctx.save();
      ctx.strokeStyle = INK;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      if (lines.x !== null) {
        const px = x.getPixelForValue(lines.x);
        ctx.moveTo(px, area.top);
        ctx.lineTo(px, area.bottom);
      }
      if (lines.y !== null) {
        const py = y.getPixelForValue(lines.y);
        ctx.moveTo(area.left, py);
        ctx.lineTo(area.right, py);
      }
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = MUTED;
      ctx.font = `italic 13px ${chart.options.font?.family ?? 'sans-serif'}`;
      const pad = CORNER_PAD;
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText(CORNERS.topLeft, area.left + pad, area.top + pad);
      ctx.textAlign = 'right';
      ctx.fillText(CORNERS.topRight, area.right - pad, area.top + pad);
      ctx.textBaseline = 'bottom';
      ctx.textAlign = 'left';
      ctx.fillText(CORNERS.bottomLeft, area.left + pad, area.bottom - pad);
      ctx.textAlign = 'right';
      ctx.fillText(CORNERS.bottomRight, area.right - pad, area.bottom - pad);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(markedDataset);
      if (!meta || meta.hidden) return;
      const { ctx, chartArea: area } = chart;
      const points = chart.data.datasets[markedDataset].data as WardPoint[];
      const family = chart.options.font?.family ?? 'sans-serif';
      ctx.save();
      // The quadrant names in the corners are not to be covered either.
      ctx.font = `italic 13px ${family}`;
      const corner = (text: string) => ctx.measureText(text).width + CORNER_PAD;
      const placed: Box[] = [
        { left: area.left, top: area.top, width: corner(CORNERS.topLeft), height: LABEL_HEIGHT + CORNER_PAD },
        { left: area.right - corner(CORNERS.topRight), top: area.top, width: corner(CORNERS.topRight), height: LABEL_HEIGHT + CORNER_PAD },
        { left: area.left, top: area.bottom - LABEL_HEIGHT - CORNER_PAD, width: corner(CORNERS.bottomLeft), height: LABEL_HEIGHT + CORNER_PAD },
        {
          left: area.right - corner(CORNERS.bottomRight),
          top: area.bottom - LABEL_HEIGHT - CORNER_PAD,
          width: corner(CORNERS.bottomRight),
          height: LABEL_HEIGHT + CORNER_PAD,
        },
      ];
      ctx.font = `600 13px ${family}`;
      ctx.textBaseline = 'middle';
      ctx.fillStyle = INK;
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 3;
      ctx.lineJoin = 'round';
      meta.data.forEach((el, i) => {
        const name = points[i]?.ward;
        if (!name) return;
        const box = placeLabel({ x: el.x, y: el.y }, ctx.measureText(name).width, LABEL_HEIGHT, area, placed);
        placed.push(box);
        ctx.textAlign = 'left';
        // A white halo keeps the name readable over other points and the lines.
        ctx.strokeText(name, box.left, box.top + box.height / 2);
        ctx.fillText(name, box.left, box.top + box.height / 2);
      });
      ctx.restore();
    },
  };
}

export function quadrantScatter(input: QuadrantInput): ChartConfiguration<'scatter', WardPoint[]> {
  const points = quadrantPoints(input.wards);
  const lines = quadrantLines(input.borough);
  const range = axisRanges([...points.plain, ...points.marked], lines);
  const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'Ward',
          data: points.plain,
          // The plain wards are see-through so overlapping points show; the outline carries the colour.
          backgroundColor: `${PLAIN_COLOUR}59`,
          borderColor: PLAIN_COLOUR,
          borderWidth: 1.5,
          pointStyle: 'circle',
          pointRadius: 5,
          pointHoverRadius: 7,
        },
        {
          label: 'Ward marked: both differences from the rest of the borough are clear',
          data: points.marked,
          backgroundColor: MARKED_COLOUR,
          borderColor: INK,
          borderWidth: 1.5,
          pointStyle: 'rectRot',
          pointRadius: 8,
          pointHoverRadius: 10,
        },
      ],
    },
    plugins: [quadrantGuides(lines, 1)],
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { type: 'linear', min: range.x.min, max: range.x.max, title: { display: true, text: input.xTitle, color: INK }, ticks: { color: INK } },
        y: {
          type: 'linear',
          min: range.y.min,
          max: range.y.max,
          title: { display: true, text: input.yTitle, color: INK },
          ticks: { color: INK, callback: (v) => `${v}%` },
        },
      },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { color: INK, usePointStyle: true, boxWidth: 10, boxHeight: 10 } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const p = item.raw as WardPoint;
              return `${p.ward}: ${p.y.toFixed(1)}%, ${fmt(p.x)} per 1,000`;
            },
          },
        },
      },
    },
  };
}
