/** Answers → integer codes the estimators take (-1 = not in the base). */
import type { AnswerColumns } from './answers.js';
import type { ReportBreakdown, ReportQuestion } from './types.js';

/** Respondents' answers, by respondent or already by question (./answers.ts). */
export type Answers = readonly Record<string, unknown>[] | AnswerColumns;

function valuesOf(answers: Answers, name: string): readonly unknown[] {
  return 'column' in answers ? answers.column(name) : answers.map((a) => a[name]);
}

/** Index of each respondent's answer among the question's base categories; -1 for blank or excluded. */
export function categoryCodes(answers: Answers, q: ReportQuestion): Int32Array {
  const cats = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  const index = new Map(cats.map((c, i) => [c.value, i]));
  const values = valuesOf(answers, q.name);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'string' || typeof v === 'number' ? (index.get(String(v)) ?? -1) : -1;
  }
  return out;
}

/** Index of each respondent's group in a breakdown; -1 when they did not answer it. */
export function groupCodes(answers: Answers, b: ReportBreakdown): Int32Array {
  const index = new Map<string, number>();
  b.categories.forEach((c, i) => index.set(c.value, i));
  const values = valuesOf(answers, b.name);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'string' || typeof v === 'number' ? (index.get(String(v)) ?? -1) : -1;
  }
  return out;
}

/** A numeric answer per respondent (NaN when blank or not a number), and who answered. */
export function numericValues(answers: Answers, name: string): { ys: Float64Array[]; valid: Uint8Array } {
  const values = valuesOf(answers, name);
  const y = new Float64Array(values.length);
  const valid = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const x = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    y[i] = Number.isFinite(x) ? x : NaN;
    valid[i] = Number.isFinite(x) ? 1 : 0;
  }
  return { ys: [y], valid };
}

/** For a multi-select question: per option, 1 if chosen, among those who chose anything. */
export function optionIndicators(answers: Answers, q: ReportQuestion): { ys: Float64Array[]; valid: Uint8Array } {
  const options = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  const values = valuesOf(answers, q.name);
  const ys = options.map(() => new Float64Array(values.length));
  const valid = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Array.isArray(v) || !v.length) continue;
    valid[i] = 1;
    // Choice values may be numbers in the answers (SurveyJS keeps the JSON type); categories are strings.
    const chosen = new Set(v.map(String));
    options.forEach((o, k) => {
      if (chosen.has(o.value)) ys[k][i] = 1;
    });
  }
  return { ys, valid };
}
