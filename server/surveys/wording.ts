/**
 * Reading a questionnaire's wording from its SurveyJS definition: question titles and choice texts
 * (the compiled validator keeps names and values only). A text is a plain string or a localised
 * object; the default locale is read, then English.
 *
 * @example
 *   questionWording(survey.definition).get('safe_after_dark')?.choices.get('very_safe') // 'Very safe'
 */
import { flatten } from '../validation/flatten.js';

/** The text of a SurveyJS title or choice text (trimmed), or undefined when it has none. */
export function textOf(t: unknown): string | undefined {
  const s = typeof t === 'string' ? t : t && typeof t === 'object' ? ((t as Record<string, unknown>).default ?? (t as Record<string, unknown>).en) : undefined;
  return typeof s === 'string' && s.trim() ? s.trim() : undefined;
}

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
