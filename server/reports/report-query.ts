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
import { type AnswerColumns, type CodedColumn, ColumnCoder, codedColumns, sharedInt32 } from '../../analysis/report/answers.js';
import type { WaveColumns } from './wave-columns.js';
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
export function filterableOf(data: Pick<WaveData, 'questions' | 'breakdowns'>): { name: string; title: string; categories: Category[]; multi: boolean }[] {
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

/** A wave as loadWaveData or loadWaveColumns gives it. */
type AnyWave = WaveData | WaveColumns;

/** 1 for each respondent the filter keeps; on columns the test runs once per distinct answer. */
function matching(answers: AnyWave['answers'], f: Pick<ReportFilter, 'variable' | 'test'>): Uint8Array {
  if (!('column' in answers)) return Uint8Array.from(answers, (a) => (f.test(a) ? 1 : 0));
  const coded = answers.coded?.(f.variable);
  if (!coded) return Uint8Array.from(answers.column(f.variable), (v) => (f.test({ [f.variable]: v }) ? 1 : 0));
  const byValue = Uint8Array.from(coded.values, (v) => (f.test({ [f.variable]: v }) ? 1 : 0));
  const none = f.test({}) ? 1 : 0;
  const out = new Uint8Array(coded.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = coded.codes[i];
    out[i] = c < 0 ? none : byValue[c];
  }
  return out;
}

export function parseFilters(data: Pick<AnyWave, 'questions' | 'breakdowns' | 'answers'>, specs: string[]): ReportFilter[] {
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
    return { variable, title: q.title, values, n: matching(data.answers, { variable, test }).reduce((sum, x) => sum + x, 0), test };
  });
}

export function crosstabOf(data: Pick<WaveData, 'breakdowns'>, spec: string): Crosstab {
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
export function recoded<W extends AnyWave>(data: W, filters: ReportFilter[], crosstabs: Crosstab[]): W {
  if (!filters.length && !crosstabs.length) return data;
  if ('column' in data.answers) return { ...data, answers: recodedColumns(data.answers, filters, crosstabs), breakdowns: [...data.breakdowns, ...crosstabs] };
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

/** recoded on answers held by question: a respondent outside a filter answers nothing. */
function recodedColumns(answers: AnswerColumns, filters: ReportFilter[], crosstabs: Crosstab[]): AnswerColumns {
  const n = answers.length;
  const keep = new Uint8Array(n).fill(1);
  for (const f of filters) {
    const m = matching(answers, f);
    for (let i = 0; i < n; i++) keep[i] &= m[i];
  }
  const kept = (name: string): CodedColumn => {
    const c = answers.coded?.(name);
    if (c) {
      // A plain loop (TypedArray.from with a function costs a call per respondent), on shared memory
      // as the unfiltered columns are, for a big report's helper threads.
      const codes = sharedInt32(n);
      for (let i = 0; i < n; i++) codes[i] = keep[i] ? c.codes[i] : -1;
      return { values: c.values, codes };
    }
    const coder = new ColumnCoder(n);
    answers.column(name).forEach((v, i) => keep[i] && coder.set(i, v));
    return coder.done(n);
  };
  const cache = new Map<string, CodedColumn>();
  const columnOf = (name: string) => {
    let c = cache.get(name);
    if (!c) {
      const x = crosstabs.find((t) => t.name === name);
      c = x ? crosstabColumn(kept(x.a), kept(x.b), n) : kept(name);
      cache.set(name, c);
    }
    return c;
  };
  return codedColumns(n, columnOf);
}

/** The combination `a*b` of two answers, when both are given. */
function crosstabColumn(a: CodedColumn, b: CodedColumn, n: number): CodedColumn {
  const coder = new ColumnCoder(n);
  for (let i = 0; i < n; i++) {
    const ca = a.codes[i];
    const cb = b.codes[i];
    if (ca < 0 || cb < 0) continue;
    const va = a.values[ca];
    const vb = b.values[cb];
    if (va !== null && vb !== null) coder.set(i, `${String(va)}*${String(vb)}`);
  }
  return coder.done(n);
}

/** The questions asked for, in questionnaire order, or null for all of them. */
export function askedQuestions(data: Pick<WaveData, 'questions'>, names: string[]): ReportQuestion[] | null {
  if (!names.length) return null;
  for (const name of names) {
    if (!data.questions.some((q) => q.name === name)) {
      throw new BadRequest(`'${name}' is not a question of this report: choose from ${data.questions.map((q) => q.name).join(', ')}.`);
    }
  }
  return data.questions.filter((q) => names.includes(q.name));
}
