/**
 * Weighting targets from a margins file: `variable,category,target` rows.
 * One variable means post-stratification on that variable's cells; several mean raking to each
 * margin. A joint cell (as the seeds weighted by age × gender) is written as one variable whose
 * name joins question names with ':' (`sex:age_band`) and whose categories join values the same
 * way (`female:18-24`).
 */
import { parse } from 'csv-parse/sync';
import { Unprocessable } from '../errors.js';
import { MAX_PEOPLE } from '../formats/limits.js';
import type { Margin } from './schemas.js';

export type { Margin };

/**
 * Targets that cannot be used (a bad margins file, no population, targets the wave's responses
 * cannot be weighted to), with a message a person can act on: a 422.
 */
export class MarginsError extends Unprocessable {}

export function parseMargins(text: string): Margin[] {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new MarginsError(`The margins file is not valid CSV: ${(e as Error).message}`);
  }
  if (!records.length) throw new MarginsError('The margins file is empty.');
  const header = records[0].map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const [iv, ic, it] = [col('variable'), col('category'), col('target')];
  if (iv < 0 || ic < 0 || it < 0) {
    throw new MarginsError(`The margins file needs the columns variable,category,target; it has ${records[0].join(',')}.`);
  }
  const byVariable = new Map<string, Margin>();
  records.slice(1).forEach((r, i) => {
    const line = i + 2;
    const variable = r[iv] ?? '';
    const category = r[ic] ?? '';
    const raw = r[it] ?? '';
    if (!variable || !category) throw new MarginsError(`Line ${line}: variable and category must not be blank.`);
    const target = Number(raw);
    if (!raw || !Number.isFinite(target) || target <= 0) {
      throw new MarginsError(`Line ${line}: the target for ${variable} = ${category} must be a positive number, not '${raw}'.`);
    }
    if (target > MAX_PEOPLE) {
      throw new MarginsError(
        `Line ${line}: the target for ${variable} = ${category} is '${raw}', more than ${MAX_PEOPLE.toLocaleString('en-GB')} people: check the figure.`,
      );
    }
    let m = byVariable.get(variable);
    if (!m) {
      m = { variable, questions: variable.split(':'), categories: [], targets: [] };
      byVariable.set(variable, m);
    }
    if (m.categories.includes(category)) throw new MarginsError(`Line ${line}: ${variable} = ${category} appears twice.`);
    if (category.split(':').length !== m.questions.length) {
      throw new MarginsError(`Line ${line}: category '${category}' must have one value per question in '${variable}'.`);
    }
    m.categories.push(category);
    m.targets.push(target);
  });
  if (!byVariable.size) throw new MarginsError('The margins file has no targets.');
  return [...byVariable.values()];
}

/** The category a respondent falls in for a margin, or null when they did not answer one of its questions. */
export function categoryOf(margin: Margin, answers: Record<string, unknown>): string | null {
  const parts: string[] = [];
  for (const q of margin.questions) {
    const v = answers[q];
    if (v === undefined || v === null || v === '') return null;
    parts.push(String(v));
  }
  return parts.join(':');
}

export function marginsToCsv(margins: Margin[]): string {
  const lines = ['variable,category,target'];
  for (const m of margins) m.categories.forEach((c, i) => lines.push(`${m.variable},${c},${m.targets[i]}`));
  return `${lines.join('\n')}\n`;
}
