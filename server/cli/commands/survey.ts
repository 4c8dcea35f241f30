import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { addSurvey, AUDIENCES, surveyUrl, type Audience } from '../../surveys/manage.js';
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
  // Question metadata beside a bundled questionnaire (x.survey.json → x.meta.json) comes along.
  const metaFile = f.meta ?? (f.file!.endsWith('.survey.json') ? f.file!.replace(/\.survey\.json$/, '.meta.json') : undefined);
  let metadata: Record<string, unknown> | null = null;
  if (metaFile) {
    try {
      metadata = readJson(metaFile, 'Metadata');
    } catch (e) {
      if (f.meta) throw e;
    }
  }
  const { survey, created, changed } = addSurvey(store.db, { definition, slug, audience: f.audience as Audience | undefined, title: f.title, metadata });
  out(`${created ? 'Added' : changed ? 'Updated' : 'Unchanged:'} survey ${survey.slug} (version ${survey.version}): ${surveyUrl(survey.slug)}`);
  return 0;
};
