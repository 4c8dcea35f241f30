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
// Column names as ONS publishes them (2011 LSOA codes, 2019 ward codes).
const COLUMNS = { lsoaCode: 'LSOA11CD', lsoaName: 'LSOA11NM', wardCode: 'WD19CD', wardName: 'WD19NM' } as const;

let cached: LsoaWard[] | undefined;

/** Parses an ONS LSOA → ward lookup (CSV text with the LSOA11CD, LSOA11NM, WD19CD, WD19NM columns). */
export function parseLsoaWardLookup(text: string, source = 'the LSOA to ward lookup'): LsoaWard[] {
  const rows: Record<string, string>[] = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  const header = rows.length ? Object.keys(rows[0]) : [];
  const missing = [COLUMNS.lsoaCode, COLUMNS.wardCode, COLUMNS.wardName].filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${source} has no ${missing.join(', ')} column (it has ${header.join(', ') || 'no rows'}).`);
  return rows.map((r, i) => {
    const row: LsoaWard = { lsoaCode: r[COLUMNS.lsoaCode], wardCode: r[COLUMNS.wardCode], wardName: r[COLUMNS.wardName] };
    if (!row.lsoaCode || !row.wardCode || !row.wardName) throw new Error(`${source}, line ${i + 2}: the LSOA code, ward code and ward name must not be blank.`);
    if (r[COLUMNS.lsoaName]) row.lsoaName = r[COLUMNS.lsoaName];
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
