/**
 * Population figures (denominators of crime rates, targets for weighting) from a CSV file:
 *
 *   area_code,sex,age_band,count[,source]
 *   E05004982,female,18-24,312,ONS mid-2019 estimates
 *   E05004982,*,*,8123,ONS mid-2019 estimates
 *
 * area_code is a ward code from the areas table; sex and age_band are the questionnaire's codes
 * (female/male, 18-24 … 75+), or `*` for "all"; count ≥ 0. `source` says where the figure comes
 * from (a file-wide default can be given instead). An import replaces all population figures at
 * once (so real figures replace the demo's illustrative ones); nothing is stored when any line is
 * wrong. Figures flagged illustrative are labelled so wherever they are shown.
 */
import { parse } from 'csv-parse/sync';
import { Unprocessable } from '../errors.js';
import { MAX_PEOPLE } from '../formats/limits.js';
import type { Store } from '../store/open.js';
import { ensureAreas } from './areas.js';
import { areaCodes, type PopulationCell, populationCells, replacePopulationRows } from './queries.js';

/** A population file that cannot be used (422); nothing is changed. */
export class PopulationError extends Unprocessable {}

export const POPULATION_COLUMNS = ['area_code', 'sex', 'age_band', 'count'] as const;
const ALL = '*';

/** One population figure as parsed (the shape stored). */
export type PopulationRow = PopulationCell;

export function parsePopulationCsv(text: string, { source, illustrative = false }: { source?: string; illustrative?: boolean } = {}): PopulationRow[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (e) {
    throw new PopulationError(`The population file is not valid CSV: ${(e as Error).message}`);
  }
  if (!records.length) throw new PopulationError('The population file is empty.');
  const header = records[0].map((h) => h.toLowerCase());
  const missing = POPULATION_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new PopulationError(`The population file needs the columns ${POPULATION_COLUMNS.join(',')}[,source]; it lacks ${missing.join(', ')}.`);
  }
  const at = (name: string) => header.indexOf(name);
  const [ia, is, ib, ic, isrc] = [...POPULATION_COLUMNS, 'source'].map(at);
  if (isrc < 0 && !source) throw new PopulationError('Say where the figures come from: add a source column or give --source.');
  const seen = new Set<string>();
  const rows = records.slice(1).map((r, i): PopulationRow => {
    const line = i + 2;
    const [areaCode, sex, ageBand, raw] = [r[ia] ?? '', r[is] || ALL, r[ib] || ALL, r[ic] ?? ''];
    if (!areaCode) throw new PopulationError(`Line ${line}: the area_code is blank.`);
    const count = Number(raw);
    if (raw === '' || !Number.isFinite(count) || count < 0) {
      throw new PopulationError(`Line ${line}: the count for ${areaCode} ${sex} ${ageBand} must be a number ≥ 0, not '${raw}'.`);
    }
    if (count > MAX_PEOPLE) {
      throw new PopulationError(
        `Line ${line}: the count for ${areaCode} ${sex} ${ageBand} is '${raw}', more than ${MAX_PEOPLE.toLocaleString('en-GB')} people: check the figure.`,
      );
    }
    const key = `${areaCode}|${sex}|${ageBand}`;
    if (seen.has(key)) throw new PopulationError(`Line ${line}: ${areaCode} ${sex} ${ageBand} appears twice.`);
    seen.add(key);
    const rowSource = (isrc >= 0 ? r[isrc] : '') || source;
    if (!rowSource) throw new PopulationError(`Line ${line}: the source is blank (or give --source).`);
    return { areaCode, sex, ageBand, count, source: rowSource, illustrative };
  });
  if (!rows.length) throw new PopulationError('The population file has a header but no figures.');
  return rows;
}

/** Replaces all population figures with `rows`, after checking every area code is a known area. */
export async function replacePopulation(store: Store, rows: PopulationRow[]): Promise<{ rows: number; areas: number }> {
  await ensureAreas(store);
  const known = await areaCodes(store.db);
  const unknown = [...new Set(rows.map((r) => r.areaCode).filter((c) => !known.has(c)))];
  if (unknown.length) {
    throw new PopulationError(
      `Unknown area code${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}: use ward codes (e.g. E05004982).`,
    );
  }
  await replacePopulationRows(store.db, rows);
  return { rows: rows.length, areas: new Set(rows.map((r) => r.areaCode)).size };
}

/** Total population per ward: its '*'/'*' row, else the sum of its sex × age band cells. */
export async function populationByWard(store: Store): Promise<Map<string, number>> {
  const rows = await populationCells(store.db);
  const total = new Map<string, number>();
  const cells = new Map<string, number>();
  for (const r of rows) {
    if (r.sex === '*' && r.ageBand === '*') total.set(r.areaCode, r.count);
    else if (r.sex !== '*' && r.ageBand !== '*') cells.set(r.areaCode, (cells.get(r.areaCode) ?? 0) + r.count);
  }
  for (const [code, n] of cells) if (!total.has(code)) total.set(code, n);
  return total;
}
