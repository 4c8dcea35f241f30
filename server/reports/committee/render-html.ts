/**
 * The document model as the print copy: one self-contained HTML page for A4 (title page, then the
 * contents and the sections; the technical annex starts a page). Every text is escaped; no
 * external resources (system fonts, inline CSS and SVG, the logo as a data: image).
 */
import { WARD_MAP_CSS } from '../../areas/ward-map-svg.js';
import { escapeHtml as esc } from '../../formats/html.js';
import type { Block, Cell, ReportDocument, Section } from './model.js';

/** Tables with more body rows than this may break across pages (the print CSS's .long-table). */
const LONG_TABLE_ROWS = 14;

function cell(c: Cell): string {
  const span = c.span && c.span > 1 ? ` colspan="${c.span}"` : '';
  const text = c.strong ? `<strong>${esc(c.text)}</strong>` : esc(c.text);
  return c.header ? `<th scope="row"${span}>${text}</th>` : `<td${span}>${text}</td>`;
}

/** A row whose first cell is a significant result prints bold (class="significant"). */
const rowHtml = (r: Cell[]) => `<tr${r[0]?.strong ? ' class="significant"' : ''}>${r.map(cell).join('')}</tr>`;

export function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h3>${esc(b.text)}</h3>`;
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'definitions':
      return `<dl class="method">${b.items.map((i) => `<dt>${esc(i.term)}</dt><dd>${esc(i.text)}</dd>`).join('')}</dl>`;
    case 'table': {
      const html =
        `<table><caption>${esc(b.caption)}</caption><thead><tr>${b.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map(rowHtml).join('')}</tbody></table>`;
      return b.rows.length > LONG_TABLE_ROWS ? `<div class="long-table">${html}</div>` : html;
    }
    case 'contents':
      return `<nav class="contents" aria-labelledby="contents"><ol>${b.items.map((i) => `<li><a href="#${esc(i.id)}">${esc(i.heading)}</a></li>`).join('')}</ol></nav>`;
    case 'figure':
      return b.html ?? `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
}

export function sectionHtml(s: Section): string {
  return `<section aria-labelledby="${esc(s.id)}"${s.annex ? ' class="annex"' : ''}><h2 id="${esc(s.id)}"${s.newPage ? ' class="new-page"' : ''}>${esc(s.heading)}</h2>${s.blocks.map(blockHtml).join('')}</section>`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; background: #fff; max-width: 56rem; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1f5f99; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
.notice { border: 3px solid #a00000; background: #fff1f1; padding: 0.75rem 1rem; font-weight: bold; margin: 1rem 0; }
.notice p { margin: 0.25rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
th, td { border: 1px solid #888; padding: 0.2rem 0.4rem; vertical-align: top; }
thead th { background: #e8eef5; }
th[scope="row"] { text-align: left; font-weight: normal; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { font-style: italic; color: #333; }
tr.significant td, tr.significant th { font-weight: bold; }
figure { margin: 0.75rem 0 1rem; }
figcaption { font-size: 0.9rem; color: #333; }
svg.chart { display: block; max-width: 100%; height: auto; }
dl.method dt { font-weight: bold; margin-top: 0.5rem; }
dl.method dd { margin-left: 1rem; }
.summary p { margin: 0.35rem 0; }
.question { border-top: 1px solid #bbb; margin-top: 1.5rem; }
.question:first-of-type { border-top: 0; }
.see-appendix { font-size: 0.9rem; color: #333; }
footer { margin-top: 2rem; font-size: 0.9rem; color: #333; }
.title-page { border-bottom: 2px solid #1f5f99; padding-bottom: 1rem; }
.title-page .partnership { font-size: 1.2rem; font-weight: bold; margin: 0 0 0.5rem; }
.title-page .logo { display: block; max-height: 5rem; max-width: 16rem; margin-bottom: 1rem; }
.title-page .meta { font-size: 1.05rem; }
nav.contents ol { padding-left: 1.5rem; }
nav.contents li.annex { color: #333; }
a { color: #0b4f8a; }
/* On a phone the tables shrink and wrap rather than run off the side. */
@media screen and (max-width: 40rem) {
  body { padding: 0.75rem; }
  table { font-size: 0.75rem; table-layout: fixed; }
  th, td { padding: 0.15rem 0.2rem; overflow-wrap: anywhere; hyphens: auto; }
  svg.chart, .ward-map > svg { width: 100%; height: auto; }
}
@page {
  size: A4;
  margin: 16mm 14mm 18mm;
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 9pt; color: #444; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; }
  h3 { font-size: 12pt; }
  /* The appendix starts a page; everything else runs on. */
  h2.new-page, .after-title { break-before: page; page-break-before: always; }
  .title-page { border-bottom: 0; padding-top: 30mm; }
  .title-page h1 { font-size: 24pt; }
  .ward-map > svg { max-height: 8cm; }
  h2, h3, h4, caption, .summary { break-after: avoid; page-break-after: avoid; }
  /* A question's heading, its paragraph and its chart stay together on one page. */
  .question-head, figure, svg, li, dd, tr, caption, thead, .notice { break-inside: avoid; page-break-inside: avoid; }
  table { break-inside: avoid; page-break-inside: avoid; }
  /* A long table may break between rows, but never straight after its caption and header. */
  .long-table table { break-inside: auto; page-break-inside: auto; }
  .long-table tbody tr:nth-child(-n+2), .see-appendix { break-before: avoid; page-break-before: avoid; }
  thead { display: table-header-group; }
  .question { border-top: 0; margin-top: 0; }
  .notice, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function committeeReportPage(doc: ReportDocument): string {
  const t = doc.titlePage;
  const logo = t.logo ? `<img class="logo" src="data:${esc(t.logo.type)};base64,${t.logo.base64}" alt="${esc(t.logo.alt)}">` : '';
  const notices = doc.notices.length
    ? `<div class="notice" role="note" aria-label="Important notice">${doc.notices.map((n) => `<p>${esc(n)}</p>`).join('')}</div>`
    : '';
  const [contents, ...rest] = doc.sections;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${STYLE}${WARD_MAP_CSS}</style>`,
    '</head>',
    '<body>',
    `<header class="title-page">${logo}${t.partnership ? `<p class="partnership">${esc(t.partnership)}</p>` : ''}<h1>${esc(doc.title)}</h1>`,
    `<p class="meta">Wave ${esc(t.wave)} · ${esc(t.date)}</p><p>${esc(doc.intro)}</p>${notices}</header>`,
    '<main>',
    `<div class="after-title">${sectionHtml(contents)}</div>`,
    ...rest.map(sectionHtml),
    '</main>',
    `<footer><p>${esc(doc.footer)}</p></footer>`,
    '</body>',
    '</html>',
  ].join('\n');
}
