/**
 * Paper returns: forms keyed in by an officer through the questionnaire, and CSV files of forms
 * typed up elsewhere. Both go through the same validation as web answers; nothing is stored when
 * something is refused.
 *
 * Keying in is repeat-safe twice over: the number written on the paper form (`reference`) becomes
 * the idempotency key, so the same form keyed twice is stored once and the officer is told; without
 * a reference, the key the page generated for the form does it (a double click or a retry after a
 * dropped connection stores one row). Keys are scoped to the wave.
 */
import { audit } from '../accounts/audit.js';
import { Unprocessable } from '../errors.js';
import { csvRow } from '../formats/csv.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave, type SurveyRow, validatorFor, type WaveRow, waveClosedReason } from '../surveys/surveys.js';
import { questionWording, textOf } from '../surveys/wording.js';
import { flatten } from '../validation/flatten.js';
import type { AnswerError, QuestionSpec } from '../validation/index.js';
import { importResponses } from './import.js';
import { countsBySource, storedAnswers, storeResponse } from './queries.js';
import {
  type ImportColumn,
  type ImportOutcome,
  type IntakeProblem,
  type KeyedIn,
  type KeyedInBefore,
  MAX_REFERENCE_LENGTH,
  type PaperEntry,
  type PaperForm,
} from './schemas.js';

export type { ImportColumn, ImportOutcome, IntakeProblem, PaperEntry, PaperForm };
export { MAX_REFERENCE_LENGTH };

/** Largest CSV accepted by the officer API: about 30,000 resident returns (a row is about 300 bytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Rejected rows listed in one answer; the count says how many there were in all. */
export const MAX_REJECTED_LISTED = 500;
/** Who keyed in or imported the forms (written to the audit log); none from the CLI. */
export type Officer = { id: number } | null | undefined;

interface Wording {
  titles: Map<string, string>;
  labels: Map<string, Map<string, string>>;
}

const wordingCache = new WeakMap<object, Wording>();

/** Question wording and choice labels as written in the questionnaire, with its other/none/… items. */
function wordingOf(survey: SurveyRow): Wording {
  const key = survey.definition as object;
  let w = wordingCache.get(key);
  if (w) return w;
  w = { titles: new Map(), labels: new Map() };
  const written = questionWording(survey.definition);
  for (const q of flatten(survey.definition).questions) {
    const title = written.get(q.name)?.title;
    if (title) w.titles.set(q.name, title);
    const labels = new Map(written.get(q.name)?.choices);
    for (const [prop, value, label] of [
      ['showOtherItem', 'other', 'Other (describe it in the -Comment column)'],
      ['showNoneItem', 'none', 'None'],
      ['showDontKnowItem', 'dontknow', "Don't know"],
      ['showRefuseItem', 'refused', 'Refused to answer'],
    ] as const) {
      if (q.element[prop] === true || (prop === 'showOtherItem' && q.element.hasOther === true) || (prop === 'showNoneItem' && q.element.hasNone === true)) {
        const own = textOf(
          q.element[
            prop
              .replace(/^show/, '')
              .replace(/Item$/, 'Text')
              .replace(/^./, (ch) => ch.toLowerCase())
          ],
        );
        labels.set(value, own ?? label);
      }
    }
    w.labels.set(q.name, labels);
  }
  wordingCache.set(key, w);
  return w;
}

function withTitles(survey: SurveyRow, errors: AnswerError[]): IntakeProblem[] {
  const { titles } = wordingOf(survey);
  return errors.map((e) => ({ ...e, title: e.question ? (titles.get(e.question) ?? null) : null }));
}

function describeColumn(spec: QuestionSpec, wording: Wording): ImportColumn {
  const labels = wording.labels.get(spec.name) ?? new Map<string, string>();
  const values = [...spec.choices, ...spec.specialValues].map((v) => ({ value: String(v), label: labels.get(String(v)) ?? String(v) }));
  const range = (what: string) =>
    spec.min !== undefined && spec.max !== undefined
      ? `${what} from ${spec.min} to ${spec.max}`
      : spec.min !== undefined
        ? `${what} of at least ${spec.min}`
        : spec.max !== undefined
          ? `${what} of at most ${spec.max}`
          : what;
  let write: string;
  switch (spec.kind) {
    case 'single':
      write = 'One of the values listed.';
      break;
    case 'multi':
      write = `One or more of the values listed, separated by ; (for example ${values
        .slice(0, 2)
        .map((v) => v.value)
        .join(';')}).`;
      break;
    case 'rating':
      write = `One of the ratings ${values.map((v) => v.value).join(', ')}.`;
      values.length = 0;
      break;
    case 'boolean':
      write = 'true or false.';
      values.length = 0;
      break;
    case 'number':
      write = `${range('A number')}.`;
      break;
    default:
      write = `Free text${spec.maxLength ? `, up to ${spec.maxLength} characters` : ''}.`;
  }
  return {
    name: spec.name,
    question: wording.titles.get(spec.name) ?? spec.name,
    write,
    values,
    required: spec.requiredIf ? `when ${spec.requiredIf}` : spec.required ? 'yes' : 'no',
    askedWhen: spec.visibleIf ?? null,
  };
}

