/**
 * The crime and population data behind perception vs reality, as the officer pages load it:
 *
 * - importStagedCrime: imports staged police.uk uploads (crime/staging.ts) together through
 *   importCrimeFiles (all files checked before anything is written; one transaction replaces the
 *   months found), reports with the names the officer uploaded, and removes the staged files
 *   whether the import succeeded or not (a refused import stores nothing, staged files included).
 *   importProgress tells how far it has got (file n of m, rows read) while it runs. The staged
 *   files, which import holds them, and its progress are all in the store, so the upload, the
 *   import and the polling may each reach a different server.
 * - storedCrimeMonths: what is in the crime table, month by month.
 * - importPopulationCsv / populationSummary: the population table (crime/population.ts), replaced
 *   as a whole, and what it holds now.
 */
import { ILLUSTRATIVE_POPULATION_NOTICE } from '../notices.js';
import type { Store } from '../store/open.js';
import { audit } from '../accounts/audit.js';
import { ensureAreas } from '../areas/areas.js';
import { populationSources, populationStats, wardCount, wardList } from '../areas/queries.js';
import { monthSources, monthTotals } from './queries.js';
import { CrimeImportError, importCrimeFiles, type CrimeImportReport } from './import.js';
import { parsePopulationCsv, PopulationError, replacePopulation } from '../areas/population.js';
import { removeStaleUploads, removeUploads, safeFileName, type StagedFile, stagedUploadsOf, UploadError, writeStagedFiles } from './staging.js';
import { claimStagedUploads, setStagedProgress, stagedProgress } from '../uploads/queries.js';
import { populationByWard } from '../areas/population.js';
import type { PopulationSummary } from '../areas/schemas.js';
import type { ImportProgress, StoredCrime } from './schemas.js';

/** The import report, with the uploaded file names (never where they were staged) and their sizes. */
export interface CrimeImportResult extends Omit<CrimeImportReport, 'files'> {
  files: { name: string; bytes: number }[];
}

/** Most files one import takes: a year of one force's monthly files with room to spare. */
export const MAX_FILES_PER_IMPORT = 60;

const NOT_RUNNING: ImportProgress = { running: false, file: null, fileIndex: 0, fileCount: 0, rowsRead: 0, bytesRead: 0, totalBytes: 0 };

/** Progress is written to the store at most this often (and at each new file). */
const PROGRESS_EVERY_MS = 250;

/**
 * How far the import that includes upload `id` has got, for the page to poll while it waits:
 * `running: false` when no import of that id is running (not started, finished or refused).
 */
export async function importProgress(store: Store, id: string): Promise<ImportProgress> {
  const progress = await stagedProgress(store.db, id);
  return progress ? { ...NOT_RUNNING, ...(progress as Partial<ImportProgress>), running: true } : NOT_RUNNING;
}

/**
 * Imports the staged uploads `ids` together for `officer` and writes the audit entry
 * 'crime.import' (files, months, rows); a refused import stores nothing and is not audited.
 */
