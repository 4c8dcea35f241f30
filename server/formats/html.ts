/** Text for HTML and SVG pages the server writes (the committee report, charts, posters). */

/** Text and attribute values are both safe after this (quotes included). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
