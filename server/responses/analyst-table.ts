/**
 * The anonymised responses as analysts' packages read them (the SPSS file and the R bundle both write
 * this): the columns of the CSV export, each with a valid variable name, the question wording as its
 * label and, for answers chosen from a list, numeric codes with the choice texts as value labels.
 *
 * Coding, so the SPSS and R files agree:
 * - a single choice (radiogroup, dropdown, a rating with text values): its options numbered 1..k in
 *   questionnaire order, then the extra items shown (other, none, don't know, refused), then any value
 *   found in the data that the questionnaire no longer lists (labelled with the value itself); when
 *   every option is a number (a numeric rating), the number itself, labelled with its text;
 * - a multiple choice (checkbox, tagbox): one 0/1 variable per option, `<question>_<option>`,
 *   labelled "<wording>: <option text>"; all missing when the question was not answered;
 * - yes/no (boolean): 1 = yes, 0 = no; numbers as they are; free text as text;
 * - `created_at` as a date-time (UTC); `synthetic` 1 for made-up demo rows, 0 for real ones;
 * - the words typed in an "other, please say" or comment box as text, `<question>_other_text` or
 *   `<question>_comment`, after every other column (so the earlier columns keep their places).
 * A question not answered is missing (SPSS system-missing, R NA).
 */
import { SYNTHETIC_ROW_MARK, syntheticExportNotice } from '../notices.js';
import { spssNames } from '../formats/sav.js';
import type { Db } from '../store/open.js';
import { findSurvey, validatorFor } from '../surveys/surveys.js';
import { type QuestionWording, questionWording } from '../surveys/wording.js';
import type { QuestionSpec } from '../validation/types.js';
import { type CommentColumn, commentColumns, type ExportedResponse, exportResponses } from './export.js';

export interface AnalystVariable {
  /** A valid SPSS name, also usable in R. */
  name: string;
  /** The question (or column) it comes from. */
  source: string;
  label: string;
  type: 'numeric' | 'string' | 'datetime';
  measure: 'nominal' | 'ordinal' | 'scale';
  /** Digits after the point shown for a number. */
  decimals: number;
  /** Code → text, for a variable of codes. */
  valueLabels?: [code: number, text: string][];
}

export interface AnalystTable {
  variables: AnalystVariable[];
  /** One per response, a value per variable: numbers (datetime: an ISO 8601 UTC string), strings or null. */
  rows: (number | string | null)[][];
  /** Set when some rows are synthetic demo data. */
  notice: string | null;
}

type Value = number | string | null;
interface Column extends Omit<AnalystVariable, 'name'> {
  wanted: string;
  value: (r: ExportedResponse) => Value;
}

const SELECTED: [number, string][] = [
  [0, 'Not selected'],
  [1, 'Selected'],
];

/** The fixed columns of the CSV export (server/responses/export.ts), labelled. */
const META: Column[] = [
  { wanted: 'id', source: 'id', label: 'Response number', type: 'numeric', measure: 'nominal', decimals: 0, value: (r) => r.id },
  { wanted: 'wave', source: 'wave', label: 'Survey wave', type: 'string', measure: 'nominal', decimals: 0, value: (r) => r.wave },
  { wanted: 'link', source: 'link', label: 'Link it came through (school or channel)', type: 'string', measure: 'nominal', decimals: 0, value: (r) => r.link },
  { wanted: 'created_at', source: 'created_at', label: 'Received (UTC)', type: 'datetime', measure: 'scale', decimals: 0, value: (r) => r.createdAt },
  {
    wanted: 'status',
    source: 'status',
    label: 'Complete or partial (unfinished) return',
    type: 'string',
    measure: 'nominal',
    decimals: 0,
    value: (r) => r.status,
  },
  {
    wanted: 'source',
    source: 'source',
    label: 'How it came in (online, paper, import, demo)',
    type: 'string',
    measure: 'nominal',
    decimals: 0,
    value: (r) => r.source,
  },
  {
    wanted: 'synthetic',
    source: 'synthetic',
    label: 'Synthetic demo data (made up, not a real reply)',
    type: 'numeric',
    measure: 'nominal',
    decimals: 0,
    valueLabels: [
      [0, 'Real response'],
      [1, SYNTHETIC_ROW_MARK],
    ],
    value: (r) => (r.synthetic ? 1 : 0),
  },
  {
    wanted: 'survey_version',
    source: 'survey_version',
    label: 'Questionnaire version answered',
    type: 'numeric',
    measure: 'nominal',
    decimals: 0,
    value: (r) => r.surveyVersion,
  },
  { wanted: 'design_weight', source: 'design_weight', label: 'Design weight', type: 'numeric', measure: 'scale', decimals: 6, value: (r) => r.designWeight },
  {
    wanted: 'weight',
    source: 'weight',
    label: 'Analysis weight (design weight calibrated to the population)',
    type: 'numeric',
    measure: 'scale',
    decimals: 6,
    value: (r) => r.weight,
  },
];