export async function importStagedCrime(
  store: Store,
  ids: string[],
  officer?: { id: number } | null,
  onProgress?: (progress: ImportProgress) => void,
): Promise<CrimeImportResult> {
  const unique = [...new Set(ids)];
  if (!unique.length) throw new UploadError(400, 'Say which uploaded files to import: {"uploads": ["<id>", …]}.');
  if (unique.length > MAX_FILES_PER_IMPORT) throw new UploadError(400, `Import at most ${MAX_FILES_PER_IMPORT} files at once.`);
  await removeStaleUploads(store);
  // Unknown ids are refused (404) before any is claimed.
  const uploads = await stagedUploadsOf(store, unique);
  if (!(await claimStagedUploads(store.db, unique))) throw new UploadError(409, 'These files are being imported already: wait for that import to finish.');
  const progress: ImportProgress = { ...NOT_RUNNING, running: true };
  let written = 0;
  const save = (force: boolean) => {
    if (!force && Date.now() - written < PROGRESS_EVERY_MS) return;
    written = Date.now();
    onProgress?.({ ...progress });
    void setStagedProgress(store.db, unique, { ...progress }).catch(() => {
      // Progress is only for show; the import goes on.
    });
  };
  save(true);
  let files: StagedFile[] = [];
  try {
    files = await writeStagedFiles(store, uploads);
    const report = await importCrimeFiles(
      store,
      files.map((f) => f.path),
      {
        onFile(name, index, count) {
          Object.assign(progress, { file: name, fileIndex: index, fileCount: count });
          save(true);
        },
        onProgress(rowsRead, bytesRead, totalBytes) {
          Object.assign(progress, { rowsRead, bytesRead, totalBytes });
          save(false);
        },
      },
    );
    const nameOf = new Map(files.map((f) => [f.path, f.name]));
    const result = {
      ...report,
      files: files.map((f) => ({ name: f.name, bytes: f.bytes })),
      archives: report.archives.map((a) => ({ ...a, file: nameOf.get(a.file) ?? a.file })),
    };
    await audit(store, officer, 'crime.import', {
      files: result.files.map((f) => f.name),
      ...(result.archives.length ? { inside: result.archives.map((a) => ({ archive: a.file, files: a.entries.map((e) => e.name) })) } : {}),
      months: result.months,
      rows: result.rows,
      imported: result.imported,
      outsideArea: result.outsideArea,
    });
    return result;
  } catch (e) {
    if (e instanceof CrimeImportError) {
      // The message names the staged path; the officer knows the file by its name.
      let message = e.message;
      for (const f of files) message = message.split(f.path).join(f.name);
      throw new UploadError(422, `${message} Nothing was imported: fix or replace that file, then add the files again.`);
    }
    throw e;
  } finally {
    await removeUploads(store, unique);
  }
}

export type { StoredCrime, StoredCrimeMonth } from './schemas.js';

export async function storedCrimeMonths(store: Store): Promise<StoredCrime> {
  await ensureAreas(store);
  const filesOf = new Map<string, Set<string>>();
  for (const r of await monthSources(store.db)) {
    let set = filesOf.get(r.month);
    if (!set) filesOf.set(r.month, (set = new Set()));
    for (const f of r.file.split('; ')) if (f) set.add(f);
  }
  const months = (await monthTotals(store.db)).map((r) => ({ ...r, files: [...(filesOf.get(r.month) ?? [])].sort() }));
  const wardsInLookup = await wardCount(store.db);
  return { months, crimes: months.reduce((s, m) => s + m.crimes, 0), wardsInLookup };
}

export type { PopulationSummary } from '../areas/schemas.js';

export async function populationSummary(store: Store): Promise<PopulationSummary> {
  await ensureAreas(store);
  const stats = await populationStats(store.db);
  const sources = await populationSources(store.db);
  const wards = await wardList(store.db);
  const byWard = await populationByWard(store);
  const { illustrative } = stats;
  return {
    cells: stats.cells,
    areas: stats.areas,
    wardsKnown: wards.length,
    missingWards: stats.cells ? wards.filter((w) => !byWard.has(w.code)) : [],
    total: [...byWard.values()].reduce((s, n) => s + n, 0),
    bySexAndAge: stats.bySexAge > 0,
    sources,
    illustrative,
    illustrativeNotice: illustrative ? ILLUSTRATIVE_POPULATION_NOTICE : null,
  };
}

/**
 * Replaces the population with the figures in `text` for `officer` and writes the audit entry
 * 'population.import'; PopulationError (nothing changed, nothing audited) when any line is wrong.
 */
export async function importPopulationCsv(
  store: Store,
  text: string,
  { fileName: rawName, illustrative, officer }: { fileName?: string; illustrative: boolean; officer?: { id: number } | null },
) {
  // The name as sent (percent-encoded if need be), made safe to record.
  const fileName = safeFileName(rawName) || undefined;
  try {
    const rows = parsePopulationCsv(text, { source: fileName ? `imported from ${fileName}` : 'uploaded in the officer pages', illustrative });
    const r = await replacePopulation(store, rows);
    await audit(store, officer, 'population.import', { file: fileName ?? null, rows: r.rows, areas: r.areas, illustrative });
    return { rows: r.rows, areas: r.areas, summary: await populationSummary(store) };
  } catch (e) {
    // The officer pages say that the old figures still stand; the CLI words its own.
    if (e instanceof PopulationError) throw new PopulationError(`${e.message} Nothing was changed.`);
    throw e;
  }
}

export { PopulationError };
