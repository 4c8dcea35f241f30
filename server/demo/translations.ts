/**
 * The demo's second language: a Welsh translation of the resident questionnaire written for the
 * demo and NOT reviewed by a translator, kept as English → Welsh in translations/<slug>.<locale>.json.
 * The questionnaire gets `demoTranslations: ['cy']`, so every page that shows it says so. A string
 * the file does not have (ward names) is given as its English, so the translation is complete.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { translationStrings, withTranslations } from '../surveys/translation-strings.js';

const DEMO_LOCALES = ['cy'];

/** The bundled questionnaire with the demo's translations, or as it is when it has none. */
export function withDemoTranslations(slug: string, definition: Record<string, unknown>): Record<string, unknown> {
  let out = definition;
  const marked: string[] = [];
  for (const locale of DEMO_LOCALES) {
    const file = fileURLToPath(new URL(`./translations/${slug}.${locale}.json`, import.meta.url));
    if (!existsSync(file)) continue;
    const byEnglish = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const texts = new Map(translationStrings(out, locale).map((s) => [s.id, byEnglish[s.english] ?? s.english]));
    out = withTranslations(out, locale, texts);
    marked.push(locale);
  }
  return marked.length ? { ...out, demoTranslations: marked } : out;
}