/** The columns an import of this survey accepts: each question, then its comment box if it has one. */
export function importColumns(survey: SurveyRow): ImportColumn[] {
  const wording = wordingOf(survey);
  const out: ImportColumn[] = [];
  for (const spec of validatorFor(survey).questions) {
    out.push(describeColumn(spec, wording));
    if (spec.hasOther || spec.hasComment) {
      out.push({
        name: `${spec.name}-Comment`,
        question: `${wording.titles.get(spec.name) ?? spec.name}: ${spec.hasOther ? "what 'other' is" : 'comment'}`,
        write: `Free text${spec.maxLength ? `, up to ${spec.maxLength} characters` : ''}.`,
        values: [],
        required: spec.hasOther ? `when ${spec.name} is other` : 'no',
        askedWhen: spec.hasOther ? `${spec.name} is other` : (spec.visibleIf ?? null),
      });
    }
  }
  return out;
}

/** The template an officer fills: one header row of the columns an import accepts. */
export async function importTemplate(store: Store, slug: string): Promise<{ csv: string; filename: string }> {
  const survey = await findSurvey(store.db, slug);
  const names = importColumns(survey).map((c) => c.name);
  return { csv: `${csvRow(names)}\r\n`, filename: `${survey.slug}-import-template.csv` };
}

/** The same columns described, one line each, to open beside the template. */
export async function importGuide(store: Store, slug: string): Promise<{ csv: string; filename: string }> {
  const survey = await findSurvey(store.db, slug);
  const lines = [csvRow(['column', 'question', 'what to write', 'values (value = meaning)', 'required', 'asked only when'])];
  for (const c of importColumns(survey)) {
    lines.push(csvRow([c.name, c.question, c.write, c.values.map((v) => `${v.value} = ${v.label}`).join(' | '), c.required, c.askedWhen ?? '']));
  }
  // A byte-order mark so spreadsheet programs read the wording (curly quotes, accents) as UTF-8.
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, filename: `${survey.slug}-import-guide.csv` };
}

async function storedCounts(store: Store, wave: WaveRow): Promise<PaperForm['stored']> {
  const rows = await countsBySource(store, wave.id);
  const by = new Map(rows.map((r) => [r.source, r.n]));
  return { paper: by.get('paper') ?? 0, import: by.get('import') ?? 0, all: rows.reduce((a, r) => a + r.n, 0) };
}

/** What the paper page needs: the questionnaire, the wave's state, the import columns. */
export async function paperForm(store: Store, slug: string, waveName: string): Promise<PaperForm> {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  return {
    survey: { slug: survey.slug, title: survey.title, version: survey.version },
    wave: { name: wave.name, status: wave.status, closedReason: waveClosedReason(wave) },
    definition: survey.definition as Record<string, unknown>,
    stored: await storedCounts(store, wave),
    columns: importColumns(survey),
    maxImportBytes: MAX_IMPORT_BYTES,
    maxReferenceLength: MAX_REFERENCE_LENGTH,
  };
}

/** JSON with object keys sorted, so two answer sets compare equal whatever order they came in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The key a paper form is stored under: its reference if it has one, else the page's key. */
function paperKey(wave: WaveRow, entry: PaperEntry): string | null {
  if (entry.reference) return `paper:${wave.id}:ref:${entry.reference.toUpperCase()}`;
  if (entry.idempotencyKey) return `paper:${wave.id}:key:${entry.idempotencyKey}`;
  return null;
}

export const ANSWERS_REFUSED = 'Some answers need attention. Nothing was stored.';

/**
 * Validates and stores one keyed-in paper form (source 'paper', never synthetic), audited
 * 'paper.keyed' (never the answers). Refused answers: 422 with the problems and their wording.
 */
export async function keyInPaperForm(store: Store, slug: string, waveName: string, entry: PaperEntry, officer?: Officer): Promise<KeyedIn | KeyedInBefore> {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  const result = validatorFor(survey).validate(entry.answers);
  if (!result.ok) throw new Unprocessable(ANSWERS_REFUSED, { body: { errors: withTitles(survey, result.errors) } });
  const reference = entry.reference ?? null;
  const stored = await storeResponse(store, {
    waveId: wave.id,
    status: 'complete',
    answers: result.answers,
    surveyVersion: survey.version,
    source: 'paper',
    synthetic: false,
    idempotencyKey: paperKey(wave, entry),
    dayOnly: survey.audience === 'youth',
  });
  if (!stored.duplicate) {
    await audit(store, officer, 'paper.keyed', { survey: slug, wave: waveName, id: stored.id, reference });
    return { id: stored.id, reference, duplicate: false };
  }
  const existing = await storedAnswers(store, stored.id, wave.id);
  const sameAnswers = existing !== undefined && canonical(existing) === canonical(result.answers);
  const message = reference
    ? sameAnswers
      ? `Form ${reference} was already keyed in with these answers (response ${stored.id}); it is stored once.`
      : `Form ${reference} was already keyed in (response ${stored.id}) with different answers; nothing new was stored. Check the number written on the form: if it is another form, correct the reference.`
    : `This form was already saved (response ${stored.id}); it is stored once.`;
  return { id: stored.id, reference, duplicate: true, sameAnswers, message };
}

