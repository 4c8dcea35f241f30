/** A section of the document model as HTML for the print copy (every text escaped). */
import { escapeHtml as esc } from '../../formats/html.js';
import type { Block, Cell, Section } from './model.js';

/** Tables with more body rows than this may break across pages (the print CSS's .long-table). */
const LONG_TABLE_ROWS = 14;

function cell(c: Cell): string {
  const span = c.span && c.span > 1 ? ` colspan="${c.span}"` : '';
  const text = c.strong ? `<strong>${esc(c.text)}</strong>` : esc(c.text);
  return c.header ? `<th scope="row"${span}>${text}</th>` : `<td${span}>${text}</td>`;
}

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
        `<tbody>${b.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
      return b.rows.length > LONG_TABLE_ROWS ? `<div class="long-table">${html}</div>` : html;
    }
    case 'figure':
      return `<figure>${b.svg}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
}

export function sectionHtml(s: Section): string {
  return `<section aria-labelledby="${esc(s.id)}"><h2 id="${esc(s.id)}"${s.newPage ? ' class="new-page"' : ''}>${esc(s.heading)}</h2>${s.blocks.map(blockHtml).join('')}</section>`;
}
