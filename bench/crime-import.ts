/**
 * Crime import speed and memory: a police.uk file of `rows` rows (default 2,000,000, about a year
 * of a large force) made by repeating the real Kent January 2019 rows over twelve months, imported
 * with importCrimeFiles into a temporary SQLite store, against a plain csv-parse streaming count of
 * the same file (the floor for "parse every row"). Prints rows/s and the peak RSS of each.
 *
 *   npx tsx bench/crime-import.ts [rows]
 */
import { parse } from 'csv-parse';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { openStore } from '../server/store/open.js';
import { importCrimeFiles } from '../server/crime/import.js';

const FIXTURE = fileURLToPath(new URL('../server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv', import.meta.url));
const MONTHS = Array.from({ length: 12 }, (_, i) => `2019-${String(i + 1).padStart(2, '0')}`);
/** How often memory is sampled while a side runs. */
const SAMPLE_MS = 20;

export interface CrimeImportBench {
  rows: number;
  fileMB: number;
  /** RSS before either side ran (modules loaded): the peak minus this is what reading the file cost */
  rssBeforeMB: number;
  import: { seconds: number; rowsPerSec: number; peakRssMB: number; imported: number };
  csvParseCount: { seconds: number; rowsPerSec: number; peakRssMB: number };
}

/** Writes the synthetic file: the fixture's rows repeated, each repetition in the next month. */
async function synthesise(file: string, rows: number): Promise<void> {
  const [header, ...data] = readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');
  const blocks = MONTHS.map((m) => `${data.map((r) => r.replace(',2019-01,', `,${m},`)).join('\n')}\n`);
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let written = 0;
  for (let b = 0; written < rows; b++) {
    const take = Math.min(data.length, rows - written);
    const text = take === data.length ? blocks[b % 12] : `${blocks[b % 12].split('\n').slice(0, take).join('\n')}\n`;
    if (!out.write(text)) await once(out, 'drain');
    written += take;
  }
  out.end();
  await once(out, 'finish');
}

async function measure<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; peakRssMB: number }> {
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
  const start = performance.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - start) / 1000, peakRssMB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function csvParseCount(file: string): Promise<number> {
  let n = 0;
  const parser = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(parse({ from_line: 2 }));
  for await (const _ of parser) n++;
  return n;
}

export async function benchCrimeImport(rows = 2_000_000): Promise<CrimeImportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'csp-bench-crime-'));
  try {
    const file = join(dir, '2019-kent-street.csv');
    await synthesise(file, rows);
    const fileMB = statSync(file).size / 2 ** 20;
    globalThis.gc?.();
    const rssBeforeMB = Math.round(process.memoryUsage().rss / 2 ** 20);
    const store = openStore(dir);
    const imp = await measure(async () => await importCrimeFiles(store, [file]));
    store.close();
    if (imp.result.rows !== rows) throw new Error(`The import read ${imp.result.rows} rows, not ${rows}.`);
    const count = await measure(() => csvParseCount(file));
    if (count.result !== rows) throw new Error(`csv-parse counted ${count.result} rows, not ${rows}.`);
    const r: CrimeImportBench = {
      rows,
      fileMB: Math.round(fileMB),
      rssBeforeMB,
      import: { seconds: imp.seconds, rowsPerSec: Math.round(rows / imp.seconds), peakRssMB: Math.round(imp.peakRssMB), imported: imp.result.imported },
      csvParseCount: { seconds: count.seconds, rowsPerSec: Math.round(rows / count.seconds), peakRssMB: Math.round(count.peakRssMB) },
    };
    console.log(`File: ${rows.toLocaleString('en-GB')} rows, ${r.fileMB} MB (Kent January 2019 rows repeated over 12 months). RSS before: ${rssBeforeMB} MB.`);
    console.log('| method | seconds | rows/s | peak RSS (MB) |');
    console.log('|---|---:|---:|---:|');
    console.log(
      `| importCrimeFiles (parse, map to wards, aggregate, store) | ${r.import.seconds.toFixed(2)} | ${r.import.rowsPerSec.toLocaleString('en-GB')} | ${r.import.peakRssMB} |`,
    );
    console.log(
      `| csv-parse streaming count only | ${r.csvParseCount.seconds.toFixed(2)} | ${r.csvParseCount.rowsPerSec.toLocaleString('en-GB')} | ${r.csvParseCount.peakRssMB} |`,
    );
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = process.argv[2] ? Number(process.argv[2]) : undefined;
  await benchCrimeImport(rows);
}
