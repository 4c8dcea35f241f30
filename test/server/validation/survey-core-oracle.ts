/** What survey-core 2.5.38 itself says about an answer set: the reference the validator is compared with. */
import { Model } from 'survey-core';

export interface OracleResult {
  /** Questions survey-core reports errors on (not warnings or notes, which do not block), in questionnaire order. */
  errorQuestions: string[];
  /** The data survey-core keeps after completion (hidden answers and unused 'other' text cleared), empties removed. */
  data: Record<string, unknown>;
}

export function surveyCoreOracle(definition: unknown, answers: Record<string, unknown>): OracleResult {
  const model = new Model(definition);
  model.data = structuredClone(answers);
  model.validate(true, false);
  const blocking = (e: { notificationType?: string }) => (e.notificationType ?? 'error') === 'error';
  const errorQuestions = model
    .getAllQuestions()
    .filter((q) => q.errors.some(blocking))
    .map((q) => q.name);
  model.doComplete();
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(model.data as Record<string, unknown>)) {
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)) continue;
    data[k] = v;
  }
  return { errorQuestions, data };
}