/** A file that is not UTF-8 (Excel's plain "CSV" on Windows) would be read wrongly: say how to save it. */
function checkEncoding(csv: Buffer): void {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(csv);
  } catch {
    throw new Unprocessable('The file is not UTF-8 text. In Excel choose "Save as" → "CSV UTF-8 (Comma delimited)", then import that file.');
  }
}

/** A paper-returns CSV and how to read it: the wave, and the optional weight and sample-design columns. */
export interface PaperFileOptions {
  slug: string;
  wave: string;
  csv: Buffer;
  skipInvalid: boolean;
  weightColumn?: string;
  stratumColumn?: string;
  psuColumn?: string;
  fpcColumn?: string;
}

/**
 * Imports a CSV of returns into a wave (importResponses: every row validated, all or nothing,
 * the same file twice adds nothing). Returns the report with question wording on each problem;
 * `stored: false` when rows were rejected and skipInvalid was not set (then nothing is stored).
 */
export async function importCsv(
  store: Store,
  opts: PaperFileOptions & {
    /** Rejected rows to list (default MAX_REJECTED_LISTED; the CLI lists all). */
    maxListed?: number;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportOutcome> {
  checkEncoding(opts.csv);
  if (opts.csv.length === 0 || !opts.csv.toString('utf8').trim())
    throw new Unprocessable('The file is empty: it needs a header row of question names and one row per paper form.');
  const survey = await findSurvey(store.db, opts.slug);
  const report = await importResponses(store, {
    slug: opts.slug,
    wave: opts.wave,
    csv: opts.csv,
    skipInvalid: opts.skipInvalid,
    weightColumn: opts.weightColumn,
    stratumColumn: opts.stratumColumn,
    psuColumn: opts.psuColumn,
    fpcColumn: opts.fpcColumn,
    onProgress: opts.onProgress,
  });
  // No rows means nothing was stored; the template as downloaded is such a file.
  if (report.rows === 0) throw new Unprocessable('The file has only the header row: add one row per paper form below it.');
  return {
    ...report,
    unmatched: report.unmatched.slice(0, opts.maxListed ?? MAX_REJECTED_LISTED),
    rejected: report.rejected.slice(0, opts.maxListed ?? MAX_REJECTED_LISTED).map((r) => ({ line: r.line, errors: withTitles(survey, r.errors) })),
    rejectedCount: report.rejected.length,
    skipInvalid: opts.skipInvalid,
    weightColumn: opts.weightColumn ?? null,
    stratumColumn: opts.stratumColumn ?? null,
    psuColumn: opts.psuColumn ?? null,
    fpcColumn: opts.fpcColumn ?? null,
  };
}

/** The sentence for an import that stored nothing because rows were rejected. */
function rejectedMessage(o: ImportOutcome): string {
  const rows = o.rejectedCount === 1 ? '1 row was' : `${o.rejectedCount} rows were`;
  const words = o.unmatched.length
    ? ` ${o.unmatched.length === 1 ? '1 answer matches' : `${o.unmatched.length} answers match`} no choice of its question (by code or wording): ${o.unmatched
        .slice(0, 5)
        .map((u) => `line ${u.line}, ${u.column}: '${u.value}'`)
        .join('; ')}${o.unmatched.length > 5 ? '; …' : ''}.`
    : '';
  return `${rows} rejected (of ${o.rows}), so nothing was stored. Correct ${o.rejectedCount === 1 ? 'it' : 'them'} in the file and import it again, or import the other rows and skip ${o.rejectedCount === 1 ? 'it' : 'these'}.${words}`;
}

/**
 * The officer API's import: importCsv, then a 422 `{ error, rejected, … }` when rows were
 * rejected and nothing stored, or the report, audited 'responses.import'.
 */
export async function importPaperFile(store: Store, opts: PaperFileOptions, officer?: Officer): Promise<ImportOutcome> {
  const outcome = await importCsv(store, opts);
  if (!outcome.stored) throw new Unprocessable(rejectedMessage(outcome), { body: outcome });
  await audit(store, officer, 'responses.import', {
    survey: opts.slug,
    wave: opts.wave,
    rows: outcome.rows,
    imported: outcome.imported,
    alreadyPresent: outcome.alreadyPresent,
    rejected: outcome.rejectedCount,
    skipInvalid: opts.skipInvalid,
    weightColumn: outcome.weightColumn,
    stratumColumn: outcome.stratumColumn,
    psuColumn: outcome.psuColumn,
    fpcColumn: outcome.fpcColumn,
    bytes: opts.csv.length,
  });
  return outcome;
}
