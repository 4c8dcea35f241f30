/**
 * Made-up demo answers, plausibly patterned so the analysis has something to find: people feel
 * less safe after dark than by day and in the town centre than at home; women, the oldest and
 * disabled people feel less safe; wards differ; the later wave feels a little less safe at night.
 * These are NOT real survey results and are stored with `synthetic = true`.
 */
import { compileSurvey, type QuestionSpec as CompiledQuestion } from '../validation/index.js';

/** What the generator needs of a question: the validator's spec, with the plain choices only. */
type QuestionSpec = Omit<CompiledQuestion, 'choices'> & { choices: string[] };

/** The answerable questions, read once by the same compiler the server validates with. */
function questionsOf(definition: unknown): QuestionSpec[] {
  return compileSurvey(definition).questions.map((q) => ({
    ...q,
    // 'other' needs typed text and 'none' cannot be combined, so the demo only picks listed choices.
    choices: q.choices.filter((v) => !q.specialValues.includes(String(v))).map(String),
  }));
}

export interface MetaLike {
  questions: { name: string; construct: string; excludeFromBase?: string[] }[];
  scales?: Record<string, { excludeFromBase?: string[] }>;
}

export interface SynthesisOptions {
  n: number;
  seed: number;
  /** 0 for the earlier wave, 1 for the later: shifts night-time safety down a little. */
  waveShift?: number;
}

/** Small seeded PRNG (mulberry32) so the demo is the same on every machine. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  const pick = <T>(items: T[], probs?: number[]): T => {
    const p = probs ?? items.map(() => 1);
    let u = next() * p.reduce((s, x) => s + x, 0);
    for (let i = 0; i < items.length; i++) if ((u -= p[i]) <= 0) return items[i];
    return items[items.length - 1];
  };
  return { next, normal, pick };
}

// Responses to postal and online surveys lean older and female; weighting corrects this.
const AGE_PROBS: Record<string, number> = { '18-24': 5, '25-34': 9, '35-44': 13, '45-54': 17, '55-64': 19, '65-74': 21, '75+': 16 };
const SEX_PROBS: Record<string, number> = { female: 55, male: 43 };
const CUTS = [-0.7, 0.4, 0.9, 1.7];

function itemShift(construct: string): number {
  let s = 0;
  if (/home|school\b|at_school/.test(construct)) s -= 1.1;
  if (/day/.test(construct)) s -= 0.6;
  if (/dark|night/.test(construct)) s += 0.5;
  if (/town/.test(construct)) s += 0.25;
  if (/online/.test(construct)) s -= 0.3;
  return s;
}

function ordinalIndex(latent: number, categories: number): number {
  const cuts = CUTS.slice(0, categories - 1);
  let k = 0;
  while (k < cuts.length && latent > cuts[k]) k++;
  return k;
}

export function synthesiseResponses(definition: unknown, meta: MetaLike, opts: SynthesisOptions): Record<string, unknown>[] {
  const rnd = prng(opts.seed);
  const questions = questionsOf(definition);
  const construct = new Map(meta.questions.map((q) => [q.name, q.construct]));
  const excluded = new Set(['dont_know', 'prefer_not_say', 'dontknow', 'refused', 'other', 'none']);
  const wardQuestion = questions.find((q) => q.name === 'ward' || q.name === 'area');
  const wardEffect = new Map((wardQuestion?.choices ?? []).map((c) => [c, rnd.normal() * 0.35]));
  const wardSize = new Map((wardQuestion?.choices ?? []).map((c) => [c, 0.5 + rnd.next()]));

  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < opts.n; i++) {
    const a: Record<string, unknown> = {};
    const sex = rnd.pick(Object.keys(SEX_PROBS), Object.values(SEX_PROBS));
    const age = rnd.pick(Object.keys(AGE_PROBS), Object.values(AGE_PROBS));
    const disabled = rnd.next() < 0.18;
    const ward = wardQuestion
      ? rnd.pick(
          wardQuestion.choices,
          wardQuestion.choices.map((c) => wardSize.get(c)!),
        )
      : undefined;
    const person =
      rnd.normal() * 0.8 +
      (sex === 'female' ? 0.35 : 0) +
      (age === '75+' ? 0.3 : age === '18-24' ? 0.1 : 0) +
      (disabled ? 0.25 : 0) +
      (ward ? wardEffect.get(ward)! : 0);
    const worryPerson = rnd.normal() * 0.7 + person * 0.5;
    for (const q of questions) a[q.name] = answerFor(q, construct.get(q.name) ?? '', { sex, age, disabled, ward, person, worryPerson });
    out.push(a);
  }
  return out;

  function answerFor(
    q: QuestionSpec,
    c: string,
    p: { sex: string; age: string; disabled: boolean; ward?: string; person: number; worryPerson: number },
  ): unknown {
    const ordered = q.choices.filter((v) => !excluded.has(v));
    if (q.name === 'sex' || q.name === 'gender')
      return rnd.next() < 0.02 && q.choices.includes('prefer_not_say') ? 'prefer_not_say' : q.choices.includes(p.sex) ? p.sex : rnd.pick(q.choices);
    if (q.name === 'age_band' && q.choices.includes(p.age)) return p.age;
    if ((q.name === 'ward' || q.name === 'area') && p.ward) return p.ward;
    if (q.name === 'disability' && q.choices.includes('yes')) return p.disabled ? 'yes' : 'no';
    if (q.name === 'has_car' && q.choices.includes('yes')) return rnd.next() < 0.8 ? 'yes' : 'no';
    switch (q.kind) {
      case 'single': {
        if (c.startsWith('safety.') && ordered.length >= 3) {
          if (rnd.next() < 0.03 && q.choices.includes('dont_know')) return 'dont_know';
          const shift = itemShift(c) + (/dark|night/.test(c) ? 0.15 * (opts.waveShift ?? 0) : 0);
          return ordered[Math.min(ordered.length - 1, ordinalIndex(p.person + shift + rnd.normal() * 0.6, ordered.length))];
        }
        if (c.startsWith('worry.') && ordered.length >= 3) {
          if (rnd.next() < 0.02 && q.choices.includes('dont_know')) return 'dont_know';
          const k = ordinalIndex(-(p.worryPerson + rnd.normal() * 0.7) + 0.3, ordered.length);
          return ordered[Math.min(ordered.length - 1, k)];
        }
        // Other questions: earlier choices more common, as the answer lists put the usual answer first.
        return rnd.pick(
          q.choices,
          q.choices.map((_, k) => 0.6 ** k),
        );
      }
      case 'multi': {
        const max = q.maxSelected ?? q.choices.length;
        const picked = ordered.filter(() => rnd.next() < 0.2).slice(0, max);
        return picked.length ? picked : undefined;
      }
      case 'boolean':
        return rnd.next() < 0.5;
      case 'number': {
        const lo = q.min ?? 0;
        const hi = q.max ?? lo + 10;
        return Math.min(hi, Math.max(lo, Math.round(lo + Math.abs(rnd.normal()) * 1.6)));
      }
      case 'rating':
        return q.choices.length ? Number(rnd.pick(q.choices)) : undefined;
      default:
        return undefined; // no free text in the demo
    }
  }
}
