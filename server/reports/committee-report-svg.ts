/**
 * Inline SVG charts for the committee report: horizontal bars (weighted %) with 95% CI whiskers,
 * one bar per row. Self-contained (no fonts, scripts or links), so a printed or PDF copy renders
 * the same everywhere. Each chart is role="img" with a <title> and a <desc> that says every value
 * in words, for screen readers; suppressed rows get no bar and say "suppressed" with the reason.
 *
 *   barChartSvg({ id: 'c1', title: 'Feel safe', rows: [{ label: 'At home', estimate: 0.84, ci: [0.82, 0.86] }] })
 */
import { escapeHtml } from '../formats/html.js';

export interface BarRow {
  label: string;
  estimate: number | null;
  ci: [number, number] | null;
  suppressed?: boolean;
  reason?: string;
}

export interface BarChart {
  /** Unique within the document: used for the title/desc ids. */
  id: string;
  title: string;
  /** Extra sentence for the description (e.g. the base). */
  note?: string;
  rows: BarRow[];
}

export const pct = (p: number | null | undefined, digits = 0) => (p === null || p === undefined || !Number.isFinite(p) ? '' : `${(p * 100).toFixed(digits)}%`);

const WIDTH = 680;
const LABEL_WIDTH = 270;
const VALUE_WIDTH = 60;
const ROW_HEIGHT = 26;
/** Rows whose label takes two lines (any row's, so the bars stay evenly spaced). */
const TWO_LINE_ROW_HEIGHT = 36;
/** Characters of a label line that fit in LABEL_WIDTH at 12 px. */
const LINE_CHARS = 40;
const BAR_HEIGHT = 14;
const TOP = 8;
const AXIS_HEIGHT = 22;
const GRID = [0, 0.25, 0.5, 0.75, 1];
/** Dark enough on white for WCAG AA contrast of the bar against the page. */
const BAR_COLOUR = '#1f5f99';
const WHISKER_COLOUR = '#111111';

/**
 * A label as at most two lines that fit beside the bars, broken at spaces; what does not fit is cut
 * with "…" (the full text is in the table and the <desc>).
 */
export function labelLines(label: string, max = LINE_CHARS): string[] {
  if (label.length <= max) return [label];
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  if (lines.length <= 2) return lines.map((l) => (l.length > max ? `${l.slice(0, max - 1)}…` : l));
  const second = lines.slice(1).join(' ');
  return [lines[0].length > max ? `${lines[0].slice(0, max - 1)}…` : lines[0], `${second.slice(0, max - 1).trimEnd()}…`];
}

function describe(chart: BarChart): string {
  const parts = chart.rows.map((r) =>
    r.suppressed || r.estimate === null
      ? `${r.label}: suppressed${r.reason ? ` (${r.reason})` : ''}`
      : `${r.label}: ${pct(r.estimate)}${r.ci ? ` (95% CI ${pct(r.ci[0])} to ${pct(r.ci[1])})` : ''}`,
  );
  return `${chart.note ? `${chart.note} ` : ''}${parts.join('; ')}.`;
}

export function barChartSvg(chart: BarChart): string {
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (p: number) => LABEL_WIDTH + Math.max(0, Math.min(1, p)) * plot;
  const labels = chart.rows.map((r) => labelLines(r.label));
  const rowHeight = labels.some((l) => l.length > 1) ? TWO_LINE_ROW_HEIGHT : ROW_HEIGHT;
  const height = TOP + chart.rows.length * rowHeight + AXIS_HEIGHT;
  const bottom = TOP + chart.rows.length * rowHeight;
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const out: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="12">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(chart.title)}</title>`,
    `<desc id="${escapeHtml(descId)}">${escapeHtml(describe(chart))}</desc>`,
  ];
  for (const g of GRID) {
    out.push(`<line x1="${x(g)}" y1="${TOP}" x2="${x(g)}" y2="${bottom}" stroke="#bbbbbb" stroke-width="1"/>`);
    out.push(`<text x="${x(g)}" y="${bottom + 15}" text-anchor="middle" fill="#333333">${g * 100}%</text>`);
  }
  chart.rows.forEach((r, i) => {
    const mid = TOP + i * rowHeight + rowHeight / 2;
    const lines = labels[i];
    if (lines.length === 1) out.push(`<text x="${LABEL_WIDTH - 8}" y="${mid + 4}" text-anchor="end" fill="#111111">${escapeHtml(lines[0])}</text>`);
    else {
      out.push(
        `<text x="${LABEL_WIDTH - 8}" y="${mid - 3}" text-anchor="end" fill="#111111"><tspan x="${LABEL_WIDTH - 8}">${escapeHtml(lines[0])}</tspan><tspan x="${LABEL_WIDTH - 8}" dy="14">${escapeHtml(lines[1])}</tspan></text>`,
      );
    }
    if (r.suppressed || r.estimate === null) {
      out.push(`<text x="${LABEL_WIDTH + 6}" y="${mid + 4}" fill="#333333" font-style="italic">suppressed</text>`);
      return;
    }
    out.push(
      `<rect x="${LABEL_WIDTH}" y="${mid - BAR_HEIGHT / 2}" width="${(x(r.estimate) - LABEL_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}" fill="${BAR_COLOUR}"/>`,
    );
    let valueX = x(r.estimate);
    if (r.ci) {
      const [lo, hi] = [x(r.ci[0]), x(r.ci[1])];
      valueX = hi;
      out.push(
        `<line x1="${lo.toFixed(1)}" y1="${mid}" x2="${hi.toFixed(1)}" y2="${mid}" stroke="${WHISKER_COLOUR}" stroke-width="1.5"/>`,
        `<line x1="${lo.toFixed(1)}" y1="${mid - 5}" x2="${lo.toFixed(1)}" y2="${mid + 5}" stroke="${WHISKER_COLOUR}" stroke-width="1.5"/>`,
        `<line x1="${hi.toFixed(1)}" y1="${mid - 5}" x2="${hi.toFixed(1)}" y2="${mid + 5}" stroke="${WHISKER_COLOUR}" stroke-width="1.5"/>`,
      );
    }
    out.push(`<text x="${(valueX + 6).toFixed(1)}" y="${mid + 4}" fill="#111111" font-weight="bold">${pct(r.estimate)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
