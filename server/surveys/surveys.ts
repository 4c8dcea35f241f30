/**
 * Surveys, waves and links: the lookups every respondent request makes, and the compiled
 * validator for each questionnaire version (compiled once, reused for every submission).
 */
import { Gone, NotFound } from '../errors.js';
import { scopedPartnership } from '../store/partnership-scope.js';
import type { Db } from '../store/open.js';
import { compileSurvey, type CompiledSurvey } from '../validation/index.js';
import { allSurveys, hot, type LinkRow, surveyBySlug, type SurveyRow, waveByName, type WaveRow, openWaveBySurvey } from './queries.js';
import { surveyLanguages } from './languages.js';
import type { SurveyDefinition } from './schemas.js';
import { servedDefinition } from './sanitise-html.js';

export type { LinkRow, SurveyRow, WaveRow };

const compiled = new Map<string, CompiledSurvey>();

/** The validator for this survey version; compiled on first use. */
export function validatorFor(survey: Pick<SurveyRow, 'id' | 'slug' | 'version' | 'definition'>): CompiledSurvey {
  // Keyed by slug too: one process may open several stores (tests, CLI) whose ids overlap.
  const key = `${survey.slug}#${survey.id}@${survey.version}`;
  let v = compiled.get(key);
  if (!v) {
    v = compileSurvey(survey.definition, { stored: true });
    compiled.set(key, v);
  }
  return v;
}

/** Every survey, by slug (the CLI's survey list). */
export async function listSurveys(db: Db): Promise<SurveyRow[]> {
  return await allSurveys(db);
}

export async function findSurvey(db: Db, slug: string): Promise<SurveyRow> {
  const survey = await surveyBySlug(db, slug);
  if (!survey) throw new NotFound(`There is no survey called '${slug}'.`);
  return survey;
}

/**
 * findSurvey for the respondent routes. The definition and metadata objects are shared between
 * requests for the same survey version: read them, never change them.
 */
export async function findSurveyForAnswers(db: Db, slug: string): Promise<SurveyRow> {
  const h = await hot(db);
  if (!h) return await findSurvey(db, slug);
  const core = h.survey.get(slug);
  const scope = scopedPartnership();
  if (!core || (scope !== undefined && core.partnership_id !== scope)) throw new NotFound(`There is no survey called '${slug}'.`);
  const key = `${core.id}@${core.version}`;
  let json = h.parsed.get(key);
  if (!json) {
    const raw = h.surveyJson.get(core.id)!;
    json = { definition: JSON.parse(raw.definition), metadata: raw.metadata === null ? null : JSON.parse(raw.metadata) };
    h.parsed.set(key, json);
  }
  const { created_at: createdAt, retention_months: retentionMonths, partnership_id: partnershipId, ...rest } = core;
  return { ...rest, definition: json.definition, metadata: json.metadata, retentionMonths, createdAt, partnershipId };
}

export async function findWave(db: Db, survey: SurveyRow, name: string): Promise<WaveRow> {
  const wave = await waveByName(db, survey.id, name);
  if (!wave) throw new NotFound(`Survey '${survey.slug}' has no wave called '${name}'.`);
  return wave;
}

/** Whether a wave takes answers now: open, and inside its dates if it has them. */
export function waveClosedReason(wave: WaveRow, now = new Date()): string | null {
  if (wave.status !== 'open') return `The ${wave.name} survey is ${wave.status === 'draft' ? 'not open yet' : 'closed'}.`;
  if (wave.opensAt && now < new Date(wave.opensAt)) return `The ${wave.name} survey opens on ${wave.opensAt.slice(0, 10)}.`;
  if (wave.closesAt && now >= new Date(wave.closesAt)) return `The ${wave.name} survey closed on ${wave.closesAt.slice(0, 10)}.`;
  return null;
}

/** The open wave of a survey, for the public questionnaire page. */
export async function openWaveOf(db: Db, survey: SurveyRow): Promise<WaveRow> {
  const h = await hot(db);
  const raw = h?.openWave.get(survey.id);
  const wave: WaveRow | undefined = h
    ? raw && {
        id: raw.id,
        surveyId: raw.survey_id,
        name: raw.name,
        status: raw.status,
        opensAt: raw.opens_at,
        closesAt: raw.closes_at,
        createdAt: raw.created_at,
      }
    : await openWaveBySurvey(db, survey.id);
  if (!wave) throw new Gone(`The survey '${survey.title}' is not taking answers at the moment.`);
  const closed = waveClosedReason(wave);
  if (closed) throw new Gone(closed);
  return wave;
}

/** What the respondent page needs to render a questionnaire. */
export function publicSurvey(survey: SurveyRow, wave: WaveRow) {
  return {
    slug: survey.slug,
    title: survey.title,
    audience: survey.audience,
    version: survey.version,
    wave: { name: wave.name },
    definition: servedDefinition(survey.definition),
    languages: surveyLanguages(survey.definition),
  };
}

/** A questionnaire for previewing, whatever its waves' status. */
export async function surveyDefinition(db: Db, slug: string): Promise<SurveyDefinition> {
  const s = await findSurvey(db, slug);
  return { slug: s.slug, title: s.title, audience: s.audience, version: s.version, definition: servedDefinition(s.definition) };
}
