/**
 * Weighting margins from the population table: adults by sex, by age band and by ward, summed over
 * the ward × sex × age band cells. The variable names are the resident questionnaire's question
 * names (sex, age_band, ward) so the margins apply directly to its answers.
 */
import type { Db } from '../store/open.js';
import { MarginsError, type Margin } from './margins.js';
import { hasPopulation, populationCells } from './queries.js';

export type MarginVariable = 'sex' | 'age_band' | 'ward';

/** The population as targets, or a MarginsError (422) saying what to import. */
export async function marginsFromPopulation(
  db: Db,
  variables: MarginVariable[] = ['sex', 'age_band', 'ward'],
): Promise<{ margins: Margin[]; illustrative: boolean }> {
  if (!(await hasPopulation(db))) {
    throw new MarginsError('There is no population to weight to yet. Add it on the Data page (or with `population import`), or upload a margins file.');
  }
  const rows = await populationCells(db);
  if (!rows.length) {
    throw new MarginsError('There is no population by ward × sex × age band to weight to. Add it on the Data page (or with `population import`).');
  }
  const key: Record<MarginVariable, (r: (typeof rows)[number]) => string> = {
    sex: (r) => r.sex,
    age_band: (r) => r.ageBand,
    ward: (r) => r.areaCode,
  };
  const margins: Margin[] = variables.map((variable) => {
    const totals = new Map<string, number>();
    for (const r of rows) totals.set(key[variable](r), (totals.get(key[variable](r)) ?? 0) + r.count);
    const categories = [...totals.keys()].sort();
    return { variable, questions: [variable], categories, targets: categories.map((c) => totals.get(c)!) };
  });
  return { margins, illustrative: rows.some((r) => r.illustrative) };
}
