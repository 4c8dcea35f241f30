/**
 * The languages a questionnaire is offered in: English (the original) and each locale it has text
 * in, named in itself for a chooser, and marked when the questionnaire's `demoTranslations` lists it
 * (made up for the demo, not reviewed by a translator: every page that shows it says so).
 */
import { isPlainObject } from '../validation/flatten.js';
import type { Language } from './schemas.js';
import { translatedLocales } from './translation-strings.js';

export const DEMO_TRANSLATION_NOTICE = 'Demonstration translation — not reviewed by a translator.';

/** 'Cymraeg' for 'cy': the language's name in itself, as a chooser shows it. */
export function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    if (name && name.toLowerCase() !== code) return name.charAt(0).toUpperCase() + name.slice(1);
  } catch {
    // an unknown code: fall through
  }
  return code;
}

/** The codes the questionnaire marks as demonstration translations. */
export function demoTranslationsOf(definition: unknown): string[] {
  const d = isPlainObject(definition) ? definition.demoTranslations : undefined;
  return Array.isArray(d) ? d.filter((x): x is string => typeof x === 'string') : [];
}

const cache = new WeakMap<object, Language[]>();

/** English first, then each language the questionnaire has text in. Cached per definition object. */
export function surveyLanguages(definition: Record<string, unknown>): Language[] {
  let found = cache.get(definition);
  if (!found) {
    const demo = demoTranslationsOf(definition);
    found = [
      { code: 'en', name: 'English', demonstration: false },
      ...translatedLocales(definition).map((code) => ({ code, name: languageName(code), demonstration: demo.includes(code) })),
    ];
    cache.set(definition, found);
  }
  return found;
}
