/**
 * The surveys an officer can open results for, mounted at /api/officer (session + CSRF run there):
 *   GET /surveys → [{slug, title, audience, version, hasMetadata,
 *                    waves: [{name, status, responses, opensAt, closesAt, notTakingAnswers}], questions, breakdowns}]
 * `questions` are what the report estimates (name + title, for captions); `breakdowns` are the
 * names the report accepts in `?by=` (single-choice questions and regrouped ones, as in wave-data).
 */
import { count, eq } from 'drizzle-orm';
import type { AppDeps } from '../deps.js';
import { Hono } from 'hono';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { responses, surveys, waves } from '../../store/schema.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { reportQuestionLists } from '../../surveys/manage.js';
import { validatorFor, waveClosedReason } from '../../surveys/surveys.js';
import type { SurveyMetadata } from '../../../surveys/metadata.js';

export interface OfficerSurveyWave {
  name: string;
  status: 'draft' | 'open' | 'closed';
  /** Complete responses stored for the wave. */
  responses: number;
  /** Start of the opening and closing days (ISO, midnight UTC), or null: answers are taken from opensAt until closesAt. */
  opensAt: string | null;
  closesAt: string | null;
  /** Why an open wave is not taking answers now (before its opening date, after its closing date); null otherwise. */
  notTakingAnswers: string | null;
}

export interface OfficerSurvey {
  slug: string;
  title: string;
  audience: 'resident' | 'youth' | 'other';
  /** Goes up each time the questionnaire is replaced. */
  version: number;
  /** Whether question metadata (scales, nets, crime types) is stored with it. */
  hasMetadata: boolean;
  waves: OfficerSurveyWave[];
  questions: { name: string; title: string }[];
  breakdowns: { name: string; title: string }[];
}

function questionLists(survey: typeof surveys.$inferSelect) {
  const { questions, breakdowns } = reportQuestionLists(survey.definition, validatorFor(survey).questions, (survey.metadata ?? null) as SurveyMetadata | null);
  return { questions, breakdowns };
}

export function listOfficerSurveys(store: Store): OfficerSurvey[] {
  const { db } = store;
  const counts = new Map(
    db
      .select({ waveId: responses.waveId, n: count() })
      .from(responses)
      .where(eq(responses.status, 'complete'))
      .groupBy(responses.waveId)
      .all()
      .map((r) => [r.waveId, r.n]),
  );
  return db
    .select()
    .from(surveys)
    .orderBy(surveys.slug)
    .all()
    .map((s) => ({
      slug: s.slug,
      title: s.title,
      audience: s.audience,
      version: s.version,
      hasMetadata: s.metadata !== null && s.metadata !== undefined,
      waves: db
        .select()
        .from(waves)
        .where(eq(waves.surveyId, s.id))
        .orderBy(waves.name)
        .all()
        .map((w) => ({
          name: w.name,
          status: w.status,
          responses: counts.get(w.id) ?? 0,
          opensAt: w.opensAt,
          closesAt: w.closesAt,
          notTakingAnswers: w.status === 'open' ? waveClosedReason(w) : null,
        })),
      ...questionLists(s),
    }));
}

/** Summary for the OpenAPI document. */
export const surveyListOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys': { summary: 'Every survey with its waves (status, dates, responses), the questions reported and the breakdowns offered' },
};

export function officerSurveyRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv>().get('/surveys', requireRole(...rolesWith('read-results')), (c) => c.json(listOfficerSurveys(store)));
}
