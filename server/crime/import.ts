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
 * - A police.uk custom download (a ZIP of monthly folders, `2019-01/2019-01-kent-street.csv`) is
 *   read as it is, entry by entry (formats/unzip.ts), never unpacked or held in memory: its
 *   street files in month order, through the same checks and counting as CSVs given alone; its
 *   outcomes and stop-and-search files (and anything else) are skipped and listed with why. An
 *   archive with no street file, a damaged one, or one that would unpack to more than
 *   MAX_UNZIPPED_BYTES is refused before anything is read.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Store } from '../store/open.js';
import { Unprocessable } from '../errors.js';
import { ensureAreas, lsoaToWard } from '../areas/areas.js';
import { isMonth } from '../formats/dates.js';
import { listZip, looksLikeZip, openZipEntry, ZipError } from '../formats/unzip.js';
import { type CsvSource, CsvSyntaxError, streamCsvRecords } from './csv-stream.js';
import { replaceMonths } from './queries.js';

/**
 * The most a ZIP may unpack to (its directory's sizes, all entries together): 10 GB, 20 times the
 * 512 MB upload limit. Years of one force's monthly files are a few GB; more is a zip bomb.
 */
export const MAX_UNZIPPED_BYTES = 20 * 512 * 1024 * 1024;
/** More entries than this is not a police.uk download (ten years of three files a month is 360). */
export const MAX_ZIP_ENTRIES = 10_000;

/** A crime file that cannot be imported, with what to fix. Nothing is stored when it is thrown. */
export class CrimeImportError extends Unprocessable {}

/** The police.uk columns the import needs (the files have 12; the others are ignored). */
export const REQUIRED_COLUMNS = ['Month', 'LSOA code', 'Crime type'] as const;
const LSOA_NAME = 'LSOA name';

export interface ImportOptions {
  onProgress?: (rowsRead: number, bytesRead: number, totalBytes: number) => void;
  /** Called as each CSV starts (a file given, or a street file inside an archive), `index` from 1. */
  onFile?: (name: string, index: number, count: number) => void;
}

/** What was read in one ZIP archive given to the import. */
export interface ArchiveReport {
  /** the archive as given */
  file: string;
  /** the street files read, in the order read (month order), with the months and rows each held */
  entries: { name: string; months: string[]; rows: number }[];
  /** the entries not read, with why */
  skipped: { name: string; reason: string }[];
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
  /** the ZIP archives among `files`, with the files inside (none when only CSVs were given) */
  archives: ArchiveReport[];
}

/** One CSV to read: a file given, or a street file inside an archive. */
interface CsvInput {
  /** how messages name it: the path, or "archive › entry" */
  label: string;
  /** the name recorded as the month's source file */
  name: string;
  bytes: number;
  open: () => string | CsvSource;
  /** the archive's report entry, for its months and rows */
  entry?: ArchiveReport['entries'][number];
}

/** The police.uk file kinds inside a custom download that are not street-level crime. */
const OTHER_KINDS: [RegExp, string][] = [
  [/-outcomes\.csv$/i, 'an outcomes file (what happened to crimes already counted), not street-level crime'],
  [/-stop-and-search\.csv$/i, 'a stop-and-search file, not street-level crime'],
];
const STREET = /-street\.csv$/i;

