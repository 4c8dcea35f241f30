/**
 * The surveys an officer can open results for (GET /surveys): each with its waves (status, dates,
 * complete responses), the questions the report estimates and the breakdowns `?by=` accepts
 * (single-choice questions and regrouped ones, as in wave-data), and its retention period with
 * the responses it deletes within 30 days.
 */
import type { SurveyMetadata } from '../../surveys/metadata.js';
import type { Db } from '../store/open.js';
import { reportQuestionLists } from './manage.js';
import { allSurveys, completeCountsByWave, type SurveyRow, wavesOf } from './queries.js';
import type { OfficerSurvey } from './schemas.js';
import { retentionOf } from './retention.js';
import { validatorFor, waveClosedReason } from './surveys.js';

function questionLists(survey: SurveyRow) {
  const { questions, breakdowns } = reportQuestionLists(survey.definition, validatorFor(survey).questions, (survey.metadata ?? null) as SurveyMetadata | null);
  return { questions, breakdowns };
}

export async function listOfficerSurveys(db: Db, now = new Date()): Promise<OfficerSurvey[]> {
  const counts = await completeCountsByWave(db);
  return Promise.all(
    (await allSurveys(db)).map(async (s) => ({
      slug: s.slug,
      title: s.title,
      audience: s.audience,
      version: s.version,
      hasMetadata: s.metadata !== null && s.metadata !== undefined,
      waves: (await wavesOf(db, s.id)).map((w) => ({
        name: w.name,
        status: w.status,
        responses: counts.get(w.id) ?? 0,
        opensAt: w.opensAt,
        closesAt: w.closesAt,
        notTakingAnswers: w.status === 'open' ? waveClosedReason(w, now) : null,
      })),
      ...questionLists(s),
      retention: await retentionOf({ db }, s, now),
    })),
  );
}
