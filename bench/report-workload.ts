/**
 * The issue-3 benchmark workload: N synthetic respondents, 20 five-point questions, raking on
 * gender, 7 age bands and 26 wards, every question overall and by 6 breakdowns (with covariance),
 * and Rao–Scott tests. Seeded, so ours and R's runs see the same data.
 */
import { prng } from '../server/demo/synthetic-responses.js';
import type { ReportBreakdown, ReportQuestion } from '../analysis/report/types.js';

export const QUESTIONS = 20;
export const BREAKDOWNS = [
  { name: 'gender', k: 2 },
  { name: 'age', k: 7 },
  { name: 'ward', k: 26 },
  { name: 'disability', k: 2 },
  { name: 'tenure', k: 4 },
  { name: 'ethnicity', k: 2 },
];

const POPULATION = 100_000;
/** Unequal population shares (1, 1.25, 1.5, 1, …) so the weights have work to do; they sum to 1. */
function shares(k: number) {
  const raw = Array.from({ length: k }, (_, g) => 1 + (g % 3) * 0.25);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / total);
}

const cats = (k: number, prefix: string) => Array.from({ length: k }, (_, i) => ({ value: `${prefix}${i + 1}`, label: `${prefix}${i + 1}` }));

export function workload(n: number, seed = 7) {
  const r = prng(seed);
  const answers: Record<string, unknown>[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const a: Record<string, unknown> = {};
    let shift = 0;
    for (const b of BREAKDOWNS) {
      const g = Math.floor(r.next() * b.k);
      a[b.name] = `${b.name}${g + 1}`;
      shift += (g / b.k - 0.5) * 0.6;
    }
    for (let q = 0; q < QUESTIONS; q++) {
      const latent = r.normal() + shift + q * 0.05;
      const c = latent < -0.8 ? 1 : latent < 0 ? 2 : latent < 0.6 ? 3 : latent < 1.3 ? 4 : 5;
      if (r.next() > 0.03) a[`q${q + 1}`] = `c${c}`; // 3% blanks
    }
    answers[i] = a;
  }
  const questions: ReportQuestion[] = Array.from({ length: QUESTIONS }, (_, q) => ({
    name: `q${q + 1}`,
    construct: `bench.q${q + 1}`,
    categories: cats(5, 'c'),
    nets: [{ name: 'top2', values: ['c1', 'c2'] }],
    excludeFromBase: [],
  }));
  const breakdowns: ReportBreakdown[] = BREAKDOWNS.map((b) => ({ name: b.name, categories: cats(b.k, b.name) }));
  // Population margins the sample is raked to (skewed from the sample's uniform groups).
  const margins = BREAKDOWNS.slice(0, 3).map((b) => ({
    name: b.name,
    categories: cats(b.k, b.name).map((c) => c.value),
    targets: shares(b.k).map((s) => Math.round(s * POPULATION)),
  }));
  return { answers, questions, breakdowns, margins };
}

export function toCsv(answers: Record<string, unknown>[]): string {
  const cols = [...BREAKDOWNS.map((b) => b.name), ...Array.from({ length: QUESTIONS }, (_, q) => `q${q + 1}`)];
  return `${[cols.join(','), ...answers.map((a) => cols.map((c) => (a[c] ?? '') as string).join(','))].join('\n')}\n`;
}
