/**
 * Translations of a questionnaire: the languages it is offered in, the translation sheet to
 * download, and a filled-in sheet checked and previewed (storing nothing) or stored as a new
 * version. Called by the officer API and the CLI alike.
 *
 * A questionnaire's `demoTranslations` (a list of locale codes) marks translations made up for the
 * demo, not reviewed by a translator: every page that shows one says so. Storing a sheet for that
 * locale takes the mark off.
 */
import { audit } from '../accounts/audit.js';
import type { Db, Store } from '../store/open.js';
import type { Json } from '../validation/flatten.js';
import type { Actor } from './manage.js';
import { addSurvey } from './manage.js';
import { DEMO_TRANSLATION_NOTICE, demoTranslationsOf, languageName } from './languages.js';
import type { TranslationPreview, TranslationStored } from './schemas.js';
import { sanitiseDefinition } from './sanitise-html.js';
import { findSurvey } from './surveys.js';
import { checkSheet, localeCode, readSheet, sheetCsv, sheetXlsx } from './translation-sheet.js';
import { translationStrings, withTranslations } from './translation-strings.js';

export { localeCode };
export { surveyLanguages } from './languages.js';

export interface SheetFile {
  body: string | Buffer;
  filename: string;
  contentType: string;
}

/** The translation sheet of a survey for a locale, with what is translated so far. */
export async function translationSheet(db: Db, slug: string, rawLocale: string, format: 'csv' | 'xlsx'): Promise<SheetFile> {
  const survey = await findSurvey(db, slug);
  const locale = localeCode(rawLocale);
  const strings = translationStrings(survey.definition, locale);
  const filename = `${survey.slug}-v${survey.version}-${locale}.${format}`;
  if (format === 'csv') return { body: sheetCsv(strings, locale), filename, contentType: 'text/csv; charset=utf-8' };
  const demo = demoTranslationsOf(survey.definition).includes(locale) ? ` The ${locale} text here is a ${DEMO_TRANSLATION_NOTICE.toLowerCase()}` : '';
  const notice = `Translate column C into ${languageName(locale)} (${locale}). Keep HTML tags and {placeholders} exactly as in the English.${demo}`;
  return {
    body: sheetXlsx(strings, locale, notice),
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

interface Checked {
  survey: Awaited<ReturnType<typeof findSurvey>>;
  locale: string;
  definition: Json;
  preview: TranslationPreview;
}

async function check(db: Db, slug: string, rawLocale: string, file: Buffer): Promise<Checked> {
  const survey = await findSurvey(db, slug);
  const locale = localeCode(rawLocale);
  const strings = translationStrings(survey.definition, locale);
  const texts = checkSheet(readSheet(file), strings, locale);
  const translated = withTranslations(survey.definition, locale, texts);
  // A translation an officer uploads is taken to be reviewed: it is no longer the demo's.
  const demo = demoTranslationsOf(translated).filter((c) => c !== locale);
  if (demo.length) translated.demoTranslations = demo;
  else delete translated.demoTranslations;
  const rows = strings.map((s) => ({ id: s.id, english: s.english, translation: texts.get(s.id)!, previous: s.translation }));
  const changed = rows.filter((r) => r.translation !== r.previous).length;
  return {
    survey,
    locale,
    definition: translated,
    preview: {
      slug: survey.slug,
      locale,
      language: languageName(locale),
      version: survey.version,
      strings: rows,
      changed,
      // Shown to the officer as the questionnaire: clean, as it will be stored and served.
      definition: sanitiseDefinition(translated).definition as Json,
      message:
        changed === 0
          ? `The sheet matches the ${languageName(locale)} text already stored: storing it changes nothing.`
          : `${rows.length} strings checked; ${changed} new or changed. Storing it makes version ${survey.version + 1} of ${survey.slug}.`,
    },
  };
}

/** A filled-in sheet checked against the questionnaire and previewed; stores nothing. 422 lists every problem. */
export async function previewTranslation(db: Db, slug: string, locale: string, file: Buffer): Promise<TranslationPreview> {
  return (await check(db, slug, locale, file)).preview;
}

/** The sheet checked as previewTranslation, then stored as a new version; audited 'survey.translated'. */
export async function storeTranslation(store: Store, actor: Actor, slug: string, rawLocale: string, file: Buffer): Promise<TranslationStored> {
  const { survey, locale, definition, preview } = await check(store.db, slug, rawLocale, file);
  const { survey: saved, changed } = await addSurvey(store.db, { slug: survey.slug, definition });
  if (changed) await audit(store, actor, 'survey.translated', { survey: saved.slug, locale, version: saved.version, strings: preview.strings.length });
  return {
    slug: saved.slug,
    locale,
    version: saved.version,
    changed,
    message: changed
      ? `Stored the ${preview.language} translation of ${saved.slug} (${preview.strings.length} strings) as version ${saved.version}. Respondents can now choose ${preview.language}.`
      : `The ${preview.language} translation of ${saved.slug} was already stored: nothing changed.`,
  };
}
