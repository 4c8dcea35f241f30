/**
 * What a report request asks for beyond its breakdowns, turned into answers the analysis already
 * understands, so analysis/ needs nothing new:
 * - a filter makes the respondents outside it count as not answering: they keep their weight and
 *   their place in the design (domain estimation, as R's `subset(design, ward == "X")`), so the
 *   standard errors are those of the full design, and suppression then sees the filtered bases;
 * - a cross-tab `a*b` becomes one more breakdown whose groups are the combinations of the two;
 * - a choice of questions is the list of questions to estimate.
 *
 * @example
 *   parseFilters(data, ['ward:E05005068|E05005069', 'victim_12m:yes'])
 *   crosstabOf(data, 'sex*age_band') // { name: 'sex*age_band', categories: [{ value: 'female*16_24', label: 'Female · 16–24' }, …] }
 */
import type { Category, ReportBreakdown, ReportQuestion } from '../../analysis/report/types.js';
import { BadRequest } from '../errors.js';
import type { WaveData } from './wave-data.js';

export interface ReportFilter {
  variable: string;
  title: string;
  values: Category[];
  /** Respondents in this filter. */
  n: number;
  test(answers: Record<string, unknown>): boolean;
}

export interface Crosstab extends ReportBreakdown {
  a: string;
  b: string;
}

/** The questions and breakdowns a filter may use: every single or multiple choice question, and the regrouped breakdowns. */
export function filterableOf(data: WaveData): { name: string; title: string; categories: Category[]; multi: boolean }[] {
  const out = new Map<string, { name: string; title: string; categories: Category[]; multi: boolean }>();
  for (const q of data.questions) {
    if (q.kind === 'numeric') continue;
    out.set(q.name, { name: q.name, title: q.title ?? q.name, categories: q.categories, multi: q.kind === 'multi' });
  }
  for (const b of data.breakdowns) {
    if (!out.has(b.name)) out.set(b.name, { name: b.name, title: b.title ?? b.name, categories: b.categories, multi: false });
  }
  return [...out.values()];
}

const list = (xs: string[]) => (xs.length > 12 ? `${xs.slice(0, 12).join(', ')} and ${xs.length - 12} more` : xs.join(', '));

export function parseFilters(data: WaveData, specs: string[]): ReportFilter[] {
  const filterable = filterableOf(data);
  return specs.map((spec) => {
    const colon = spec.indexOf(':');
    if (colon <= 0 || colon === spec.length - 1) {
      throw new BadRequest(`Filter '${spec}' must be written variable:value or variable:value1|value2 (e.g. ward:E05005068).`);
    }
    const variable = spec.slice(0, colon);
    const q = filterable.find((f) => f.name === variable);
    if (!q) throw new BadRequest(`'${variable}' cannot be used as a filter: choose from ${list(filterable.map((f) => f.name))}.`);
    const values = [...new Set(spec.slice(colon + 1).split('|'))].map((v) => {
      const c = q.categories.find((x) => x.value === v);
      if (!c) throw new BadRequest(`'${v}' is not an answer to ${variable}: choose from ${list(q.categories.map((x) => x.value))}.`);
      return c;
    });
    const wanted = new Set(values.map((v) => v.value));
    const test = q.multi
      ? (a: Record<string, unknown>) => Array.isArray(a[variable]) && (a[variable] as unknown[]).some((v) => wanted.has(String(v)))
      : (a: Record<string, unknown>) => a[variable] !== undefined && a[variable] !== null && wanted.has(String(a[variable]));
    return { variable, title: q.title, values, n: data.answers.filter(test).length, test };
  });
}

export function crosstabOf(data: WaveData, spec: string): Crosstab {
  const names = spec.split('*');
  const parts = names.map((name) => data.breakdowns.find((b) => b.name === name));
  if (names.length !== 2 || names[0] === names[1] || parts.some((p) => !p)) {
    throw new BadRequest(
      `Cross-tab '${spec}' must be two different breakdowns joined by *, e.g. sex*age_band; breakdowns: ${data.breakdowns.map((b) => b.name).join(', ')}.`,
    );
  }
  const [a, b] = parts as ReportBreakdown[];
  return {
    name: `${a.name}*${b.name}`,
    title: `${a.title ?? a.name} × ${b.title ?? b.name}`,
    a: a.name,
    b: b.name,
    categories: a.categories.flatMap((x) => b.categories.map((y) => ({ value: `${x.value}*${y.value}`, label: `${x.label} · ${y.label}` }))),
  };
}

/** The wave with filters applied and cross-tab answers added (the same object when there is neither). */
export function recoded(data: WaveData, filters: ReportFilter[], crosstabs: Crosstab[]): WaveData {
  if (!filters.length && !crosstabs.length) return data;
  const answers = data.answers.map((a) => {
    if (!filters.every((f) => f.test(a))) return {};
    if (!crosstabs.length) return a;
    const out = { ...a };
    for (const x of crosstabs) {
      const va = a[x.a];
      const vb = a[x.b];
      if (va !== undefined && va !== null && vb !== undefined && vb !== null) out[x.name] = `${String(va)}*${String(vb)}`;
    }
    return out;
  });
  return { ...data, answers, breakdowns: [...data.breakdowns, ...crosstabs] };
}

/** The questions asked for, in questionnaire order, or null for all of them. */
export function askedQuestions(data: WaveData, names: string[]): ReportQuestion[] | null {
  if (!names.length) return null;
  for (const name of names) {
    if (!data.questions.some((q) => q.name === name)) {
      throw new BadRequest(`'${name}' is not a question of this report: choose from ${data.questions.map((q) => q.name).join(', ')}.`);
    }
  }
  return data.questions.filter((q) => names.includes(q.name));
}
