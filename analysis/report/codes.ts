/** Answers → integer codes the estimators take (-1 = not in the base). */
import type { ReportBreakdown, ReportQuestion } from './types.js';

/** Index of each respondent's answer among the question's base categories; -1 for blank or excluded. */
export function categoryCodes(answers: Record<string, unknown>[], q: ReportQuestion): Int32Array {
  const cats = q.categories.filter((c) => !q.excludeFromBase.includes(c.value));
  const index = new Map(cats.map((c, i) => [c.value, i]));
  const out = new Int32Array(answers.length);
  for (let i = 0; i < answers.length; i++) {
    const v = answers[i][q.name];
    out[i] = typeof v === 'string' || typeof v === 'number' ? (index.get(String(v)) ?? -1) : -1;
  }
  return out;
}

/** Index of each respondent's group in a breakdown; -1 when they did not answer it. */
export function groupCodes(answers: Record<string, unknown>[], b: ReportBreakdown): Int32Array {
  const index = new Map<string, number>();
  b.categories.forEach((c, i) => index.set(c.value, i));
  const out = new Int32Array(answers.length);
  for (let i = 0; i < answers.length; i++) {
    const v = answers[i][b.name];
    out[i] = typeof v === 'string' || typeof v === 'number' ? (index.get(String(v)) ?? -1) : -1;
  }
  return out;
}
