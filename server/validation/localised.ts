/**
 * Reading a SurveyJS localisable property (a title, a choice text, a validator message, the
 * description, completedHtml): a plain string, or an object of locales (`{ default: …, cy: … }`),
 * read in the default locale, then English. The one reader: surveys/wording.ts (question titles
 * and choice texts) builds on it, and validation, links and responses use it.
 *
 * @example
 *   textOf({ default: ' Very safe ', cy: 'Diogel iawn' }) // 'Very safe'
 */
import { isPlainObject } from './flatten.js';

/** The string a localisable property holds as written (untrimmed), or undefined when it holds none. */
export function localisedString(t: unknown): string | undefined {
  const s = typeof t === 'string' ? t : isPlainObject(t) ? (t.default ?? t.en) : undefined;
  return typeof s === 'string' ? s : undefined;
}

/** The text of a localisable property, trimmed, or undefined when it is missing or blank. */
export function textOf(t: unknown): string | undefined {
  return localisedString(t)?.trim() || undefined;
}
