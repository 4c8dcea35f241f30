/**
 * SurveyJS question validators (numeric, text, answercount, regex, email, expression), run as
 * survey-core 2.5.38 runs them: only on a shown, enabled question with no other error, and — except for
 * expression validators — only when it has an answer. Warnings and notes (notificationType other than
 * "error") never block a submission, so they are not run.
 */
import { show } from './check-value.js';
import { compileCondition, type AnswerSlot } from './conditions.js';
import { SurveyDefinitionError } from './definition-error.js';
import { isPlainObject } from './flatten.js';
import { localisedString } from './localised.js';
import { REGEX_MAX_INPUT, unsafeRegexReason } from './regex-safety.js';

/** A message for one failed validator, or null. `slots` are the submission's answers (for expressions). */
export type AnswerValidator = (value: unknown, slots: readonly unknown[]) => string | null;

const EMAIL = /^(([^<>()[\].,;:\s@"]+(\.[^<>()[\].,;:\s@"]+)*)|(".+"))@(([^<>()=[\].,;:\s@"]+\.)+[^<>()=[\].,;:\s@"]{2,})$/i;

/** `skipUnsafe`: leave out a regex validator the safety check refuses (a stored questionnaire) instead of throwing. */
export function compileValidators(
  list: unknown,
  questionName: string,
  resolve: (variable: string) => AnswerSlot | undefined,
  skipUnsafe = false,
): AnswerValidator[] {
  if (list === undefined || list === null) return [];
  const where = `Question '${questionName}'`;
  if (!Array.isArray(list)) throw new SurveyDefinitionError(`${where} has "validators" that are not a list.`);
  const out: AnswerValidator[] = [];
  list.forEach((v, i) => {
    if (!isPlainObject(v) || typeof v.type !== 'string') throw new SurveyDefinitionError(`${where}: validator ${i + 1} has no "type".`);
    if (v.notificationType !== undefined && v.notificationType !== 'error') return;
    const own = customText(v.text);
    const say = (fallback: string) => `${where}: ${own ?? fallback}`;
    const type = v.type.toLowerCase().replace(/validator$/, '');
    switch (type) {
      case 'numeric': {
        const min = numberOrNull(v.minValue, where, 'minValue');
        const max = numberOrNull(v.maxValue, where, 'maxValue');
        out.push((value) => {
          if (isBlank(value)) return null;
          const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
          if (!Number.isFinite(n)) return say(`${show(value)} is not a number.`);
          if (min !== null && n < min) return say(`${n} is below the smallest allowed value, ${min}.`);
          if (max !== null && n > max) return say(`${n} is above the largest allowed value, ${max}.`);
          return null;
        });
        return;
      }
      case 'text': {
        const minLength = typeof v.minLength === 'number' ? v.minLength : 0;
        const maxLength = typeof v.maxLength === 'number' ? v.maxLength : 0;
        const allowDigits = v.allowDigits !== false;
        out.push((value) => {
          if (isBlank(value) || typeof value !== 'string') return null;
          // survey-core's own test: digits at the end of the text.
          if (!allowDigits && /\d+$/.test(value)) return say('numbers are not allowed.');
          if (minLength > 0 && value.length < minLength) return say(`enter at least ${minLength} characters.`);
          if (maxLength > 0 && value.length > maxLength) return say(`enter at most ${maxLength} characters.`);
          return null;
        });
        return;
      }
      case 'answercount': {
        const minCount = typeof v.minCount === 'number' ? v.minCount : 0;
        const maxCount = typeof v.maxCount === 'number' ? v.maxCount : 0;
        out.push((value) => {
          if (!Array.isArray(value) || value.length === 0) return null;
          if (minCount && value.length < minCount) return say(`choose at least ${minCount} (${value.length} chosen).`);
          if (maxCount && value.length > maxCount) return say(`choose at most ${maxCount} (${value.length} chosen).`);
          return null;
        });
        return;
      }
      case 'regex': {
        if (typeof v.regex !== 'string' || v.regex === '') return;
        let re: RegExp;
        try {
          re = new RegExp(v.regex, v.caseInsensitive === true || v.insensitive === true ? 'i' : '');
        } catch {
          throw new SurveyDefinitionError(`${where} has a regex validator that is not a valid pattern: ${v.regex}`);
        }
        const unsafe = unsafeRegexReason(v.regex);
        if (unsafe && skipUnsafe) return;
        if (unsafe)
          throw new SurveyDefinitionError(
            `${where} has a regex validator the server will not run, because ${unsafe}: one answer could keep the server busy for minutes. Rewrite it without repeats inside repeated groups or backreferences, e.g. ^[A-Za-z ]+$ instead of ^([A-Za-z]+ ?)+$.`,
          );
        out.push((value) => {
          if (isBlank(value)) return null;
          const items = Array.isArray(value) ? value : [value];
          // Bounded so that even a pattern the check lets through (polynomial backtracking) stays fast.
          if (items.some((item) => String(item).length > REGEX_MAX_INPUT))
            return say(`the answer is too long to check against the expected format (at most ${REGEX_MAX_INPUT} characters).`);
          return items.every((item) => re.test(String(item))) ? null : say(`${show(value)} is not in the expected format.`);
        });
        return;
      }
      case 'email':
        out.push((value) => (!value || EMAIL.test(String(value)) ? null : say(`${show(value)} is not an email address.`)));
        return;
      case 'expression': {
        const condition = compileCondition(v.expression, where, 'expression validator', resolve);
        if (!condition) return;
        // survey-core's ConditionRunner: the answer passes when the result == true.
        // eslint-disable-next-line eqeqeq
        out.push((_, slots) => (condition.run(slots) === true ? null : say(`the answer does not meet the condition ${condition.text}.`)));
        return;
      }
      default:
        throw new SurveyDefinitionError(
          `${where} has a '${v.type}' validator, which the server cannot run. Supported: numeric, text, answercount, regex, email, expression.`,
        );
    }
  });
  return out;
}

/** The validator's own message as written, or undefined when it has none. */
function customText(text: unknown): string | undefined {
  const own = localisedString(text);
  return own?.trim() ? own : undefined;
}

function numberOrNull(v: unknown, where: string, prop: string): number | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new SurveyDefinitionError(`${where} has a numeric validator whose ${prop} is not a number.`);
  return v;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}
