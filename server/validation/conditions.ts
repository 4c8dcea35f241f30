/**
 * visibleIf / requiredIf / enableIf, parsed once per questionnaire with survey-core's own expression
 * engine so that the server and the respondent's browser agree on what is shown and required.
 */
import { ConditionsParser, ExpressionRunner } from 'survey-core';
import { SurveyDefinitionError } from './definition-error.js';

export interface CompiledCondition {
  readonly text: string;
  /**
   * The raw expression result; callers compare with `=== true` / `=== false` exactly as survey-core does.
   * `slots` holds the answers by slot number (see `resolve`), read once from the submission.
   */
  run(slots: readonly unknown[]): unknown;
}

/** Results kept per condition, keyed by the answers it reads; stops growing here so memory stays bounded. */
const memoLimit = 512;
/** Answers longer than this (JSON) are not worth memoising: long free text rarely repeats. */
const memoKeyMaxLength = 256;

/**
 * Compiles one expression. `resolve` maps a variable (as written, any case) to the answer key it reads and
 * that answer's slot, or undefined when it names nothing the respondent answers (survey-core then sees
 * undefined too).
 */
export function compileCondition(
  text: unknown,
  where: string,
  property: string,
  resolve: (variable: string) => AnswerSlot | undefined,
): CompiledCondition | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') throw new SurveyDefinitionError(`${where} has a ${property} that is not text.`);
  const runner = new ExpressionRunner(text);
  if (!runner.canRun()) {
    const parser = new ConditionsParser();
    parser.parseExpression(text);
    const at = parser.error ? ` (near character ${parser.error.at + 1})` : '';
    throw new SurveyDefinitionError(`${where} has a ${property} that does not parse${at}: ${text}`);
  }
  if (runner.isAsync) throw new SurveyDefinitionError(`${where} has a ${property} that calls an asynchronous function, which the server cannot run: ${text}`);

  // Hand the engine only the answers this expression reads: its name lookup scans every key.
  const found = new Map<string, number>();
  for (const v of runner.getVariables()) {
    const slot = resolve(v);
    if (slot) found.set(slot.key, slot.slot);
  }
  const keys = [...found.keys()];
  const slotOf = [...found.values()];
  // Functions such as today() can change their result between calls with the same answers.
  const memo = runner.hasFunction() ? undefined : new Map<string, unknown>();

  return {
    text,
    run(slots) {
      if (memo) {
        const key = slotOf.length === 1 ? memoKeyOf(slots[slotOf[0]]) : JSON.stringify(slotOf.map((s) => memoKeyOf(slots[s])));
        if (key.length <= memoKeyMaxLength) {
          if (memo.has(key)) return memo.get(key);
          const result = evaluate(slots);
          if (memo.size < memoLimit) memo.set(key, result);
          return result;
        }
      }
      return evaluate(slots);
    },
  };

  function evaluate(slots: readonly unknown[]): unknown {
    const sub: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) if (slots[slotOf[i]] !== undefined) sub[keys[i]] = slots[slotOf[i]];
    return runner.runValues(sub);
  }
}

function memoKeyOf(v: unknown): string {
  if (v === undefined) return 'u';
  if (typeof v === 'string') return `s${v}`;
  return `j${JSON.stringify(v)}`;
}

export interface AnswerSlot {
  key: string;
  slot: number;
}

/** The answer a variable such as `q1`, `Q1.length`, `q1[0]` or `q1-Comment` reads, if any. */
export function variableResolver(answerKeys: Map<string, number>): (variable: string) => AnswerSlot | undefined {
  const byLower = new Map<string, AnswerSlot>();
  for (const [key, slot] of answerKeys) byLower.set(key.toLowerCase(), { key, slot });
  return (variable) => {
    const lower = variable.toLowerCase();
    const whole = byLower.get(lower);
    if (whole !== undefined) return whole;
    const root = lower.split(/[.[]/, 1)[0];
    return byLower.get(root);
  };
}
