import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addQuestionnaire, AUDIENCES, surveyUrl, type Audience } from '../../surveys/manage.js';
import { listSurveys } from '../../surveys/surveys.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `survey add --file def.json [--slug s] [--audience resident|youth|other] [--title t] [--meta meta.json]
survey list`;

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

export const surveyCommand: Command = (args, { store, out }) => {
  const [sub, ...rest] = args;
  if (sub === 'list') {
    for (const s of listSurveys(store.db)) out(`${s.slug}\t${s.audience}\tv${s.version}\t${s.title}`);
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
  const { outcome, survey } = addQuestionnaire(store, null, { slug, audience: f.audience as Audience | undefined, definition, title: f.title, metadata });
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
