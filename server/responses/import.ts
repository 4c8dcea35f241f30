/**
 * Paper or other-tool returns from CSV: headers are question names, values are choice values,
 * blank is no answer, several choices of a multi-select are separated by ';'. Every row is checked
 * exactly like a web answer. All rows go in, in one transaction, or none do (unless the caller
 * asks to skip the rejected ones). Re-importing the same file adds nothing: each row's
 * idempotency key is the file's hash and the row number.
 *
 * A complex sample is declared by naming the columns that hold each row's stratum, PSU (cluster)
 * and finite population correction; the declaration is checked as the analysis will use it (a
 * stratum with one PSU, an fpc below the sample or varying within a stratum) before anything is stored.
 */
import { inTransaction } from '../store/transaction.js';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Store } from '../store/open.js';
import type { AnswerError } from '../validation/index.js';
import { storeResponse } from './queries.js';
import { Unprocessable } from '../errors.js';
import { MAX_DESIGN_WEIGHT } from '../formats/limits.js';
import { findSurvey, findWave, validatorFor } from '../surveys/surveys.js';
import { checkSampleDesign, type DeclaredDesign } from './sample-design.js';
import { choiceWordings, normaliseWording } from './choice-wording.js';

export interface ImportOptions {
  slug: string;
  wave: string;
  csv: string | Buffer;
  weightColumn?: string;
  /** Columns declaring a complex sample: each row's stratum, PSU (cluster) and fpc. */
  stratumColumn?: string;
  psuColumn?: string;
  fpcColumn?: string;
  skipInvalid?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface RejectedRow {
  /** 1-based line in the file, counting the header as line 1. */
  line: number;
  errors: AnswerError[];
}

/** A written answer that is neither a choice's code nor its wording. */
export interface UnmatchedValue {
  line: number;
  column: string;
  value: string;
}

export interface ImportReport {
  /** Answers matching no choice code or wording, in file order (their rows are rejected). */
  unmatched: UnmatchedValue[];
  rows: number;
  imported: number;
  alreadyPresent: number;
  rejected: RejectedRow[];
  stored: boolean;
}

const MULTI_SEPARATOR = ';';

export async function importResponses(store: Store, opts: ImportOptions): Promise<ImportReport> {
  const survey = await findSurvey(store.db, opts.slug);
  const wave = await findWave(store.db, survey, opts.wave);
  const validator = validatorFor(survey);
  const kinds = validator.questionKinds;
  const wordings = choiceWordings(survey.definition);
  const unmatched: UnmatchedValue[] = [];
  /** The choice's code for a code or wording as written; unmatched ones are kept as written, and listed. */
  const choiceOf = (line: number, column: string, written: string): string => {
    const words = wordings.get(column);
    if (!words) return written;
    const code = words.get(normaliseWording(written));
    if (code !== undefined) return code;
    unmatched.push({ line, column, value: written });
    return written;
  };

  let records: string[][];
  try {
    records = parse(opts.csv, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (e) {
    throw new Unprocessable(`The file is not a readable CSV: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new Unprocessable('The file is empty: it needs a header row of question names.');
  const header = records[0].map((h) => h.trim());
  const weightIndex = opts.weightColumn === undefined ? -1 : header.indexOf(opts.weightColumn);
  if (opts.weightColumn !== undefined && weightIndex < 0) {
    throw new Unprocessable(`The file has no column '${opts.weightColumn}' for the design weight.`);
  }
  const column = (name: string | undefined, what: string) => {
    if (name === undefined) return -1;
    const i = header.indexOf(name);
    if (i < 0) throw new Unprocessable(`The file has no column '${name}' for the ${what}.`);
    return i;
  };
  const stratumIndex = column(opts.stratumColumn, 'stratum');
  const psuIndex = column(opts.psuColumn, 'PSU (cluster)');
  const fpcIndex = column(opts.fpcColumn, 'finite population correction');
  const designColumns = [weightIndex, stratumIndex, psuIndex, fpcIndex].filter((i) => i >= 0);
  if (new Set(designColumns).size < designColumns.length) throw new Unprocessable('The weight, stratum, PSU and fpc must each be a different column.');
  const unknown = header.filter((h, i) => !designColumns.includes(i) && !kinds.has(h) && !h.endsWith('-Comment'));
  if (unknown.length) {
    throw new Unprocessable(`Column(s) ${unknown.map((h) => `'${h}'`).join(', ')} are not questions of '${survey.slug}'. Headers must be question names.`);
  }

  const fileHash = createHash('sha256').update(opts.csv).digest('hex').slice(0, 16);
  const rows: { line: number; answers: Record<string, unknown>; weight: number; design: DeclaredDesign }[] = [];
  const rejected: RejectedRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const line = r + 1;
    const answers: Record<string, unknown> = {};
    const errors: AnswerError[] = [];
    let weight = 1;
    const design: DeclaredDesign = { stratum: null, psu: null, fpc: null };
    records[r].forEach((raw, i) => {
      const value = raw.trim();
      if (i === stratumIndex || i === psuIndex) {
        const what = i === stratumIndex ? 'stratum' : 'PSU (cluster)';
        if (value === '') errors.push({ question: null, message: `The ${what} is blank; every row needs one.` });
        else design[i === stratumIndex ? 'stratum' : 'psu'] = value;
        // A question can be the stratum too (the ward of a ward-stratified sample): still an answer.
        if (!kinds.has(header[i])) return;
      }
      if (i === fpcIndex) {
        const fpc = Number(value);
        if (value === '' || !Number.isFinite(fpc) || fpc <= 0) {
          errors.push({
            question: null,
            message: `The finite population correction '${value}' is not a positive number (the population of the stratum, or the sampling fraction).`,
          });
        } else design.fpc = fpc;
        return;
      }
      if (i === weightIndex) {
        weight = Number(value);
        if (value === '' || !Number.isFinite(weight) || weight <= 0) {
          errors.push({ question: null, message: `The design weight '${value}' is not a positive number.` });
        } else if (weight > MAX_DESIGN_WEIGHT) {
          errors.push({ question: null, message: `The design weight '${value}' is more than ${MAX_DESIGN_WEIGHT.toLocaleString('en-GB')}: check the figure.` });
        }
        return;
      }
      if (value === '') return;
      const name = header[i];
      const kind = kinds.get(name);
      if (kind === 'multi')
        answers[name] = value
          .split(MULTI_SEPARATOR)
          .map((v) => v.trim())
          .filter(Boolean)
          .map((v) => choiceOf(line, name, v));
      else if (kind === 'single') answers[name] = choiceOf(line, name, value);
      else if (kind === 'number' || kind === 'rating') answers[name] = Number.isNaN(Number(value)) ? value : Number(value);
      else if (kind === 'boolean') answers[name] = value === 'true' ? true : value === 'false' ? false : value;
      else answers[name] = value;
    });
    const result = validator.validate(answers);
    if (!result.ok) errors.push(...result.errors);
    if (errors.length) rejected.push({ line, errors });
    else rows.push({ line, answers: result.ok ? result.answers : answers, weight, design });
  }

  const report: ImportReport = { unmatched, rows: records.length - 1, imported: 0, alreadyPresent: 0, rejected, stored: false };
  if (rejected.length && !opts.skipInvalid) return report;
  if (stratumIndex >= 0 || psuIndex >= 0 || fpcIndex >= 0) checkSampleDesign(rows);

  await inTransaction(store, async () => {
    for (const [i, row] of rows.entries()) {
      const result = await storeResponse(store, {
        waveId: wave.id,
        status: 'complete',
        answers: row.answers,
        surveyVersion: survey.version,
        source: 'import',
        designWeight: row.weight,
        ...row.design,
        idempotencyKey: `import:${fileHash}:${row.line}`,
        dayOnly: survey.audience === 'youth',
      });
      if (result.duplicate) report.alreadyPresent++;
      else report.imported++;
      if (opts.onProgress && (i % 500 === 0 || i === rows.length - 1)) opts.onProgress(i + 1, rows.length);
    }
  });
  report.stored = true;
  return report;
}
