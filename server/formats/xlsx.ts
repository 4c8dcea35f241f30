/**
 * Tables out as a real Excel workbook (Office Open XML SpreadsheetML, ECMA-376), written by hand
 * so no spreadsheet package is needed: one worksheet per table, bold header row frozen with an
 * AutoFilter on it, number formats per column, and an optional bold notice row above the header
 * (e.g. "These responses are SYNTHETIC demo data").
 *
 *   const xlsx = writeXlsx([{ name: 'estimates', columns: ['q', 'estimate'], rows: [['safe', 0.8]], formats: { estimate: 'percent' } }]);
 *   writeFileSync('report.xlsx', xlsx);
 *
 * Formula injection: the writer never emits `<f>` formulas and every string is an inline string
 * (`t="inlineStr"`), so text such as `=HYPERLINK(...)` or `+1` is shown as text and never run.
 */
import { escapeXml, escapeXstring } from './xml-text.js';
import { writeZip, type ZipEntry } from './zip.js';

export { readXlsx, type ReadSheet } from './xlsx-read.js';

export type CellFormat = 'percent' | 'decimal' | 'integer' | 'pvalue';

export interface SheetInput {
  name: string;
  columns: string[];
  rows: unknown[][];
  /** Shown in bold in row 1, with the header moved to row 2. */
  notice?: string | null;
  /** Number format for numeric cells of a column, by column name. */
  formats?: Record<string, CellFormat>;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's limits (Excel specifications and limits). */
const MAX_SHEET_NAME = 31;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const MAX_CELL_TEXT = 32_767;

/** Indexes into cellXfs in styles.xml below. */
const STYLE = { plain: 0, bold: 1, percent: 2, decimal: 3, integer: 4, pvalue: 5 } as const;

/** Column widths in characters of the default font: narrow enough to scan, wide enough to read. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const WIDTH_PADDING = 2;
/** Rows looked at when sizing columns; enough to be representative, cheap on big exports. */
const WIDTH_SAMPLE_ROWS = 2000;
/** How wide each format displays a typical value (e.g. "45.3%", "0.0412"). */
const FORMATTED_WIDTH: Record<CellFormat, number> = { percent: 6, decimal: 8, integer: 6, pvalue: 6 };
/** Excel's General format shows at most about 11 characters of a number. */
const GENERAL_NUMBER_WIDTH = 11;

const STYLES_XML = `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">
<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0.000"/><numFmt numFmtId="166" formatCode="0.0000"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** A, B, …, Z, AA, … for a 0-based column index. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A name Excel accepts: no [ ] : * ? / \, no leading or trailing apostrophe, at most 31
 * characters, not "History" (reserved), and unique ignoring case among `taken` (which it joins).
 */
export function sheetName(wanted: string, taken: Set<string> = new Set()): string {
  let base = wanted
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/[\u0000-\u001f]/g, '')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (!base) base = 'Sheet';
  if (base.toLowerCase() === 'history') base = 'History sheet';
  base = [...base].slice(0, MAX_SHEET_NAME).join('');
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name =
      [...base]
        .slice(0, MAX_SHEET_NAME - suffix.length)
        .join('')
        .trimEnd() + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

interface Cell {
  xml: string;
  width: number;
}

function textCell(ref: string, text: string, style: number): Cell {
  const clipped = text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
  const s = style ? ` s="${style}"` : '';
  // Inline string, never a formula: see the file comment on formula injection.
  const xml = `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(escapeXstring(clipped))}</t></is></c>`;
  const longestLine = Math.max(...clipped.split('\n').map((l) => l.length));
  return { xml, width: longestLine };
}

function cell(ref: string, value: unknown, format: CellFormat | undefined, bold: boolean): Cell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') value = Number(value);
  if (typeof value === 'number') {
    // NaN and ±Infinity have no SpreadsheetML number form; show them as text rather than drop them.
    if (!Number.isFinite(value)) return textCell(ref, String(value), bold ? STYLE.bold : STYLE.plain);
    const style = bold ? STYLE.bold : format ? STYLE[format] : STYLE.plain;
    const s = style ? ` s="${style}"` : '';
    return {
      xml: `<c r="${ref}"${s}><v>${String(value)}</v></c>`,
      width: format ? FORMATTED_WIDTH[format] : Math.min(String(value).length, GENERAL_NUMBER_WIDTH),
    };
  }
  const style = bold ? STYLE.bold : STYLE.plain;
  if (typeof value === 'boolean') {
    const s = style ? ` s="${style}"` : '';
    return { xml: `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`, width: 5 };
  }
  // Dates stay ISO text: unambiguous, and no date style needed.
  const text =
    value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.join(';') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return textCell(ref, text, style);
}

function worksheetXml(sheet: SheetInput, sheetIndex: number): { xml: string; filterRef: string | null } {
  const headerRow = sheet.notice ? 2 : 1;
  // A loop, not Math.max(...rows): a spread of 100 000 rows would overflow the stack.
  let width = Math.max(sheet.columns.length, 1);
  for (const r of sheet.rows) width = Math.max(width, r.length);
  const lastRow = headerRow + sheet.rows.length;
  if (lastRow > MAX_ROWS) throw new Error(`Sheet '${sheet.name}' has ${sheet.rows.length} rows; Excel holds at most ${MAX_ROWS - headerRow}.`);
  if (width > MAX_COLUMNS) throw new Error(`Sheet '${sheet.name}' has ${width} columns; Excel holds at most ${MAX_COLUMNS}.`);
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i));
  const formats = sheet.columns.map((c) => sheet.formats?.[c]);
  const widths = new Array<number>(width).fill(0);
  const rowsXml: string[] = [];

  const emitRow = (r: number, values: unknown[], bold: boolean, measure: boolean) => {
    const cells: string[] = [];
    values.forEach((v, i) => {
      const c = cell(`${letters[i]}${r}`, v, bold ? undefined : formats[i], bold);
      if (!c) return;
      cells.push(c.xml);
      if (measure) widths[i] = Math.max(widths[i], c.width + (bold ? 1 : 0));
    });
    rowsXml.push(`<row r="${r}">${cells.join('')}</row>`);
  };
  // The notice overflows into the empty cells beside it, so it does not widen column A.
  if (sheet.notice) emitRow(1, [sheet.notice], true, false);
  emitRow(headerRow, sheet.columns, true, true);
  sheet.rows.forEach((row, i) => emitRow(headerRow + 1 + i, row, false, i < WIDTH_SAMPLE_ROWS));

  const lastCol = letters[width - 1];
  const filterRef = sheet.columns.length ? `A${headerRow}:${columnLetters(sheet.columns.length - 1)}${lastRow}` : null;
  const cols = widths.map(
    (w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + WIDTH_PADDING))}" customWidth="1"/>`,
  );
  const firstData = `A${headerRow + 1}`;
  const xml =
    `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${lastCol}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${sheetIndex === 0 ? ' tabSelected="1"' : ''}>` +
    `<pane ySplit="${headerRow}" topLeftCell="${firstData}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${firstData}" sqref="${firstData}"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols.join('')}</cols>` +
    `<sheetData>${rowsXml.join('')}</sheetData>` +
    (filterRef ? `<autoFilter ref="${filterRef}"/>` : '') +
    `</worksheet>`;
  return { xml, filterRef };
}

