/**
 * Imports police.uk street-level crime files (data.police.uk monthly downloads, e.g.
 * `2019-01-kent-street.csv`) into the `crime` table as counts by month × ward × crime type.
 *
 * - Streams each file (csv-stream.ts), so memory stays flat however many rows: only the counts,
 *   at most months × wards × crime types of them, are kept.
 * - Maps each row's LSOA code to a ward with the `lsoa_ward` lookup (filled by ensureAreas).
 *   Rows outside the lookup (other boroughs in a force-wide file) are counted as `outsideArea`;
 *   rows without an LSOA (police.uk could not place them) as `noLsoa`.
 * - Every file is read and checked before anything is written; then one transaction replaces
 *   the counts of every month found in the files. Importing the same file again gives the same
 *   counts; a newer download of a month replaces the older one. Give all the files for one month
 *   (e.g. two forces' files) in the same import: a later import of that month replaces it.
 * - `crime.source_file` records the file name(s) each month came from.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Store } from '../store/open.js';
import { Unprocessable } from '../errors.js';
import { ensureAreas, lsoaToWard } from '../areas/areas.js';
import { isMonth } from '../formats/dates.js';
import { CsvSyntaxError, streamCsvRecords } from './csv-stream.js';
import { replaceMonths } from './queries.js';

/** A crime file that cannot be imported, with what to fix. Nothing is stored when it is thrown. */
export class CrimeImportError extends Unprocessable {}

/** The police.uk columns the import needs (the files have 12; the others are ignored). */
export const REQUIRED_COLUMNS = ['Month', 'LSOA code', 'Crime type'] as const;
const LSOA_NAME = 'LSOA name';

export interface ImportOptions {
  onProgress?: (rowsRead: number, bytesRead: number, totalBytes: number) => void;
}

export interface CrimeImportReport {
  files: string[];
  /** data rows read (all areas) */
  rows: number;
  /** rows counted in a ward */
  imported: number;
  /** rows whose LSOA is not in the lookup (other areas) */
  outsideArea: number;
  /** rows with no LSOA code */
  noLsoa: number;
  /**
   * Rows outside the lookup whose LSOA name starts like the names of LSOAs that are in it
   * (e.g. "Maidstone 019F"): most likely 2021 LSOAs with new codes. Counted in outsideArea too.
   */
  unmappedInArea: { rows: number; lsoaCodes: string[] };
  /** months found in the files (replaced in the store), sorted */
  months: string[];
  /** rows counted in a ward, by crime type, largest first */
  byCrimeType: { crimeType: string; count: number }[];
}

export async function importCrimeFiles(store: Store, files: string[], options: ImportOptions = {}): Promise<CrimeImportReport> {
  if (!files.length) throw new CrimeImportError('Give at least one police.uk CSV file to import.');
  ensureAreas(store);
  const wardOf = lsoaToWard(store);
  const totalBytes = files.reduce((sum, f) => sum + fileSize(f), 0);

  const counts = new Map<string, number>(); // month \t ward \t crime type → count
  const monthFiles = new Map<string, Set<string>>();
  const outside = new Map<string, { name: string; rows: number }>(); // LSOA code → rows outside the lookup
  const areaPrefixes = new Set<string>(); // LSOA name prefixes ("Maidstone") of rows that matched
  let rows = 0;
  let imported = 0;
  let noLsoa = 0;
  let bytesBefore = 0;

  for (const file of files) {
    let iMonth = -1;
    let iLsoa = -1;
    let iType = -1;
    let iName = -1;
    let width = 0;
    const name = basename(file);
    try {
      await streamCsvRecords(
        file,
        (f, line) => {
          if (line === 1) {
            const header = f.map((h) => h.trim());
            const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
            if (missing.length) {
              throw new CrimeImportError(
                `${file} is not a police.uk street-level crime file: its header has no ${missing.map((m) => `'${m}'`).join(', ')} column` +
                  `${missing.length > 1 ? 's' : ''} (it has ${header.join(', ')}).`,
              );
            }
            [iMonth, iLsoa, iType, iName] = [...REQUIRED_COLUMNS, LSOA_NAME].map((c) => header.indexOf(c));
            width = header.length;
            return;
          }
          if (f.length !== width) throw new CrimeImportError(`${file}, line ${line}: ${f.length} fields where the header has ${width}.`);
          rows++;
          const month = f[iMonth];
          if (!isMonth(month)) throw new CrimeImportError(`${file}, line ${line}: the Month '${month}' is not a month written YYYY-MM.`);
          const crimeType = f[iType];
          if (!crimeType) throw new CrimeImportError(`${file}, line ${line}: the Crime type is blank.`);
          let seen = monthFiles.get(month);
          if (!seen) monthFiles.set(month, (seen = new Set()));
          seen.add(name);
          const lsoa = f[iLsoa];
          if (!lsoa) {
            noLsoa++;
            return;
          }
          const ward = wardOf.get(lsoa);
          const lsoaName = iName >= 0 ? f[iName] : '';
          if (ward === undefined) {
            const o = outside.get(lsoa);
            if (o) o.rows++;
            else outside.set(lsoa, { name: lsoaName, rows: 1 });
            return;
          }
          if (lsoaName) areaPrefixes.add(namePrefix(lsoaName));
          imported++;
          const key = `${month}\t${ward}\t${crimeType}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        },
        (bytesRead) => options.onProgress?.(rows, bytesBefore + bytesRead, totalBytes),
      );
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new CrimeImportError(`${file}, ${e.message}`);
      throw e;
    }
    if (width === 0) throw new CrimeImportError(`${file} is empty: a police.uk file starts with a header line.`);
    bytesBefore += fileSize(file);
  }

  const months = [...monthFiles.keys()].sort();
  const values = [...counts].map(([key, count]) => {
    const [month, areaCode, crimeType] = key.split('\t');
    return { month, areaCode, crimeType, count, sourceFile: [...monthFiles.get(month)!].sort().join('; ') };
  });
  replaceMonths(store.db, months, values);

  const byType = new Map<string, number>();
  for (const v of values) byType.set(v.crimeType, (byType.get(v.crimeType) ?? 0) + v.count);
  const unmapped = [...outside].filter(([, o]) => o.name && areaPrefixes.has(namePrefix(o.name)));
  return {
    files,
    rows,
    imported,
    outsideArea: [...outside.values()].reduce((s, o) => s + o.rows, 0),
    noLsoa,
    unmappedInArea: { rows: unmapped.reduce((s, [, o]) => s + o.rows, 0), lsoaCodes: unmapped.map(([code]) => code).sort() },
    months,
    byCrimeType: [...byType].map(([crimeType, count]) => ({ crimeType, count })).sort((a, b) => b.count - a.count || a.crimeType.localeCompare(b.crimeType)),
  };
}

/** "Maidstone 010C" → "Maidstone" (the local authority part of an LSOA name). */
function namePrefix(lsoaName: string): string {
  return lsoaName.replace(/\s+\d{3}[A-Z]$/, '');
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new CrimeImportError(`Cannot read the file ${file}: it does not exist or is not readable.`);
  }
}
