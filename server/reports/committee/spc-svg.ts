/**
 * An XmR (SPC) chart of monthly recorded crime as self-contained SVG for the committee report: the
 * monthly counts joined by a line, the centre line (mean) and the upper and lower process limits
 * (dashed), months with a signal drawn as larger dark squares (a cue beyond colour). The <desc>
 * says every value in words.
 */
import { escapeHtml as esc } from '../../formats/html.js';
import { monthLabel } from '../../formats/dates.js';
import type { CrimeSpcReport } from '../../crime/spc-report.js';

const W = 680;
const H = 240;
const PAD = { left: 48, right: 16, top: 12, bottom: 36 };

export function spcChartSvg(id: string, title: string, s: CrimeSpcReport): { svg: string; desc: string } {
  const counts = s.months.map((m) => m.count);
  const top = Math.max(s.upperLimit, ...counts) * 1.1 || 1;
  const bottom = Math.max(0, Math.min(s.lowerLimit, ...counts) * 0.9);
  const x = (i: number) => PAD.left + (s.months.length < 2 ? 0 : (i * (W - PAD.left - PAD.right)) / (s.months.length - 1));
  const y = (v: number) => PAD.top + ((top - v) * (H - PAD.top - PAD.bottom)) / (top - bottom || 1);
  const line = (v: number, dash: string, label: string) =>
    `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#444" stroke-width="1" ${dash}/><text x="${W - PAD.right}" y="${(y(v) - 3).toFixed(1)}" font-size="10" text-anchor="end" fill="#222">${esc(label)}</text>`;
  const points = s.months.map((m, i) => `${x(i).toFixed(1)},${y(m.count).toFixed(1)}`).join(' ');
  const marks = s.months
    .map((m, i) =>
      m.signals.length
        ? `<rect x="${(x(i) - 4).toFixed(1)}" y="${(y(m.count) - 4).toFixed(1)}" width="8" height="8" fill="#8a3b00"/>`
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(m.count).toFixed(1)}" r="2.5" fill="#1f5f99"/>`,
    )
    .join('');
  const every = Math.max(1, Math.ceil(s.months.length / 8));
  const ticks = s.months
    .map((m, i) => {
      if (i % every !== 0 && i !== s.months.length - 1) return '';
      // The end labels keep inside the chart.
      const anchor = i === 0 ? 'start' : i === s.months.length - 1 ? 'end' : 'middle';
      return `<text x="${x(i).toFixed(1)}" y="${H - PAD.bottom + 16}" font-size="10" text-anchor="${anchor}" fill="#222">${esc(monthLabel(m.month))}</text>`;
    })
    .join('');
  const signalWords = s.signals.length
    ? ` Signals: ${s.signals.map((g) => g.description).join(' ')}`
    : ' No month shows a signal: the changes are within common-cause variation.';
  const desc = `Monthly recorded ${s.crimeType.toLowerCase()} from ${monthLabel(s.months[0].month)} to ${monthLabel(s.months.at(-1)!.month)}: ${s.months
    .map((m) => `${monthLabel(m.month)} ${m.count}`)
    .join(', ')}. Mean ${s.centre.toFixed(1)} a month; process limits ${s.lowerLimit.toFixed(1)} to ${s.upperLimit.toFixed(1)}.${signalWords}`;
  const svg =
    `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="system-ui, Arial, sans-serif">` +
    `<title id="${id}-title">${esc(title)}</title><desc id="${id}-desc">${esc(desc)}</desc>` +
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#fff"/>` +
    line(s.upperLimit, 'stroke-dasharray="5 3"', `upper limit ${s.upperLimit.toFixed(0)}`) +
    line(s.centre, '', `mean ${s.centre.toFixed(0)}`) +
    line(s.lowerLimit, 'stroke-dasharray="5 3"', `lower limit ${s.lowerLimit.toFixed(0)}`) +
    `<polyline points="${points}" fill="none" stroke="#1f5f99" stroke-width="1.5"/>${marks}${ticks}` +
    `<text x="4" y="${PAD.top + 8}" font-size="10" fill="#222">crimes</text></svg>`;
  return { svg, desc };
}
