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

/** Where the title, the picture and the caption go in a download (CSS px): one layout for the PNG and the SVG. */
export interface FrameLayout {
  pad: number;
  titleLines: string[];
  captionLines: string[];
  /** The picture's top edge. */
  top: number;
  /** The first caption line's top edge. */
  captionTop: number;
  /** The whole frame. */
  width: number;
  height: number;
}

const TITLE_FONT = `bold 16px ${FONT}`;
const CAPTION_FONT = `13px ${FONT}`;
const TITLE_STEP = 22;
const CAPTION_STEP = 18;

/** The frame round a picture of width × height: the title wrapped above, the caption wrapped below, 16 px padding. */
export function frameLayout(width: number, height: number, meta: ChartPicture): FrameLayout {
  const pad = 16;
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = TITLE_FONT;
  const titleLines = wrap(measure, meta.title, width);
  measure.font = CAPTION_FONT;
  const captionLines = meta.caption ? wrap(measure, meta.caption, width) : [];
  const top = pad + titleLines.length * TITLE_STEP + 8;
  const captionTop = top + height + 8;
  return { pad, titleLines, captionLines, top, captionTop, width: width + 2 * pad, height: captionTop + captionLines.length * CAPTION_STEP + pad };
}

/** Lines of `text` that fit `width` in `font` (e.g. a map's legend in its SVG). */
export function wrapText(text: string, width: number, font = CAPTION_FONT): string[] {
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = font;
  return wrap(measure, text, width);
}

/** Draws a picture of width × height CSS px (by `draw`) framed by title and caption, at 2× on white. */
export async function framedPng(draw: (ctx: CanvasRenderingContext2D) => void, width: number, height: number, meta: ChartPicture): Promise<Blob> {
  const scale = 2;
  const f = frameLayout(width, height, meta);
  const out = document.createElement('canvas');
  out.width = f.width * scale;
  out.height = f.height * scale;
  const ctx = out.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, f.width, f.height);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'top';
  ctx.font = TITLE_FONT;
  f.titleLines.forEach((l, i) => ctx.fillText(l, f.pad, f.pad + i * TITLE_STEP));
  ctx.save();
  ctx.translate(f.pad, f.top);
  draw(ctx);
  ctx.restore();
  ctx.fillStyle = INK;
  ctx.font = CAPTION_FONT;
  f.captionLines.forEach((l, i) => ctx.fillText(l, f.pad, f.captionTop + i * CAPTION_STEP));
  return pngBlob(out);
}

function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
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

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Wraps an SVG document (width × height) in one with the title above and the caption below, laid out by frameLayout. */
export function frameSvg(inner: string, width: number, height: number, meta: ChartPicture): string {
  const f = frameLayout(width, height, meta);
  // The recorded SVG's own size attributes are replaced (an attribute twice is not XML).
  const body = inner
    .replace(/^<\?xml[^>]*>\s*/, '')
    .replace(/^<svg\b[^>]*>/, (tag) => tag.replace(/\s(?:x|y|width|height)="[^"]*"/g, ''))
    .replace(/^<svg\b/, `<svg x="${f.pad}" y="${f.top}" width="${width}" height="${height}"`);
  const font = `font-family="${FONT.replace(/"/g, "'")}"`;
  const text = (lines: string[], y0: number, step: number, attrs: string) =>
    lines.map((l, i) => `<text x="${f.pad}" y="${y0 + i * step}" dominant-baseline="hanging" ${attrs}>${escapeXml(l)}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}">`,
    `<title>${escapeXml(meta.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    text(f.titleLines, f.pad, TITLE_STEP, `${font} font-size="16" font-weight="bold" fill="${INK}"`),
    body,
    text(f.captionLines, f.captionTop, CAPTION_STEP, `${font} font-size="13" fill="${INK}"`),
    '</svg>',
  ].join('');
}

/** A whole SVG document of width × height CSS px drawn into a canvas at 2× on white (the ward maps' PNG). */
export async function svgPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const out = document.createElement('canvas');
    out.width = width * 2;
    out.height = height * 2;
    const ctx = out.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(img, 0, 0, out.width, out.height);
    return await pngBlob(out);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A download's caption: the source, then what is made up (synthetic replies, illustrative figures) said plainly. */
export function figureCaption(source: string, madeUp: readonly (string | null | undefined)[]): string {
  const notices = madeUp.filter((n): n is string => !!n);
  return notices.length ? `${source} Made-up demo data: ${notices.join(' ')}` : source;
}
