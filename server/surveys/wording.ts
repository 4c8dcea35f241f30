/**
 * Reading a questionnaire's wording from its SurveyJS definition: question titles and choice texts
 * (the compiled validator keeps names and values only). A text is a plain string or a localised
 * object; the default locale is read, then English.
 *
 * @example
 *   questionWording(survey.definition).get('safe_after_dark')?.choices.get('very_safe') // 'Very safe'
 */
import { flatten } from '../validation/flatten.js';
import { textOf } from '../validation/localised.js';

/** The reader of one localised text (validation/ holds it, as validation may not import surveys/). */
export { localisedString, textOf } from '../validation/localised.js';

export interface QuestionWording {
  title?: string;
  /** Choice value → its text as shown (the value itself when the choice has no text). */
  choices: Map<string, string>;
}

/** Every question's title and listed choices, by question name. */
export function questionWording(definition: unknown): Map<string, QuestionWording> {
  const wording = new Map<string, QuestionWording>();
  for (const q of flatten(definition).questions) {
    const choices = new Map<string, string>();
    for (const c of Array.isArray(q.element.choices) ? (q.element.choices as unknown[]) : []) {
      if (c && typeof c === 'object') {
        const value = (c as Record<string, unknown>).value;
        choices.set(String(value), textOf((c as Record<string, unknown>).text) ?? String(value));
      } else choices.set(String(c), String(c));
    }
    wording.set(q.name, { title: textOf(q.element.title), choices });
  }
  return wording;
}