/** The workbook as the bytes of an .xlsx file. */
export function writeXlsx(sheets: SheetInput[]): Buffer {
  if (!sheets.length) throw new Error('A workbook needs at least one sheet.');
  const taken = new Set<string>();
  const names = sheets.map((s) => sheetName(s.name, taken));
  const entries: ZipEntry[] = [];
  const filters: string[] = [];
  sheets.forEach((sheet, i) => {
    const { xml, filterRef } = worksheetXml(sheet, i);
    entries.push({ name: `xl/worksheets/sheet${i + 1}.xml`, data: xml });
    if (filterRef) {
      // Excel records an AutoFilter's range as this hidden per-sheet name as well.
      const absolute = filterRef.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
      filters.push(
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(`'${names[i].replace(/'/g, "''")}'!${absolute}`)}</definedName>`,
      );
    }
  });

  const contentTypes =
    `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `</Types>`;
  const rootRels =
    `${XML_DECLARATION}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
    `</Relationships>`;
  const workbook =
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    (filters.length ? `<definedNames>${filters.join('')}</definedNames>` : '') +
    `</workbook>`;
  const workbookRels =
    `${XML_DECLARATION}<Relationships xmlns="${PKG_REL_NS}">` +
    names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${names.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
    `</Relationships>`;

  return writeZip([
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
    { name: 'xl/styles.xml', data: STYLES_XML },
    ...entries,
  ]);
}
