/** Seeded random answer sets for a compiled questionnaire: valid values, some missing, some for hidden questions. */
import { prng } from '../../../server/demo/synthetic-responses.js';
import type { QuestionSpec } from '../../../server/validation/index.js';

/** The demo's seeded PRNG (mulberry32): the same sequence on every machine. */
export function seeded(seed: number) {
  const { next } = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick };
}

/**
 * One answer set. Every value is of the right type and in range, so the only errors left are the ones
 * survey-core also reports (required, 'other' without its text) and the only differences in the kept
 * answers come from visibility.
 */
export function generateAnswers(questions: QuestionSpec[], rnd: ReturnType<typeof seeded>): Record<string, unknown> {
  const style = rnd.next();
  const answerRate = style < 0.25 ? 1 : style < 0.3 ? 0 : 0.5 + rnd.next() * 0.45;
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    if (rnd.next() >= answerRate) continue;
    const value = valueFor(q, rnd);
    if (value === undefined) continue;
    out[q.name] = value;
    const other = value === 'other' || (Array.isArray(value) && value.includes('other'));
    if ((other && rnd.next() < 0.75) || (q.hasOther && !other && rnd.next() < 0.1) || (q.hasComment && rnd.next() < 0.5)) {
      out[`${q.name}-Comment`] = 'something else';
    }
  }
  return out;
}

function valueFor(q: QuestionSpec, rnd: ReturnType<typeof seeded>): unknown {
  switch (q.kind) {
    case 'single':
    case 'boolean':
    case 'rating':
      return rnd.pick([...q.choices, ...q.specialValues]);
    case 'multi': {
      const exclusive = q.specialValues.filter((s) => s !== 'other');
      if (exclusive.length && rnd.next() < 0.1) return [rnd.pick(exclusive)];
      const max = Math.min(q.maxSelected ?? q.choices.length, q.choices.length);
      const pool = [...q.choices, ...(q.hasOther ? ['other'] : [])];
      const picked = pool.filter(() => rnd.next() < 0.35).slice(0, max);
      // Now and then fewer than minSelectedChoices, which survey-core flags too.
      const enough = rnd.next() < 0.15 ? 1 : (q.minSelected ?? 1);
      for (const c of q.choices) if (picked.length < Math.min(enough, max) && !picked.includes(c)) picked.push(c);
      return picked;
    }
    case 'number': {
      const lo = q.min ?? 0;
      const hi = q.max ?? lo + 20;
      return Math.round(lo + rnd.next() * (hi - lo));
    }
    case 'text':
      return q.inputType === 'email' ? 'resident@example.org' : rnd.pick(['Near the station', 'ok', 'Late at night on the high street']);
  }
}
