/**
 * `population import --file pop.csv [--source text] [--illustrative]`: replaces the population
 * figures (format in server/areas/population.ts: area_code,sex,age_band,count[,source]).
 * `population margins [--out margins.csv]`: weighting targets (variable,category,target) for sex,
 * age band and ward from those figures, for `weight --margins`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parsePopulationCsv, replacePopulation } from '../../areas/population.js';
import { ILLUSTRATIVE_TARGETS_NOTICE } from '../../notices.js';
import { marginsToCsv } from '../../weighting/margins.js';
import { marginsFromPopulation } from '../../weighting/population-margins.js';
import { flags, UsageError, type CliIO } from '../io.js';

export const usage = `population import --file pop.csv [--source text] [--illustrative]
  columns area_code,sex,age_band,count[,source]; '*' for all sexes / ages; replaces all figures.
  --illustrative marks made-up figures, which every output then labels.
population margins [--out margins.csv]
  weighting targets variable,category,target for sex, age_band and ward.`;

export async function populationCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return await populationImport(rest, io);
  if (sub === 'margins') return await margins(rest, io);
  throw new UsageError(sub ? `Unknown population command '${sub}'.` : 'Say import or margins.');
}

async function populationImport(args: string[], { store, out }: CliIO): Promise<number> {
  const f = flags(args, { file: { type: 'string' }, source: { type: 'string' }, illustrative: { type: 'boolean' } }, ['file']);
  let text: string;
  try {
    text = readFileSync(f.file!, 'utf8');
  } catch {
    throw new UsageError(`Cannot read the population file ${f.file}.`);
  }
  const illustrative = f.illustrative ?? false;
  const rows = parsePopulationCsv(text, { source: f.source ?? `imported from ${basename(f.file!)}`, illustrative });
  const r = await replacePopulation(store, rows);
  out(`Imported ${r.rows} population figures for ${r.areas} areas (all previous figures replaced).`);
  if (illustrative) out('They are marked ILLUSTRATIVE: every output that uses them will say so.');
  return 0;
}

async function margins(args: string[], { store, out, err }: CliIO): Promise<number> {
  const f = flags(args, { out: { type: 'string' } });
  // The same targets (and refusal when there are none) as weighting to the population.
  const result = await marginsFromPopulation(store.db);
  const csv = marginsToCsv(result.margins);
  if (f.out) {
    writeFileSync(f.out, csv);
    err(`Wrote ${f.out} (${result.margins.map((m) => `${m.variable}: ${m.categories.length}`).join(', ')}).`);
  } else out(csv.trimEnd());
  if (result.illustrative) err(ILLUSTRATIVE_TARGETS_NOTICE);
  return 0;
}
