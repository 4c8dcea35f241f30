/** Answers → integer codes the estimators take (-1 = not in the base). */
import { type AnswerColumns, type CodedColumn, ColumnCoder } from './answers.js';
import type { ReportBreakdown, ReportQuestion } from './types.js';

/** Respondents' answers, by respondent or already by question (./answers.ts). */
export type Answers = readonly Record<string, unknown>[] | AnswerColumns;

/** The answers to one question dictionary-coded (./answers.ts): as held, or coded here from the answers. */
function codedOf(answers: Answers, name: string): CodedColumn {
  const held = 'coded' in answers ? answers.coded?.(name) : undefined;
  if (held) return held;
  const values = 'column' in answers ? answers.column(name) : answers.map((a) => a[name]);
  const coder = new ColumnCoder(values.length);
  for (let i = 0; i < values.length; i++) coder.set(i, values[i]);
  return coder.done(values.length);
}

/**
 * Each respondent's code: `code` of their answer, run once per distinct answer (the same result as
 * running it on every answer, since it depends on the answer alone).
 */
function codeEach(answers: Answers, name: string, code: (v: unknown) => number): Int32Array {
  const { values, codes } = codedOf(answers, name);
  const byValue = Int32Array.from(values, code);
  const none = code(undefined);
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    out[i] = c < 0 ? none : byValue[c];
  }
  return out;
}

const indexCode = (index: Map<string, number>) => (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? (index.get(String(v)) ?? -1) : -1);

/** Index of each respondent's answer among the question's base categories; -1 for blank or excluded. */
export function categoryCodes(answers: Answers, q: ReportQuestion): Int32Array {
  const cats = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  return codeEach(answers, q.name, indexCode(new Map(cats.map((c, i) => [c.value, i]))));
}

/** Index of each respondent's group in a breakdown; -1 when they did not answer it. */
export function groupCodes(answers: Answers, b: ReportBreakdown): Int32Array {
  const index = new Map<string, number>();
  b.categories.forEach((c, i) => index.set(c.value, i));
  return codeEach(answers, b.name, indexCode(index));
}

/** A numeric answer per respondent (NaN when blank or not a number), and who answered. */
export function numericValues(answers: Answers, name: string): { ys: Float64Array[]; valid: Uint8Array } {
  const { values, codes } = codedOf(answers, name);
  const byValue = Float64Array.from(values, (v) => {
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(x) ? x : NaN;
  });
  const y = new Float64Array(codes.length);
  const valid = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const x = codes[i] < 0 ? NaN : byValue[codes[i]];
    y[i] = x;
    valid[i] = Number.isFinite(x) ? 1 : 0;
  }
  return { ys: [y], valid };
}

/** For a multi-select question: per option, 1 if chosen, among those who chose anything. */
export function optionIndicators(answers: Answers, q: ReportQuestion): { ys: Float64Array[]; valid: Uint8Array } {
  const options = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  const { values, codes } = codedOf(answers, q.name);
  // Per distinct answer: null when it is no choice at all, else the options chosen.
  const chosenBy = values.map((v) => {
    if (!Array.isArray(v) || !v.length) return null;
    // Choice values may be numbers in the answers (SurveyJS keeps the JSON type); categories are strings.
    const chosen = new Set(v.map(String));
    return options.flatMap((o, k) => (chosen.has(o.value) ? [k] : []));
  });
  const ys = options.map(() => new Float64Array(codes.length));
  const valid = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const chosen = codes[i] < 0 ? null : chosenBy[codes[i]];
    if (!chosen) continue;
    valid[i] = 1;
    for (const k of chosen) ys[k][i] = 1;
  }
  return { ys, valid };
}

/**
 * 1 where a respondent has a category (code ≥ 0), else 0. A plain loop: TypedArray.from with a
 * mapping function calls it per respondent and was a quarter of a report's overall figures.
 */
export function answeredMask(codes: Int32Array): Uint8Array {
  const out = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] >= 0 ? 1 : 0;
  return out;
}

/** Per respondent, the sum of some options' indicators (a net of a multi-select's options). */
export function sumOfOptions(ys: readonly Float64Array[], members: readonly number[]): Float64Array {
  const out = new Float64Array(ys[0].length);
  // Added option by option, in the members' order: the same sums as adding each respondent's in turn.
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (const k of members) sum += ys[k][i];
    out[i] = sum;
  }
  return out;
}
