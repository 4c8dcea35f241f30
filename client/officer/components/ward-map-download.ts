/**
 * A ward map as a file: the map's own SVG as drawn on the page (every colour written onto its
 * element, so the file looks the same without the page's style sheet), its legend drawn below it
 * as swatches and words, framed with the title and caption; the PNG is that SVG drawn at 2×.
 */
import { escapeXml, frameLayout, frameSvg, svgPng, wrapText, type ChartPicture } from '../charts/download';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
const PAINT = ['fill', 'stroke', 'stroke-width', 'fill-opacity', 'stroke-opacity', 'opacity'] as const;
const SWATCH = { width: 20, height: 14, gap: 8, step: 18 };

/** Copies the painted properties of each drawn shape of `from` onto the matching shape of `to`. */
function inlinePaint(from: SVGSVGElement, to: SVGSVGElement): void {
  const shapes = 'path, rect, line, circle';
  const source = from.querySelectorAll<SVGElement>(shapes);
  const target = to.querySelectorAll<SVGElement>(shapes);
  source.forEach((el, i) => {
    const style = getComputedStyle(el);
    target[i].setAttribute('style', PAINT.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
}

/** The legend as SVG rows under the map, from the legend on the page (its swatches and words). */
function legendSvg(figure: HTMLElement, width: number, top: number): { svg: string; height: number } {
  const rows: string[] = [];
  let y = top;
  for (const li of figure.querySelectorAll<HTMLLIElement>('.map-legend li')) {
    const swatches = [...li.querySelectorAll('svg.swatch rect')]
      .map(
        (r) =>
          `<rect x="0.5" y="${y + 0.5}" width="${SWATCH.width - 1}" height="${SWATCH.height - 1}" fill="${r.getAttribute('fill')}" stroke="${r.getAttribute('stroke') ?? 'none'}"/>`,
      )
      .join('');
    const lines = wrapText((li.textContent ?? '').replace(/\s+/g, ' ').trim(), width - SWATCH.width - SWATCH.gap);
    const words = lines
      .map((l, i) => `<text x="${SWATCH.width + SWATCH.gap}" y="${y + i * SWATCH.step}" dominant-baseline="hanging" font-size="13">${escapeXml(l)}</text>`)
      .join('');
    rows.push(swatches + words);
    y += Math.max(1, lines.length) * SWATCH.step + 4;
  }
  return { svg: `<g font-family="${FONT.replace(/"/g, "'")}" fill="#1b1b1b">${rows.join('')}</g>`, height: y - top };
}

export interface MapFile {
  svg: string;
  /** The whole frame (CSS px). */
  width: number;
  height: number;
}

/** The ward map inside `figure` (a WardMap) as one framed SVG document, at its width on screen (at least 320 px). */
export function wardMapFile(figure: HTMLElement, meta: ChartPicture): MapFile {
  const map = figure.querySelector<SVGSVGElement>(':scope > svg')!;
  const box = map.viewBox.baseVal;
  const width = Math.max(320, Math.round(map.getBoundingClientRect().width) || 640);
  const mapHeight = Math.round((width * box.height) / box.width);
  const clone = map.cloneNode(true) as SVGSVGElement;
  inlinePaint(map, clone);
  for (const a of ['role', 'aria-labelledby', 'class', 'style']) clone.removeAttribute(a);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(mapHeight));
  const legend = legendSvg(figure, width, mapHeight + 12);
  const height = mapHeight + 12 + legend.height;
  // The legend's hatch refers to the map's pattern: both are in one document, so the reference holds.
  const inner = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${new XMLSerializer().serializeToString(clone)}${legend.svg}</svg>`;
  const frame = frameLayout(width, height, meta);
  return { svg: frameSvg(inner, width, height, meta), width: frame.width, height: frame.height };
}

export function wardMapPng(figure: HTMLElement, meta: ChartPicture): Promise<Blob> {
  const file = wardMapFile(figure, meta);
  return svgPng(file.svg, file.width, file.height);
}
