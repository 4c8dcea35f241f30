/**
 * Translation sheets: a questionnaire's strings as a CSV or XLSX file with the columns
 * String id · English text · Translation (cy), and such a file read back and checked against the
 * questionnaire. A sheet is refused, with every problem listed, when an id is missing, stray or
 * repeated, a translation is empty, the English no longer matches the questionnaire (the sheet is
 * out of date) or a translation drops or changes an HTML tag or a {placeholder} the English has.
 */
import { parse } from 'csv-parse/sync';
import { csvRow } from '../formats/csv.js';
import { readXlsx, writeXlsx } from '../formats/xlsx.js';
import { Unprocessable } from '../errors.js';
import { HTML_PROPS, LOCALE, type TranslationString } from './translation-strings.js';

export const SHEET_HEADER = ['String id', 'English text'] as const;
export const translationHeader = (locale: string) => `Translation (${locale})`;

/** A sheet that cannot be used: `problems` lists each reason; missing, stray and empty the ids. */
export class TranslationSheetError extends Unprocessable {
  constructor(
    message: string,
    public problems: string[],
    lists: { missing?: string[]; stray?: string[]; empty?: string[] } = {},
  ) {
    super(problems.length ? `${message} ${problems.join(' ')}` : message, {
      body: { problems, missing: lists.missing ?? [], stray: lists.stray ?? [], empty: lists.empty ?? [] },
    });
  }
}

export function sheetCsv(strings: readonly TranslationString[], locale: string): string {
  const lines = [csvRow([...SHEET_HEADER, translationHeader(locale)]), ...strings.map((s) => csvRow([s.id, s.english, s.translation]))];
  // The BOM makes Excel open it as UTF-8 (accents, Welsh circumflexes).
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function sheetXlsx(strings: readonly TranslationString[], locale: string, notice: string): Buffer {
  return writeXlsx([
    {
      name: `Translation ${locale}`,
      columns: [...SHEET_HEADER, translationHeader(locale)],
      rows: strings.map((s) => [s.id, s.english, s.translation]),
      notice,
    },
  ]);
}

export interface SheetRow {
  /** Line (CSV) or row (XLSX) in the file, 1-based. */
  line: number;
  id: string;
  english: string;
  translation: string;
}

export interface ReadSheet {
  /** The locale the header names, if it names one. */
  locale?: string;
  rows: SheetRow[];
}

const NOT_A_SHEET = `This is not a translation sheet: its header must be "${SHEET_HEADER.join('", "')}", "${translationHeader('xx')}". Download the sheet and fill in its third column.`;

function fromTable(table: unknown[][], firstLine = 1): ReadSheet {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const at = table.findIndex((r) => cell(r[0]).trim().toLowerCase() === SHEET_HEADER[0].toLowerCase());
  if (at < 0 || cell(table[at][1]).trim().toLowerCase() !== SHEET_HEADER[1].toLowerCase()) throw new TranslationSheetError(NOT_A_SHEET, []);
  const locale = /\(([^)]+)\)\s*$/.exec(cell(table[at][2]))?.[1]?.trim().toLowerCase();
  const rows: SheetRow[] = [];
  table.slice(at + 1).forEach((r, i) => {
    const [id, english, translation] = [cell(r[0]).trim(), cell(r[1]), cell(r[2])];
    if (!id && !english.trim() && !translation.trim()) return;
    rows.push({ line: firstLine + at + 1 + i, id, english, translation });
  });
  return { locale, rows };
}

/** Reads a CSV or XLSX translation sheet (XLSX is recognised by its ZIP signature). */
export function readSheet(file: Buffer): ReadSheet {
  if (file.length >= 4 && file.readUInt32LE(0) === 0x04034b50) {
    let sheets: ReturnType<typeof readXlsx>;
    try {
      sheets = readXlsx(file);
    } catch {
      throw new TranslationSheetError('This workbook could not be read. Save it as .xlsx (Excel workbook) or .csv (UTF-8) and upload it again.', []);
    }
    if (!sheets.length) throw new TranslationSheetError(NOT_A_SHEET, []);
    return fromTable(sheets[0].rows);
  }
  let table: string[][];
  try {
    table = parse(file.toString('utf8').replace(/^\ufeff/, ''), { relax_column_count: true, skip_empty_lines: false });
  } catch (e) {
    throw new TranslationSheetError(`This CSV file could not be read (${(e as Error).message}). Save it as CSV (UTF-8) and upload it again.`, []);
  }
  return fromTable(table);
}

