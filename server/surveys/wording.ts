/**
 * Reading a questionnaire's wording from its SurveyJS definition: question titles and choice texts
 * (the compiled validator keeps names and values only). A text is a plain string or a localised
 * object; the default locale is read, then English.
 *
 * @example
 *   questionWording(survey.definition).get('safe_after_dark')?.choices.get('very_safe') // 'Very safe'
 */
import { flatten, type RawContainer } from '../validation/flatten.js';
import { textOf } from '../validation/localised.js';

/** The reader of one localised text (validation/ holds it, as validation may not import surveys/). */
export { localisedString, textOf } from '../validation/localised.js';

export interface QuestionWording {
  title?: string;
  /**
   * The title as a report shows it: with the stem it is asked under when the title is only an item
   * of a shared question (a page or panel described "How worried are you about each of the
   * following?" holding "Someone breaking into your home" reads "How worried are you about: Someone
   * breaking into your home"; the item keeps its capital, as it may be a name). Equal to `title` otherwise.
   */
  reportTitle?: string;
  /** The title of the page (or else the panel) the question is on, for a contents list. */
  section?: string;
  /** Choice value → its text as shown (the value itself when the choice has no text). */
  choices: Map<string, string>;
  /** The extra items shown ('other', 'none', 'dontknow', 'refused') → their text as shown (survey-core's English default when not set). */
  specialChoices: Map<string, string>;
}

/** survey-core's items beside the choices: the property showing each, its legacy name, its value, the property of its text and survey-core's English default text. */
const SPECIAL_ITEMS: [show: string, legacy: string | null, value: string, textProperty: string, defaultText: string][] = [
  ['showOtherItem', 'hasOther', 'other', 'otherText', 'Other (describe)'],
  ['showNoneItem', 'hasNone', 'none', 'noneText', 'None'],
  ['showDontKnowItem', null, 'dontknow', 'dontKnowText', "Don't know"],
  ['showRefuseItem', null, 'refused', 'refuseText', 'Refuse to answer'],
];

/** Every question's title and listed choices, by question name. */
export function questionWording(definition: unknown): Map<string, QuestionWording> {
  const wording = new Map<string, QuestionWording>();
  const { containers, questions } = flatten(definition);
  for (const q of questions) {
    const choices = new Map<string, string>();
    for (const c of Array.isArray(q.element.choices) ? (q.element.choices as unknown[]) : []) {
      if (c && typeof c === 'object') {
        const value = (c as Record<string, unknown>).value;
        choices.set(String(value), textOf((c as Record<string, unknown>).text) ?? String(value));
      } else choices.set(String(c), String(c));
    }
    const title = textOf(q.element.title);
    const chain = containersOf(containers, q.parent);
    const stem = title && !title.trim().endsWith('?') ? chain.map((c) => stemOf(textOf(c.element.description))).find(Boolean) : undefined;
    const section = [...chain]
      .reverse()
      .map((c) => textOf(c.element.title))
      .find(Boolean);
    const specialChoices = new Map<string, string>();
    for (const [show, legacy, value, textProperty, defaultText] of SPECIAL_ITEMS) {
      if (q.element[show] === true || (legacy && q.element[legacy] === true)) specialChoices.set(value, textOf(q.element[textProperty]) ?? defaultText);
    }
    wording.set(q.name, { title, reportTitle: stem && title ? `${stem}: ${title}` : title, section, choices, specialChoices });
  }
  return wording;
}

/** The containers holding a question, innermost first. */
function containersOf(containers: RawContainer[], parent: number): RawContainer[] {
  const out: RawContainer[] = [];
  for (let i = parent; i >= 0; i = containers[i].parent) out.push(containers[i]);
  return out;
}

/** "How worried are you about each of the following?" → "How worried are you about"; a description that asks no question is no stem. */
function stemOf(description: string | undefined): string | undefined {
  const d = description?.trim();
  if (!d?.endsWith('?')) return undefined;
  const stem = d
    .replace(/\?$/, '')
    .replace(/\s+(each of|any of|all of)?\s*(the following|these|them)$/i, '')
    .trim();
  return stem || undefined;
}
