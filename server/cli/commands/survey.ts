import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addQuestionnaire, AUDIENCES, surveyUrl, type Audience } from '../../surveys/manage.js';
import { RetentionRequest, setRetention } from '../../surveys/retention.js';
import { listSurveys } from '../../surveys/surveys.js';
import { systemClock } from '../../clock.js';
import { Unprocessable } from '../../errors.js';
import { previewTranslation, storeTranslation, translationSheet } from '../../surveys/translations.js';
import { readSheet } from '../../surveys/translation-sheet.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `survey add --file def.json [--slug s] [--audience resident|youth|other] [--title t] [--meta meta.json]
survey list
survey retention --survey s --months n|none   (responses older than n months are deleted by the sweep)
survey translation export --survey s --locale cy --out cy.csv|cy.xlsx
survey translation import --survey s --file cy.csv|cy.xlsx [--locale cy] [--check]`;

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${what} file '${file}'.`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what} file '${file}' is not valid JSON: ${(e as Error).message}`);
  }
}

function readFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(`Cannot read the sheet file '${file}'.`);
  }
}

/** Translation sheets out and back in: the officer page's services, checked and audited the same way. */
const translationCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  if (sub === 'export') {
    const f = flags(rest, { survey: { type: 'string' }, locale: { type: 'string' }, out: { type: 'string' } }, ['survey', 'locale', 'out']);
    const format = f.out!.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    const sheet = await translationSheet(store.db, f.survey!, f.locale!, format);
    writeFileSync(f.out!, sheet.body);
    out(`Wrote the ${f.locale} translation sheet of ${f.survey} to ${f.out}: fill in its third column, then import it.`);
    return 0;
  }
  if (sub !== 'import') throw new UsageError(`Unknown survey translation command '${sub ?? ''}': use export or import.`);
  const f = flags(rest, { survey: { type: 'string' }, file: { type: 'string' }, locale: { type: 'string' }, check: { type: 'boolean' } }, ['survey', 'file']);
  const file = readFile(f.file!);
  const locale = f.locale ?? readSheet(file).locale;
  if (!locale) throw new UsageError('The sheet does not say its language (its third heading is "Translation (cy)" in a sheet this exports): give --locale.');
  if (f.check) {
    const preview = await previewTranslation(store.db, f.survey!, locale, file);
    out(`Checked: ${preview.message} Nothing was stored (--check).`);
    return 0;
  }
  out((await storeTranslation(store, null, f.survey!, locale, file)).message);
  return 0;
};
export const surveyCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    for (const s of await listSurveys(store.db)) out(`${s.slug}\t${s.audience}\tv${s.version}\t${s.title}`);
    return 0;
  }
  if (sub === 'translation') return await translationCommand(rest, { store, out, err: out });
  if (sub === 'retention') {
    const f = flags(rest, { survey: { type: 'string' }, months: { type: 'string' } }, ['survey', 'months']);
    const text = f.months!.trim().toLowerCase();
    // The route's own schema, so the CLI refuses what the API refuses with the same words.
    const checked = RetentionRequest.safeParse({ months: text === 'none' ? null : text !== '' && !Number.isNaN(Number(text)) ? Number(text) : f.months });
    if (!checked.success) throw new Unprocessable(checked.error.issues[0].message, { field: 'months' });
    const r = await setRetention(store, null, f.survey!, checked.data, systemClock.now());
    out(r.description);
    if (r.due) out(r.due.message);
    return 0;
  }
  if (sub !== 'add') throw new UsageError(`Unknown survey command '${sub ?? ''}'.`);
  const f = flags(
    rest,
    { file: { type: 'string' }, slug: { type: 'string' }, audience: { type: 'string' }, title: { type: 'string' }, meta: { type: 'string' } },
    ['file'],
  );
  if (f.audience && !AUDIENCES.includes(f.audience as Audience)) throw new UsageError(`--audience must be one of ${AUDIENCES.join(', ')}.`);
  const definition = readJson(f.file!, 'Questionnaire');
  const slug = f.slug ?? basename(f.file!).replace(/(\.survey)?\.json$/, '');
  const metadata = f.meta ? readJson(f.meta, 'Metadata') : besideMetadata(f.file!, slug);
  // The officer upload's service: the same checks of the questionnaire and its metadata, audited.
  const { outcome, survey } = await addQuestionnaire(store, null, { slug, audience: f.audience as Audience | undefined, definition, title: f.title, metadata });
  out(
    `${outcome === 'created' ? 'Added' : outcome === 'updated' ? 'Updated' : 'Unchanged:'} survey ${survey.slug} (version ${survey.version}): ${surveyUrl(survey.slug)}`,
  );
  return 0;
};

/**
 * The question metadata beside a bundled questionnaire (x.survey.json → x.meta.json), if there is
 * one that reads; undefined otherwise (any stored metadata is then kept if it fits). It belongs to
 * that questionnaire whatever name it is added under, so its slug becomes the one given.
 */
function besideMetadata(file: string, slug: string): Record<string, unknown> | undefined {
  if (!file.endsWith('.survey.json')) return undefined;
  try {
    return { ...readJson(file.replace(/\.survey\.json$/, '.meta.json'), 'Metadata'), slug };
  } catch {
    return undefined;
  }
}