/** The tags (as written, spaces tidied) and {placeholders} of a text, sorted: what a translation must keep. */
function markup(text: string, html: boolean): string[] {
  const tags = html || /<[a-z/]/i.test(text) ? [...text.matchAll(/<\/?[a-z][^>]*>/gi)].map((m) => m[0].replace(/\s+/g, ' ')) : [];
  const pipes = [...text.matchAll(/\{[^{}]+\}/g)].map((m) => m[0]);
  return [...tags, ...pipes].sort();
}

const list = (ids: readonly string[], max = 12) => (ids.length > max ? `${ids.slice(0, max).join(', ')} and ${ids.length - max} more` : ids.join(', '));

/**
 * The translations of a sheet, checked against the questionnaire's strings: every id once, none
 * stray, none empty, English unchanged, markup kept. Throws TranslationSheetError listing them all.
 */
export function checkSheet(sheet: ReadSheet, strings: readonly TranslationString[], locale: string): Map<string, string> {
  const problems: string[] = [];
  if (sheet.locale && sheet.locale !== locale) {
    problems.push(`The sheet is for '${sheet.locale}', but it was uploaded as '${locale}': upload it as '${sheet.locale}', or download the '${locale}' sheet.`);
  }
  const expected = new Map(strings.map((s) => [s.id, s]));
  const seen = new Map<string, SheetRow>();
  const stray: string[] = [];
  const empty: string[] = [];
  const repeated: string[] = [];
  const changed: string[] = [];
  const markupLost: string[] = [];
  for (const row of sheet.rows) {
    if (!row.id) {
      problems.push(`Line ${row.line} has no string id.`);
      continue;
    }
    const s = expected.get(row.id);
    if (!s) {
      stray.push(row.id);
      continue;
    }
    if (seen.has(row.id)) {
      repeated.push(row.id);
      continue;
    }
    seen.set(row.id, row);
    if (!row.translation.trim()) empty.push(row.id);
    else if (markup(row.translation, false).join('\n') !== markup(s.english, HTML_PROPS.has(row.id.split('/').pop()!)).join('\n')) markupLost.push(row.id);
    if (row.english.trim() !== s.english.trim()) changed.push(row.id);
  }
  const missing = strings.map((s) => s.id).filter((id) => !seen.has(id));
  if (missing.length) problems.push(`${missing.length} string${missing.length === 1 ? ' is' : 's are'} missing from the sheet: ${list(missing)}.`);
  if (stray.length) problems.push(`${stray.length} id${stray.length === 1 ? ' is' : 's are'} not in the questionnaire: ${list(stray)}.`);
  if (repeated.length) problems.push(`Listed more than once: ${list(repeated)}.`);
  if (empty.length) problems.push(`${empty.length} translation${empty.length === 1 ? ' is' : 's are'} empty: ${list(empty)}.`);
  if (changed.length) {
    problems.push(
      `The English of ${list(changed)} is not the questionnaire's now: the sheet was made from another version. Download the sheet again and copy the translations across.`,
    );
  }
  if (markupLost.length) problems.push(`Keep the HTML tags and {placeholders} of the English, exactly as written, in: ${list(markupLost)}.`);
  if (problems.length) {
    throw new TranslationSheetError('The translation sheet cannot be used; nothing was stored.', problems, { missing, stray, empty });
  }
  return new Map([...seen].map(([id, row]) => [id, row.translation.trim()]));
}

/** A locale code as typed ('CY', 'cy') or a 422 saying what one looks like. */
export function localeCode(raw: string): string {
  const code = raw.trim().toLowerCase();
  if (!LOCALE.test(code) || code === 'en' || code === 'default') {
    throw new Unprocessable(`'${raw}' is not a language to translate into: use its two- or three-letter code, e.g. 'cy' for Welsh (English is the original).`, {
      field: 'locale',
    });
  }
  return code;
}
