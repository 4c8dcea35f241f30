/**
 * A ward map as self-contained HTML (an inline SVG and its legend) for the committee report: the
 * same projected paths, classes, hatching and legend as the browser's WardMap component, so the
 * printed map is the one officers saw. No scripts, fonts or links, so a PDF copy renders the same.
 * The page's stylesheet draws the legend keys (WARD_MAP_CSS, with print colours kept).
 *
 * @example
 *   wardMapHtml(wardMap(store), values, gapClasses(0.005), { id: 'returns-map', title: 'Returns by ward', summary: '…' })
 */
import { escapeHtml as esc } from '../formats/html.js';
import { classOf, type MapClass, NO_DATA_COLOUR } from './map-classes.js';
import type { ProjectedMap } from './ward-map.js';

export interface WardFigure {
  value: number | null;
  /** The ward's figure in words (its tooltip in the SVG). */
  text: string;
  flagged?: boolean;
}

export interface WardMapHtmlOptions {
  id: string;
  title: string;
  /** The map in words, for screen readers and anyone who cannot see it. */
  summary: string;
  flagLabel?: string;
  attribution?: string | null;
}

const STROKE = '#3b3b3b';

/** A legend key as a span (not an SVG: the report's SVGs are its figures, each an image with a title). */
function swatch(colour: string, hatched: boolean): string {
  return `<span class="swatch${hatched ? ' hatched' : ''}" style="background-color: ${colour}" aria-hidden="true"></span>`;
}

export function wardMapHtml(map: ProjectedMap, values: ReadonlyMap<string, WardFigure>, classes: readonly MapClass[], o: WardMapHtmlOptions): string {
  const id = esc(o.id);
  const counts = new Map<string | undefined, number>();
  let flagged = 0;
  const paths = map.wards.map((w) => {
    const v = values.get(w.code);
    const c = classOf(classes, v?.value ?? null);
    counts.set(c?.label, (counts.get(c?.label) ?? 0) + 1);
    if (v?.flagged) flagged++;
    const hatch = c?.hatched || v?.flagged ? `<path d="${w.path}" fill="url(#${id}-hatch)" stroke="none"/>` : '';
    return `<g><title>${esc(`${w.name}: ${v?.text ?? 'no figure'}`)}</title><path d="${w.path}" fill="${c?.colour ?? NO_DATA_COLOUR}" stroke="${STROKE}" stroke-width="0.8"/>${hatch}</g>`;
  });
  const wards = (n: number) => `${n} ${n === 1 ? 'ward' : 'wards'}`;
  const legend = classes.map(
    (c) => `<li>${swatch(c.colour, c.hatched)}${esc(c.label)}${c.hatched ? ' (hatched)' : ''}: ${wards(counts.get(c.label) ?? 0)}</li>`,
  );
  if (o.flagLabel && flagged) legend.push(`<li>${swatch('#ffffff', true)}Hatched: ${esc(o.flagLabel)}: ${wards(flagged)}</li>`);
  const noData = counts.get(undefined) ?? 0;
  if (noData) legend.push(`<li>${swatch(NO_DATA_COLOUR, false)}No figure: ${wards(noData)}</li>`);
  return [
    `<figure class="ward-map" id="${id}">`,
    `<svg viewBox="0 0 ${map.width} ${map.height}" width="${map.width}" height="${map.height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(o.title)}</title><desc id="${id}-desc">${esc(o.summary)}</desc>`,
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#1a1a1a" stroke-width="1.4"/></pattern></defs>`,
    ...paths,
    `</svg>`,
    `<figcaption><ul class="map-legend">${legend.join('')}</ul>${o.attribution ? `<p class="map-attribution">Boundaries: ${esc(o.attribution)}</p>` : ''}</figcaption>`,
    `</figure>`,
  ].join('');
}

/** The styles wardMapHtml needs, for the page that holds it. */
export const WARD_MAP_CSS = `
.ward-map { margin: 1rem 0; break-inside: avoid; }
.ward-map > svg { max-width: 100%; height: auto; }
.map-legend { list-style: none; padding: 0; margin: 0.5rem 0 0; columns: 2; }
.map-legend .swatch { display: inline-block; width: 1.4rem; height: 0.95rem; border: 1px solid #3b3b3b; vertical-align: middle; margin-right: 0.4rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.map-legend .swatch.hatched { background-image: repeating-linear-gradient(45deg, #1a1a1a 0 1.4px, transparent 1.4px 6px); }
.map-attribution { font-size: 0.85rem; color: #333; }
@media print { .ward-map > svg { max-height: 10cm; width: auto; } }`;

/** A map's key as wardMapHtml drew it: each class's colour, whether hatched, and its label with the count of wards. */
export function legendOf(html: string): { colour: string; hatched: boolean; label: string }[] {
  const list = html.match(/<ul class="map-legend">(.*?)<\/ul>/s)?.[1] ?? '';
  return [...list.matchAll(/<li><span class="swatch( hatched)?" style="background-color: ([^"]+)"[^>]*><\/span>(.*?)<\/li>/g)].map((m) => ({
    colour: m[2],
    hatched: !!m[1],
    label: m[3]
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  }));
}
