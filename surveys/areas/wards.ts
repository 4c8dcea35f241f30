/**
 * Maidstone's areas: the ONS lookup of 2011 LSOAs to 2019 wards, bundled beside this module
 * (maidstone-lsoa11-ward19.csv; source and licence in README.md here).
 *
 * Example:
 *   maidstoneWards()[0]            // { code: 'E05004982', name: 'Allington' }
 *   loadLsoaWardLookup().length    // 95
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export interface LsoaWard {
  lsoaCode: string;
  lsoaName?: string;
  wardCode: string;
  wardName: string;
}

export interface Ward {
  code: string;
  name: string;
}

const LOOKUP_FILE = new URL('./maidstone-lsoa11-ward19.csv', import.meta.url);
// Column names as ONS publishes them: LSOA11CD/LSOA21CD, WD19CD/WD23CD…, any year's pair.
const COLUMN = { lsoaCode: /^LSOA\d\dCD$/i, lsoaName: /^LSOA\d\dNM$/i, wardCode: /^WD\d\dCD$/i, wardName: /^WD\d\dNM$/i } as const;
const NEEDED = { lsoaCode: 'LSOA11CD (or LSOA21CD)', wardCode: 'WD19CD (or another year’s WDyyCD)', wardName: 'WD19NM' } as const;
/** GSS codes: a letter and eight digits (E01… for an LSOA, E05… for a ward in England). */
const GSS_CODE = /^[EWSN]\d{8}$/;

let cached: LsoaWard[] | undefined;

/**
 * Parses an ONS LSOA → ward lookup: CSV text with an LSOA code, a ward code and a ward name column
 * (LSOA11CD or LSOA21CD, WD19CD or any year's WDyyCD and WDyyNM; an LSOA name is kept when there).
 * Throws, saying which line, on a blank or malformed code, an LSOA listed twice, or a ward given two names.
 */
export function parseLsoaWardLookup(text: string, source = 'the LSOA to ward lookup'): LsoaWard[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new Error(`${source} is not valid CSV: ${(e as Error).message}`);
  }
  const header = records[0] ?? [];
  const rows = records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
  const column = (key: keyof typeof COLUMN) => header.find((h) => COLUMN[key].test(h));
  const missing = (Object.keys(NEEDED) as (keyof typeof NEEDED)[]).filter((k) => !column(k)).map((k) => NEEDED[k]);
  if (missing.length) throw new Error(`${source} has no ${missing.join(', ')} column (it has ${header.join(', ') || 'no rows'}).`);
  const [lsoaCode, lsoaName, wardCode, wardName] = (['lsoaCode', 'lsoaName', 'wardCode', 'wardName'] as const).map(column);
  const seen = new Set<string>();
  const wardNames = new Map<string, string>();
  return rows.map((r, i) => {
    const line = i + 2;
    const row: LsoaWard = { lsoaCode: r[lsoaCode!], wardCode: r[wardCode!], wardName: r[wardName!] };
    if (!row.lsoaCode || !row.wardCode || !row.wardName) throw new Error(`${source}, line ${line}: the LSOA code, ward code and ward name must not be blank.`);
    for (const code of [row.lsoaCode, row.wardCode])
      if (!GSS_CODE.test(code))
        throw new Error(`${source}, line ${line}: '${code.slice(0, 40)}' is not an ONS area code (a letter and eight digits, e.g. E05004982).`);
    if (seen.has(row.lsoaCode)) throw new Error(`${source}, line ${line}: the LSOA ${row.lsoaCode} appears twice (an LSOA lies in one ward).`);
    seen.add(row.lsoaCode);
    const named = wardNames.get(row.wardCode);
    if (named !== undefined && named !== row.wardName)
      throw new Error(`${source}, line ${line}: the ward ${row.wardCode} is called '${named}' above and '${row.wardName}' here.`);
    wardNames.set(row.wardCode, row.wardName);
    if (lsoaName && r[lsoaName]) row.lsoaName = r[lsoaName];
    return row;
  });
}

/** The bundled Maidstone lookup, one row per LSOA (read once, then cached; callers get copies). */
export function loadLsoaWardLookup(): LsoaWard[] {
  cached ??= parseLsoaWardLookup(readFileSync(LOOKUP_FILE, 'utf8'), 'maidstone-lsoa11-ward19.csv');
  return cached.map((r) => ({ ...r }));
}

/** The borough's wards (26 in 2019), each once, sorted by name as a respondent would look for them. */
export function maidstoneWards(): Ward[] {
  const byCode = new Map<string, string>();
  for (const r of loadLsoaWardLookup()) byCode.set(r.wardCode, r.wardName);
  return [...byCode].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
