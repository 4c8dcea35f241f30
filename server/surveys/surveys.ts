/**
 * Surveys, waves and links: the lookups every respondent request makes, and the compiled
 * validator for each questionnaire version (compiled once, reused for every submission).
 */
import { Gone, NotFound } from '../errors.js';
import { type LinkContext, linkByToken } from '../links/queries.js';
import type { Db } from '../store/open.js';
import { compileSurvey, type CompiledSurvey } from '../validation/index.js';
import { allSurveys, hot, type LinkRow, responseCountOfLink, surveyBySlug, type SurveyRow, waveByName, type WaveRow, openWaveBySurvey } from './queries.js';
import type { SurveyDefinition } from './schemas.js';

export type { LinkRow, SurveyRow, WaveRow };

export const LINK_FULL = 'This survey link has received all the answers it was set up for.';

const compiled = new Map<string, CompiledSurvey>();

/** The validator for this survey version; compiled on first use. */
export function validatorFor(survey: Pick<SurveyRow, 'id' | 'slug' | 'version' | 'definition'>): CompiledSurvey {
  // Keyed by slug too: one process may open several stores (tests, CLI) whose ids overlap.
  const key = `${survey.slug}#${survey.id}@${survey.version}`;
  let v = compiled.get(key);
  if (!v) {
    v = compileSurvey(survey.definition);
    compiled.set(key, v);
  }
  return v;
}

/** Every survey, by slug (the CLI's survey list). */
export function listSurveys(db: Db): SurveyRow[] {
  return allSurveys(db);
}

export function findSurvey(db: Db, slug: string): SurveyRow {
  const survey = surveyBySlug(db, slug);
  if (!survey) throw new NotFound(`There is no survey called '${slug}'.`);
  return survey;
}

/**
 * findSurvey for the respondent routes. The definition and metadata objects are shared between
 * requests for the same survey version: read them, never change them.
 */
export function findSurveyForAnswers(db: Db, slug: string): SurveyRow {
  const h = hot(db);
  if (!h) return findSurvey(db, slug);
  const core = h.survey.get(slug);
  if (!core) throw new NotFound(`There is no survey called '${slug}'.`);
  const key = `${core.id}@${core.version}`;
  let json = h.parsed.get(key);
  if (!json) {
    const raw = h.surveyJson.get(core.id)!;
    json = { definition: JSON.parse(raw.definition), metadata: raw.metadata === null ? null : JSON.parse(raw.metadata) };
    h.parsed.set(key, json);
  }
  const { created_at: createdAt, ...rest } = core;
  return { ...rest, definition: json.definition, metadata: json.metadata, createdAt };
}

export function findWave(db: Db, survey: SurveyRow, name: string): WaveRow {
  const wave = waveByName(db, survey.id, name);
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
export function openWaveOf(db: Db, survey: SurveyRow): WaveRow {
  const h = hot(db);
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
    : openWaveBySurvey(db, survey.id);
  if (!wave) throw new Gone(`The survey '${survey.title}' is not taking answers at the moment.`);
  const closed = waveClosedReason(wave);
  if (closed) throw new Gone(closed);
  return wave;
}

/** Why a link takes no answers now, checked in this order; null when it does. */
export type LinkUnavailable = { kind: 'expired' } | { kind: 'wave closed'; reason: string } | { kind: 'full' };

/**
 * The one rule for whether a link takes answers: expired, then its wave closed (or outside its
 * dates), then full. `used` is asked only when the link has a cap. The respondent API refuses with
 * it (findLink) and the officer pages describe it (services/links.ts), so the two always agree.
 */
export function linkUnavailable(link: LinkRow, wave: WaveRow, used: () => number, now = new Date()): LinkUnavailable | null {
  if (link.expiresAt && now >= new Date(link.expiresAt)) return { kind: 'expired' };
  const closed = waveClosedReason(wave, now);
  if (closed) return { kind: 'wave closed', reason: closed };
  if (link.maxResponses != null && used() >= link.maxResponses) return { kind: 'full' };
  return null;
}

/**
 * A distribution link with its wave and survey; 404 if unknown; 410 if expired, full, or its wave
 * is closed. `checkCap: false` leaves the cap to storeResponse, which checks it after the
 * idempotency key, so a retried return through a link that has just filled still gets its id.
 */
export function findLink(db: Db, token: string, now = new Date(), { checkCap = true } = {}): LinkContext {
  const row = linkByToken(db, token);
  if (!row) throw new NotFound('This survey link is not recognised. Check that it was copied in full.');
  const used = () => (checkCap ? responseCountOfLink(db, row.link.id) : 0);
  const unavailable = linkUnavailable(row.link, row.wave, used, now);
  if (unavailable?.kind === 'expired') throw new Gone(`This survey link expired on ${row.link.expiresAt!.slice(0, 10)}.`);
  if (unavailable?.kind === 'wave closed') throw new Gone(unavailable.reason);
  if (unavailable?.kind === 'full') throw new Gone(LINK_FULL);
  return row;
}

/** What the respondent page needs to render a questionnaire. */
export function publicSurvey(survey: SurveyRow, wave: WaveRow) {
  return {
    slug: survey.slug,
    title: survey.title,
    audience: survey.audience,
    version: survey.version,
    wave: { name: wave.name },
    definition: survey.definition,
  };
}

/** A questionnaire for previewing, whatever its waves' status. */
export function surveyDefinition(db: Db, slug: string): SurveyDefinition {
  const s = findSurvey(db, slug);
  return { slug: s.slug, title: s.title, audience: s.audience, version: s.version, definition: s.definition };
}
