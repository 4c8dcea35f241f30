/**
 * CSV cells and rows as every download writes them (RFC 4180 quoting, CRLF left to the caller).
 *
 * A cell a spreadsheet would run as a formula (= + - @, or a tab or carriage return first) is
 * prefixed with ' unless it is a plain number, so an answer like `=HYPERLINK(…)` typed by a
 * respondent opens as text. Cells are quoted when they hold a quote, comma, line break or ; (the
 * separator Excel uses in many European locales), or start or end with white space (which
 * spreadsheets would otherwise trim).
 */

/** One cell: blank for null/undefined, a list joined with ';', an object as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n;]/.test(safe) || /^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line of cells, without its line ending. */
export function csvRow(values: readonly unknown[]): string {
  return values.map(csvCell).join(',');
}