/** The files to read, archives opened: street CSVs inside in month order, the rest listed as skipped. */
function csvInputs(files: string[]): { inputs: CsvInput[]; archives: ArchiveReport[] } {
  const inputs: CsvInput[] = [];
  const archives: ArchiveReport[] = [];
  for (const file of files) {
    fileSize(file);
    if (!/\.zip$/i.test(file) && !looksLikeZip(file)) {
      inputs.push({ label: file, name: basename(file), bytes: fileSize(file), open: () => file });
      continue;
    }
    let entries: ReturnType<typeof listZip>;
    try {
      entries = listZip(file);
    } catch (e) {
      if (e instanceof ZipError)
        throw new CrimeImportError(`${file} is not a ZIP archive that can be read: ${e.message}. Download it again from data.police.uk.`);
      throw e;
    }
    if (entries.length > MAX_ZIP_ENTRIES)
      throw new CrimeImportError(`${file} holds ${entries.length} files, more than the ${MAX_ZIP_ENTRIES} a police.uk download has.`);
    const unzipped = entries.reduce((s, e) => s + e.size, 0);
    if (unzipped > MAX_UNZIPPED_BYTES) {
      throw new CrimeImportError(
        `${file} would unpack to ${gb(unzipped)} GB, more than the ${gb(MAX_UNZIPPED_BYTES)} GB an import takes (20 times the upload limit), so it was not opened. ` +
          'Download fewer months at a time.',
      );
    }
    const archive: ArchiveReport = { file, entries: [], skipped: [] };
    const street: typeof entries = [];
    for (const e of entries) {
      if (e.directory) continue;
      const base = e.name.split('/').pop() ?? e.name;
      const other = OTHER_KINDS.find(([re]) => re.test(base));
      if (other) archive.skipped.push({ name: e.name, reason: `${other[1]}.` });
      else if (STREET.test(base)) street.push(e);
      else archive.skipped.push({ name: e.name, reason: 'not a police.uk street-level crime file (they are named YYYY-MM-<force>-street.csv).' });
    }
    if (!street.length) {
      throw new CrimeImportError(
        `${file} holds no street-level crime file (named YYYY-MM-<force>-street.csv)${entries.length ? '' : ': it is empty'}. ` +
          'On data.police.uk, tick "Include crime data" when making the custom download.',
      );
    }
    // Month order: by the YYYY-MM in the file name, then by name (two forces' files of one month).
    const monthOf = (name: string) => /(\d{4}-\d{2})-[^/]*$/.exec(name)?.[1] ?? '';
    street.sort((a, b) => monthOf(a.name).localeCompare(monthOf(b.name)) || a.name.localeCompare(b.name));
    for (const e of street) {
      const entry = { name: e.name, months: [] as string[], rows: 0 };
      archive.entries.push(entry);
      inputs.push({
        label: `${file} › ${e.name}`,
        name: e.name.split('/').pop() ?? e.name,
        bytes: e.compressedSize,
        entry,
        open: () => {
          const { stream, compressedRead } = openZipEntry(file, e);
          return { chunks: stream, bytesRead: compressedRead };
        },
      });
    }
    archives.push(archive);
  }
  return { inputs, archives };
}

/**
 * Why the ZIP archive at `path` cannot be imported (damaged, no street file, too large unpacked),
 * naming it `name`; null when it can be (its CSVs are checked when imported).
 */
export function archiveProblem(path: string, name: string): string | null {
  try {
    csvInputs([path]);
    return null;
  } catch (e) {
    if (e instanceof CrimeImportError) return e.message.split(path).join(name);
    throw e;
  }
}

const gb = (bytes: number) => (bytes / 1024 ** 3).toLocaleString('en-GB', { maximumFractionDigits: 1 });

export async function importCrimeFiles(store: Store, files: string[], options: ImportOptions = {}): Promise<CrimeImportReport> {
  if (!files.length) throw new CrimeImportError('Give at least one police.uk CSV file to import.');
  await ensureAreas(store);
  const wardOf = await lsoaToWard(store);
  const { inputs, archives } = csvInputs(files);
  const totalBytes = inputs.reduce((sum, f) => sum + f.bytes, 0);

  const counts = new Map<string, number>(); // month \t ward \t crime type → count
  const monthFiles = new Map<string, Set<string>>();
  const outside = new Map<string, { name: string; rows: number }>(); // LSOA code → rows outside the lookup
  const areaPrefixes = new Set<string>(); // LSOA name prefixes ("Maidstone") of rows that matched
  let rows = 0;
  let imported = 0;
  let noLsoa = 0;
  let bytesBefore = 0;

  for (const [index, input] of inputs.entries()) {
    let iMonth = -1;
    let iLsoa = -1;
    let iType = -1;
    let iName = -1;
    let width = 0;
    const { label: file, name, entry } = input;
    const rowsBefore = rows;
    const monthsHere = new Set<string>();
    options.onFile?.(name, index + 1, inputs.length);
    try {
      await streamCsvRecords(
        input.open(),
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
          monthsHere.add(month);
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
      if (e instanceof ZipError) throw new CrimeImportError(`${file} cannot be read: ${e.message}. Download it again from data.police.uk.`);
      throw e;
    }
    if (width === 0) throw new CrimeImportError(`${file} is empty: a police.uk file starts with a header line.`);
    bytesBefore += input.bytes;
    if (entry) {
      entry.rows = rows - rowsBefore;
      entry.months = [...monthsHere].sort();
    }
  }

  const months = [...monthFiles.keys()].sort();
  const values = [...counts].map(([key, count]) => {
    const [month, areaCode, crimeType] = key.split('\t');
    return { month, areaCode, crimeType, count, sourceFile: [...monthFiles.get(month)!].sort().join('; ') };
  });
  await replaceMonths(store.db, months, values);

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
    archives,
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
