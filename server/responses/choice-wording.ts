/**
 * Paper returns typed up by people: a choice may be written as its code (`very_safe`) or as its
 * wording in any language the questionnaire has ("Very safe", "very  safe ", “Don’t know”).
 * Both are matched without regard to case, spacing or curly quotes; a written value that matches
 * nothing is left as it is (so the row is rejected) and listed by the importer.
 */
import { flatten, isPlainObject } from '../validation/flatten.js';

/** Lower case, straight quotes and dashes, runs of spaces as one, trimmed. */
export function normaliseWording(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('en-GB');
}

/** Every text of a localised SurveyJS string: a plain string, or each locale's. */
function allTexts(text: unknown): string[] {
  if (typeof text === 'string') return [text];
  if (isPlainObject(text)) return Object.values(text).filter((t): t is string => typeof t === 'string');
  return [];
}

/** The extra items a choice question can show, with survey-core's English wording when it has none of its own. */
const SPECIAL: [show: string[], value: string, textProp: string, fallback: string][] = [
  [['showOtherItem', 'hasOther'], 'other', 'otherText', 'Other'],
  [['showNoneItem', 'hasNone'], 'none', 'noneText', 'None'],
  [['showDontKnowItem'], 'dontknow', 'dontKnowText', "Don't know"],
  [['showRefuseItem'], 'refused', 'refuseText', 'Refuse to answer'],
];

/** For each choice question: normalised code or wording → the choice's code. */
export function choiceWordings(definition: unknown): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const q of flatten(definition).questions) {
    const el = q.element;
    if (!Array.isArray(el.choices)) continue;
    const words = new Map<string, string>();
    const add = (value: string, texts: string[]) => {
      words.set(normaliseWording(value), value);
      // A wording never takes the place of another choice's code.
      for (const t of texts) if (!words.has(normaliseWording(t))) words.set(normaliseWording(t), value);
    };
    for (const c of el.choices as unknown[]) {
      if (isPlainObject(c)) add(String(c.value), allTexts(c.text));
      else add(String(c), []);
    }
    for (const [show, value, textProp, fallback] of SPECIAL) {
      if (show.some((p) => el[p] === true)) add(value, [...allTexts(el[textProp]), fallback]);
    }
    out.set(q.name, words);
  }
  return out;
}
