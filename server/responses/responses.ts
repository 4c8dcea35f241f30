/**
 * Web returns: a questionnaire for the respondent page, and a return checked by the survey's
 * compiled validator and stored (idempotent on its key, within a link's cap: see queries.ts).
 * The envelope (`Submission`) has been checked by the route's schema; the answers are checked
 * here only, by the compiled validator, which is what keeps a submission fast.
 */
import type { Clock } from '../clock.js';
import { BadRequest, Forbidden, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { findLink } from '../links/availability.js';
import { surveyLanguages } from '../surveys/languages.js';
import { findSurveyForAnswers, openWaveOf, publicSurvey, type SurveyRow, validatorFor, type WaveRow } from '../surveys/surveys.js';
import { type StoreResult, storeResponseSoon } from './queries.js';
import type { LinkSurvey, PublicSurvey, Submission } from './schemas.js';

export { type NewResponse, type StoreResult, storeResponse, storeResponseSoon } from './queries.js';

export const ANSWERS_REFUSED = 'Some answers need attention. Nothing was stored.';

export const LINK_ONLY = 'This questionnaire is answered only through the link your school or group gave you. Ask them for the link.';

/**
 * Young people's questionnaires are answered only through a link (a school hands it out), so that
 * every reply is tagged with where it came from and a link's cap and expiry hold: the public
 * address refuses them (403), after saying whether the survey is open at all.
 */
function refuseWithoutLink(survey: SurveyRow): void {
  if (survey.audience === 'youth') throw new Forbidden(LINK_ONLY);
}

/** The questionnaire of a survey's open wave; 404 unknown, 410 not taking answers, 403 link-only. */
export async function surveyForRespondent(store: Store, slug: string): Promise<PublicSurvey> {
  const survey = await findSurveyForAnswers(store.db, slug);
  const wave = await openWaveOf(store.db, survey);
  refuseWithoutLink(survey);
  return publicSurvey(survey, wave);
}

/** The questionnaire behind a link, with its label; 404 unknown, 410 expired, full or closed. */
export async function surveyForLink(store: Store, token: string, clock: Clock): Promise<LinkSurvey> {
  const { link, wave, survey } = await findLink(store.db, token, clock.now());
  return { ...publicSurvey(survey, wave), label: link.label };
}

async function submit(
  store: Store,
  survey: SurveyRow,
  wave: WaveRow,
  body: Submission,
  link?: { id: number; maxResponses: number | null },
): Promise<StoreResult> {
  const validator = validatorFor(survey);
  const partial = body.status === 'partial';
  if (partial && body.page !== undefined && body.page > validator.pageCount) {
    throw new BadRequest(`'page' is ${body.page}, but this questionnaire has ${validator.pageCount} page${validator.pageCount === 1 ? '' : 's'}.`);
  }
  if (body.locale !== undefined && !surveyLanguages(survey.definition).some((l) => l.code === body.locale)) {
    const offered = surveyLanguages(survey.definition).map((l) => `'${l.code}'`);
    throw new Unprocessable(`'${body.locale}' is not a language this questionnaire is offered in (${offered.join(', ')}). Nothing was stored.`, {
      field: 'locale',
      body: { errors: [{ question: null, message: `The language '${body.locale}' is not offered.` }] },
    });
  }
  const result = validator.validate(body.answers, { partial, reachedPage: partial ? body.page : undefined });
  if (!result.ok) throw new Unprocessable(ANSWERS_REFUSED, { body: { errors: result.errors } });
  return await storeResponseSoon(
    store,
    {
      waveId: wave.id,
      linkId: link?.id ?? null,
      status: body.status,
      lastPage: partial ? (body.page ?? null) : null,
      locale: body.locale ?? null,
      answers: result.answers,
      surveyVersion: survey.version,
      source: 'web',
      idempotencyKey: body.idempotencyKey ?? null,
      dayOnly: survey.audience === 'youth',
    },
    link?.maxResponses,
  );
}

/** A return to a survey's open wave: its id (`duplicate` when the key was stored before); 422 with the problems. */
export async function submitToSurvey(store: Store, slug: string, body: Submission): Promise<StoreResult> {
  const survey = await findSurveyForAnswers(store.db, slug);
  const wave = await openWaveOf(store.db, survey);
  refuseWithoutLink(survey);
  return await submit(store, survey, wave, body);
}

/** A return through a school or channel link (tagged with it); expiry and cap apply. */
export async function submitThroughLink(store: Store, token: string, body: Submission, clock: Clock): Promise<StoreResult> {
  // The cap is checked when storing, after the idempotency key (see findLink).
  const { link, wave, survey } = await findLink(store.db, token, clock.now(), { checkCap: false });
  return await submit(store, survey, wave, body, link);
}
