/**
 * Chart downloads: a PNG (2×, white background, the title above and the caption below, so a chart
 * pasted into a document says what it is and whether the data are made-up) and an SVG (the same
 * Chart.js config drawn once into svgcanvas, a Canvas 2D context that records SVG).
 */
import { BasicPlatform, Chart, type ChartConfiguration } from 'chart.js';
import { Context as SvgContext } from 'svgcanvas';

export interface ChartPicture {
  title: string;
  caption?: string;
}

/** "How safe do you feel…" on 2 December 2026 → how-safe-do-you-feel-2026-12-02. */
export function downloadName(title: string, ext: 'png' | 'svg', now = new Date()): string {
  const slug =
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'chart';
  return `${slug}-${now.toISOString().slice(0, 10)}.${ext}`;
}

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The config drawn once at a fixed size: no animation, no resizing, no tooltips or events. */
function still(config: ChartConfiguration, ratio: number): ChartConfiguration {
  const options = (config.options ?? {}) as Record<string, unknown>;
  const plugins = (options.plugins ?? {}) as Record<string, unknown>;
  return {
    ...config,
    options: {
      ...options,
      animation: false,
      responsive: false,
      maintainAspectRatio: false,
      devicePixelRatio: ratio,
      events: [],
      plugins: { ...plugins, tooltip: { enabled: false } },
    },
  } as ChartConfiguration;
}

const INK = '#1b1b1b';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/** Lines of `text` that fit `width` in the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Draws `picture` (an image or canvas of width × height CSS px) framed by title and caption at 2×. */
export async function framedPng(draw: (ctx: CanvasRenderingContext2D) => void, width: number, height: number, meta: ChartPicture): Promise<Blob> {
  const scale = 2;
  const pad = 16;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `bold 16px ${FONT}`;
  const titleLines = wrap(measure, meta.title, width);
  measure.font = `13px ${FONT}`;
  const captionLines = meta.caption ? wrap(measure, meta.caption, width) : [];
  const top = pad + titleLines.length * 22 + 8;
  const total = top + height + 8 + captionLines.length * 18 + pad;
  const out = document.createElement('canvas');
  out.width = (width + 2 * pad) * scale;
  out.height = total * scale;
  const ctx = out.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width + 2 * pad, total);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'top';
  ctx.font = `bold 16px ${FONT}`;
  titleLines.forEach((l, i) => ctx.fillText(l, pad, pad + i * 22));
  ctx.save();
  ctx.translate(pad, top);
  draw(ctx);
  ctx.restore();
  ctx.fillStyle = INK;
  ctx.font = `13px ${FONT}`;
  captionLines.forEach((l, i) => ctx.fillText(l, pad, top + height + 8 + i * 18));
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
}

/** The chart redrawn at 2× on its own canvas, framed with title and caption. */
export async function chartPng(config: ChartConfiguration, width: number, height: number, meta: ChartPicture): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const chart = new Chart(canvas, { ...still(config, 2), platform: BasicPlatform } as ChartConfiguration);
  try {
    chart.resize(width, height);
    chart.draw();
    return await framedPng((ctx) => ctx.drawImage(canvas, 0, 0, width, height), width, height, meta);
  } finally {
    chart.destroy();
  }
}

/** The chart as SVG: Chart.js draws into svgcanvas, then the title and caption are added as text. */
export function chartSvg(config: ChartConfiguration, width: number, height: number, meta: ChartPicture): string {
  const ctx = new SvgContext({ width, height }) as unknown as Omit<CanvasRenderingContext2D, 'canvas'> & {
    getSerializedSvg(fix?: boolean): string;
    canvas: unknown;
  };
  // Chart.js asks the item for its canvas and the canvas for its context: a stand-in canvas of the
  // fixed size that hands back the recording context.
  const stand = { width, height, style: {} as Record<string, string>, getContext: () => ctx };
  ctx.canvas = stand;
  const chart = new Chart(ctx as unknown as CanvasRenderingContext2D, { ...still(config, 1), platform: BasicPlatform } as ChartConfiguration);
  try {
    chart.draw();
    return frameSvg(ctx.getSerializedSvg(true), width, height, meta);
  } finally {
    chart.destroy();
  }
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Wraps an SVG document in one with the title above and the caption below. */
export function frameSvg(inner: string, width: number, height: number, meta: ChartPicture): string {
  const pad = 16;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `bold 16px ${FONT}`;
  const titleLines = wrap(measure, meta.title, width);
  measure.font = `13px ${FONT}`;
  const captionLines = meta.caption ? wrap(measure, meta.caption, width) : [];
  const top = pad + titleLines.length * 22 + 8;
  const total = top + height + 8 + captionLines.length * 18 + pad;
  const w = width + 2 * pad;
  // The recorded SVG's own size attributes are replaced (an attribute twice is not XML).
  const body = inner
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\s(?:x|y|width|height)="[^"]*"/g, ''))
    .replace(/^<svg\b/, `<svg x="${pad}" y="${top}" width="${width}" height="${height}"`);
  const text = (lines: string[], y0: number, step: number, attrs: string) =>
    lines.map((l, i) => `<text x="${pad}" y="${y0 + i * step}" dominant-baseline="hanging" ${attrs}>${escapeXml(l)}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}">`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(titleLines, pad, 22, `font-family="${FONT.replace(/"/g, "'")}" font-size="16" font-weight="bold" fill="${INK}"`),
    body,
    text(captionLines, top + height + 8, 18, `font-family="${FONT.replace(/"/g, "'")}" font-size="13" fill="${INK}"`),
    '</svg>',
  ].join('');
}

/** An SVG document drawn to a canvas and framed as a PNG (for the ward maps). */
export async function svgPng(svg: string, width: number, height: number, meta: ChartPicture): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return await framedPng((ctx) => ctx.drawImage(img, 0, 0, width, height), width, height, meta);
  } finally {
    URL.revokeObjectURL(url);
  }
}
