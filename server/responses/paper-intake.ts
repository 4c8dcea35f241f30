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
import { and, count, eq } from 'drizzle-orm';
import type { Store } from '../store/open.js';
import { responses } from '../store/schema.js';
import type { AnswerError, QuestionSpec } from '../validation/index.js';
import { flatten } from '../validation/flatten.js';
import { importResponses, type ImportReport } from './import.js';
import { storeResponse } from './responses.js';
import { findSurvey, findWave, NotAvailable, validatorFor, waveClosedReason, type SurveyRow, type WaveRow } from '../surveys/surveys.js';

/** Largest CSV accepted by the officer API: about 30,000 resident returns (a row is about 300 bytes). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** Rejected rows listed in one answer; the count says how many there were in all. */
export const MAX_REJECTED_LISTED = 500;
/** The number written on a paper form: short, so it fits the key and reads back in a message. */
export const MAX_REFERENCE_LENGTH = 40;
const REFERENCE = /^[\p{L}\p{N}][\p{L}\p{N} ._/#-]*$/u;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;
const ENVELOPE_KEYS = new Set(['answers', 'reference', 'idempotencyKey']);

/** One problem with an answer, with the question's wording when it is about one question. */
export interface IntakeProblem extends AnswerError {
  title: string | null;
}

/** One column an import accepts, described for the officer preparing the file. */
export interface ImportColumn {
  name: string;
  /** The question as respondents read it (or what the box is for, for `-Comment` columns). */
  question: string;
  /** What to write in the cell, in words. */
  write: string;
  /** The values the column accepts, with what each means on the form (choice questions). */
  values: { value: string; label: string }[];
  /** 'yes', 'no', or the condition under which it is required. */
  required: string;
  /** The condition under which the question is asked at all, if any (otherwise leave blank). */
  askedWhen: string | null;
}

export interface PaperForm {
  survey: { slug: string; title: string; version: number };
  wave: {
    name: string;
    status: WaveRow['status'];
    /** Why the wave takes no web answers now (closed, not open yet, past its dates), or null. */
    closedReason: string | null;
  };
  definition: Record<string, unknown>;
  /** Stored returns of the wave by how they arrived (complete and partial). */
  stored: { paper: number; import: number; all: number };
  columns: ImportColumn[];
  maxImportBytes: number;
  maxReferenceLength: number;
}

export interface PaperEntry {
  answers: unknown;
  reference?: string;
  idempotencyKey?: string;
}

export type PaperOutcome =
  | { kind: 'stored'; id: number; reference: string | null }
  | { kind: 'duplicate'; id: number; reference: string | null; sameAnswers: boolean; message: string }
  | { kind: 'refused'; errors: IntakeProblem[] };

/** An import that stored rows (or found them all there already). */
export interface ImportOutcome extends Omit<ImportReport, 'rejected'> {
  rejected: { line: number; errors: IntakeProblem[] }[];
  /** All rejected rows; `rejected` lists at most MAX_REJECTED_LISTED of them. */
  rejectedCount: number;
  skipInvalid: boolean;
  weightColumn: string | null;
}

/** Text of a SurveyJS title or choice text: a string, or the default of a localised one. */
function textOf(t: unknown): string | undefined {
  const s = typeof t === 'string' ? t : t && typeof t === 'object' ? ((t as Record<string, unknown>).default ?? (t as Record<string, unknown>).en) : undefined;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
}

interface Wording {
  titles: Map<string, string>;
  labels: Map<string, Map<string, string>>;
}

const wordingCache = new WeakMap<object, Wording>();

/** Question wording and choice labels as written in the questionnaire. */
function wordingOf(survey: SurveyRow): Wording {
  const key = survey.definition as object;
  let w = wordingCache.get(key);
  if (w) return w;
  w = { titles: new Map(), labels: new Map() };
  for (const q of flatten(survey.definition).questions) {
    const title = textOf(q.element.title);
    if (title) w.titles.set(q.name, title);
    const labels = new Map<string, string>();
    const choices = Array.isArray(q.element.choices) ? q.element.choices : [];
    for (const c of choices) {
      if (c && typeof c === 'object') {
        const value = (c as Record<string, unknown>).value;
        labels.set(String(value), textOf((c as Record<string, unknown>).text) ?? String(value));
      } else labels.set(String(c), String(c));
    }
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

function csvCell(s: string): string {
  return /[",\r\n;]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The template an officer fills: one header row of the columns an import accepts. */
export function importTemplate(store: Store, slug: string): { csv: string; filename: string } {
  const survey = findSurvey(store.db, slug);
  const names = importColumns(survey).map((c) => c.name);
  return { csv: `${names.map(csvCell).join(',')}\r\n`, filename: `${survey.slug}-import-template.csv` };
}

/** The same columns described, one line each, to open beside the template. */
export function importGuide(store: Store, slug: string): { csv: string; filename: string } {
  const survey = findSurvey(store.db, slug);
  const lines = [['column', 'question', 'what to write', 'values (value = meaning)', 'required', 'asked only when'].join(',')];
  for (const c of importColumns(survey)) {
    lines.push([c.name, c.question, c.write, c.values.map((v) => `${v.value} = ${v.label}`).join(' | '), c.required, c.askedWhen ?? ''].map(csvCell).join(','));
  }
  // A byte-order mark so spreadsheet programs read the wording (curly quotes, accents) as UTF-8.
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, filename: `${survey.slug}-import-guide.csv` };
}

function storedCounts(store: Store, wave: WaveRow): PaperForm['stored'] {
  const rows = store.db.select({ source: responses.source, n: count() }).from(responses).where(eq(responses.waveId, wave.id)).groupBy(responses.source).all();
  const by = new Map(rows.map((r) => [r.source, r.n]));
  return { paper: by.get('paper') ?? 0, import: by.get('import') ?? 0, all: rows.reduce((a, r) => a + r.n, 0) };
}

/** What the paper page needs: the questionnaire, the wave's state, the import columns. */
export function paperForm(store: Store, slug: string, waveName: string): PaperForm {
  const survey = findSurvey(store.db, slug);
  const wave = findWave(store.db, survey, waveName);
  return {
    survey: { slug: survey.slug, title: survey.title, version: survey.version },
    wave: { name: wave.name, status: wave.status, closedReason: waveClosedReason(wave) },
    definition: survey.definition as Record<string, unknown>,
    stored: storedCounts(store, wave),
    columns: importColumns(survey),
    maxImportBytes: MAX_IMPORT_BYTES,
    maxReferenceLength: MAX_REFERENCE_LENGTH,
  };
}

/** Checks `{ answers, reference?, idempotencyKey? }`; a string says what is wrong with it. */
export function readPaperEntry(body: unknown): PaperEntry | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Send an object of the form { "answers": { … }, "reference": "17" }.';
  const extra = Object.keys(body).filter((k) => !ENVELOPE_KEYS.has(k));
  if (extra.length) return `Unexpected field(s) ${extra.map((k) => `'${k}'`).join(', ')}: send only answers, reference and idempotencyKey.`;
  const b = body as Record<string, unknown>;
  if (!('answers' in b)) return "The request has no 'answers'.";
  let reference: string | undefined;
  if (b.reference !== undefined && b.reference !== null) {
    if (typeof b.reference !== 'string') return "'reference' must be text: the number written on the paper form.";
    reference = b.reference.trim().replace(/\s+/g, ' ');
    if (reference === '') reference = undefined;
    else if (reference.length > MAX_REFERENCE_LENGTH)
      return `The form reference is longer than ${MAX_REFERENCE_LENGTH} characters; give the number written on the form.`;
    else if (!REFERENCE.test(reference))
      return 'The form reference may hold letters, digits, spaces and . _ / # - only, and must start with a letter or digit.';
  }
  if (b.idempotencyKey !== undefined && (typeof b.idempotencyKey !== 'string' || !IDEMPOTENCY_KEY.test(b.idempotencyKey))) {
    return "'idempotencyKey' must be 8 to 100 letters, digits or the characters _ . : -";
  }
  return { answers: b.answers, reference, idempotencyKey: b.idempotencyKey as string | undefined };
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

/** Validates and stores one keyed-in paper form (source 'paper', never synthetic). */
export function keyInPaperForm(store: Store, slug: string, waveName: string, entry: PaperEntry): PaperOutcome {
  const survey = findSurvey(store.db, slug);
  const wave = findWave(store.db, survey, waveName);
  const result = validatorFor(survey).validate(entry.answers);
  if (!result.ok) return { kind: 'refused', errors: withTitles(survey, result.errors) };
  const reference = entry.reference ?? null;
  const stored = storeResponse(store, {
    waveId: wave.id,
    status: 'complete',
    answers: result.answers,
    surveyVersion: survey.version,
    source: 'paper',
    synthetic: false,
    idempotencyKey: paperKey(wave, entry),
  });
  if (!stored.duplicate) return { kind: 'stored', id: stored.id, reference };
  const existing = store.db
    .select({ answers: responses.answers })
    .from(responses)
    .where(and(eq(responses.id, stored.id), eq(responses.waveId, wave.id)))
    .get();
  const sameAnswers = !!existing && canonical(existing.answers) === canonical(result.answers);
  const message = reference
    ? sameAnswers
      ? `Form ${reference} was already keyed in with these answers (response ${stored.id}); it is stored once.`
      : `Form ${reference} was already keyed in (response ${stored.id}) with different answers; nothing new was stored. Check the number written on the form: if it is another form, correct the reference.`
    : `This form was already saved (response ${stored.id}); it is stored once.`;
  return { kind: 'duplicate', id: stored.id, reference, sameAnswers, message };
}

/** A file that is not UTF-8 (Excel's plain "CSV" on Windows) would be read wrongly: say how to save it. */
function checkEncoding(csv: Buffer): void {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(csv);
  } catch {
    throw new NotAvailable(422, 'The file is not UTF-8 text. In Excel choose "Save as" → "CSV UTF-8 (Comma delimited)", then import that file.');
  }
}

/**
 * Imports a CSV of returns into a wave (importResponses: every row validated, all or nothing,
 * the same file twice adds nothing). Returns the report with question wording on each problem;
 * `stored: false` when rows were rejected and skipInvalid was not set (then nothing is stored).
 */
export function importCsv(store: Store, opts: { slug: string; wave: string; csv: Buffer; skipInvalid: boolean; weightColumn?: string }): ImportOutcome {
  checkEncoding(opts.csv);
  if (opts.csv.length === 0 || !opts.csv.toString('utf8').trim())
    throw new NotAvailable(422, 'The file is empty: it needs a header row of question names and one row per paper form.');
  const survey = findSurvey(store.db, opts.slug);
  const report = importResponses(store, { slug: opts.slug, wave: opts.wave, csv: opts.csv, skipInvalid: opts.skipInvalid, weightColumn: opts.weightColumn });
  // No rows means nothing was stored; the template as downloaded is such a file.
  if (report.rows === 0) throw new NotAvailable(422, 'The file has only the header row: add one row per paper form below it.');
  return {
    ...report,
    rejected: report.rejected.slice(0, MAX_REJECTED_LISTED).map((r) => ({ line: r.line, errors: withTitles(survey, r.errors) })),
    rejectedCount: report.rejected.length,
    skipInvalid: opts.skipInvalid,
    weightColumn: opts.weightColumn ?? null,
  };
}

/** The sentence for an import that stored nothing because rows were rejected. */
export function rejectedMessage(o: ImportOutcome): string {
  const rows = o.rejectedCount === 1 ? '1 row was' : `${o.rejectedCount} rows were`;
  return `${rows} rejected (of ${o.rows}), so nothing was stored. Correct ${o.rejectedCount === 1 ? 'it' : 'them'} in the file and import it again, or import the other rows and skip ${o.rejectedCount === 1 ? 'it' : 'these'}.`;
}