const END: Column[] = [
  {
    wanted: 'last_page_reached',
    source: 'last_page_reached',
    label: 'Page an unfinished return last reached (1 = the first)',
    type: 'numeric',
    measure: 'ordinal',
    decimals: 0,
    value: (r) => r.lastPage,
  },
];

/** A wave's responses (all waves without one) as the analysts' table. */
export async function analystExport(db: Db, slug: string, wave?: string): Promise<AnalystTable> {
  const survey = await findSurvey(db, slug);
  return analystTable(validatorFor(survey).questions, questionWording(survey.definition), (await exportResponses(db, slug, wave)).rows);
}

/** The table for responses to a questionnaire of these questions and wording. */
export function analystTable(questions: readonly QuestionSpec[], wording: Map<string, QuestionWording>, rows: readonly ExportedResponse[]): AnalystTable {
  const columns = [
    ...META,
    ...questions.flatMap((q) => questionColumns(q, wording.get(q.name), rows)),
    ...END,
    ...commentColumns(questions).map((c) => typedTextColumn(c, wording.get(c.question))),
  ];
  const names = spssNames(columns.map((c) => c.wanted));
  const synthetic = rows.filter((r) => r.synthetic).length;
  return {
    variables: columns.map(({ wanted: _w, value: _v, ...c }, i) => ({ name: names[i], ...c })),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
    notice: syntheticExportNotice(synthetic, rows.length),
  };
}

function questionColumns(q: QuestionSpec, wording: QuestionWording | undefined, rows: readonly ExportedResponse[]): Column[] {
  const label = wording?.reportTitle ?? wording?.title ?? q.name;
  const answer = (r: ExportedResponse) => r.answers[q.name];
  const base = { source: q.name, label, decimals: 0 };
  const texts = (v: string | number | boolean) => wording?.choices.get(String(v)) ?? wording?.specialChoices.get(String(v)) ?? String(v);

  if (q.kind === 'text') return [{ ...base, wanted: q.name, type: 'string', measure: 'nominal', value: (r) => textValue(answer(r)) }];
  if (q.kind === 'number') {
    const whole = rows.every((r) => typeof answer(r) !== 'number' || Number.isInteger(answer(r)));
    return [{ ...base, wanted: q.name, type: 'numeric', measure: 'scale', decimals: whole ? 0 : 4, value: (r) => numberValue(answer(r)) }];
  }
  if (q.kind === 'boolean') {
    const [yes, no] = q.choices;
    return [
      {
        ...base,
        wanted: q.name,
        type: 'numeric',
        measure: 'nominal',
        valueLabels: [
          [0, 'No'],
          [1, 'Yes'],
        ],
        value: (r) => (answer(r) === yes ? 1 : answer(r) === no ? 0 : null),
      },
    ];
  }

  // Options in questionnaire order, then values in the data the questionnaire no longer lists.
  const options: (string | number | boolean)[] = [...q.choices, ...q.specialValues];
  const known = new Set(options.map(String));
  const found = new Set<string>();
  for (const r of rows) for (const v of [answer(r)].flat()) if (v !== null && v !== undefined && !known.has(String(v))) found.add(String(v));
  options.push(...[...found].sort());

  if (q.kind === 'multi') {
    return options.map((option) => ({
      ...base,
      wanted: `${q.name}_${option}`,
      label: `${label}: ${texts(option)}`,
      type: 'numeric',
      measure: 'nominal',
      valueLabels: SELECTED,
      value: (r) => {
        const a = answer(r);
        return Array.isArray(a) ? (a.some((v) => String(v) === String(option)) ? 1 : 0) : null;
      },
    }));
  }
  // single, or a rating: its numbers as codes when every option is one, else 1..k.
  const numeric = options.every((o) => typeof o === 'number');
  const codes = new Map(options.map((o, i) => [String(o), numeric ? (o as number) : i + 1]));
  return [
    {
      ...base,
      wanted: q.name,
      type: 'numeric',
      measure: q.kind === 'rating' ? 'ordinal' : 'nominal',
      valueLabels: options.map((o) => [codes.get(String(o))!, texts(o)]),
      value: (r) => {
        const a = answer(r);
        return a === null || a === undefined ? null : (codes.get(String(a)) ?? null);
      },
    },
  ];
}

function typedTextColumn(c: CommentColumn, wording: QuestionWording | undefined): Column {
  const label = wording?.reportTitle ?? wording?.title ?? c.question;
  const box = c.other ? `${wording?.specialChoices.get('other') ?? 'Other'} (in their own words)` : 'comment (in their own words)';
  return {
    wanted: c.name,
    source: c.key,
    label: `${label}: ${box}`,
    type: 'string',
    measure: 'nominal',
    decimals: 0,
    value: (r) => textValue(r.answers[c.key]),
  };
}

function textValue(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function numberValue(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}
