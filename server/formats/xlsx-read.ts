/**
 * Reads back the workbooks writeXlsx makes (and simple ones with shared strings), for tests: sheet
 * names in order, and each sheet's cells as values. Regular expressions, not a full XML parser, so
 * it is not meant for arbitrary files from Excel (rich formatting, dates, formulas are not decoded).
 *
 *   readXlsx(writeXlsx([{ name: 's', columns: ['a'], rows: [[1]] }])); // [{ name: 's', rows: [['a'], [1]] }]
 */
import { unescapeXml, unescapeXstring } from './xml-text.js';
import { readZip } from './zip.js';

export type CellValue = string | number | boolean | null;

export interface ReadSheet {
  name: string;
  /** Every row from row 1 (notice and header included), each padded with null to the sheet's width. */
  rows: CellValue[][];
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]) : undefined;
}

/** Text of every <t> in a string item (plain or in rich-text runs), joined. */
function itemText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += m[1];
  return unescapeXstring(unescapeXml(text));
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)![0];
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(buf: Buffer): ReadSheet[] {
  const files = readZip(buf);
  const text = (path: string) => {
    const f = files.get(path);
    if (!f) throw new Error(`Not an .xlsx workbook: '${path}' is missing.`);
    return f.toString('utf8');
  };
  const shared = files.has('xl/sharedStrings.xml') ? [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => itemText(m[1])) : [];
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const target = attr(m[0], 'Target')!;
    targets.set(attr(m[0], 'Id')!, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  return [...text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const name = attr(m[0], 'name')!;
    const path = targets.get(attr(m[0], 'r:id')!);
    if (!path) throw new Error(`Sheet '${name}' has no worksheet part.`);
    const rows: CellValue[][] = [];
    let width = 0;
    for (const row of text(path).matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
      const r = Number(attr(row[1], 'r')) - 1;
      const cells: CellValue[] = [];
      for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const i = columnIndex(attr(c[1], 'r')!);
        const body = c[2] ?? '';
        const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        const type = attr(c[1], 't') ?? 'n';
        let value: CellValue = null;
        if (type === 'inlineStr') value = itemText(body);
        else if (v === undefined) value = null;
        else if (type === 's') value = shared[Number(v)];
        else if (type === 'b') value = v === '1';
        else if (type === 'str' || type === 'e') value = unescapeXstring(unescapeXml(v));
        else value = Number(v);
        while (cells.length < i) cells.push(null);
        cells[i] = value;
      }
      while (rows.length < r) rows.push([]);
      rows[r] = cells;
      width = Math.max(width, cells.length);
    }
    for (const r of rows) while (r.length < width) r.push(null);
    return { name, rows };
  });
}
