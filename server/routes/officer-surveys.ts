/**
 * The surveys an officer can open results for, mounted at /api/officer (session + CSRF run there):
 *   GET /surveys → [{slug, title, audience, waves: [{name, status, responses}], questions, breakdowns}]
 * `questions` are what the report estimates (name + title, for captions); `breakdowns` are the
 * names the report accepts in `?by=` (single-choice questions and regrouped ones, as in wave-data).
 */
import { count, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { rolesWith } from '../auth/roles.js';
import type { Store } from '../db/open.js';
import { responses, surveys, waves } from '../db/schema.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { validatorFor } from '../services/surveys.js';
import { flatten } from '../validation/flatten.js';
import type { SurveyMetadata } from '../../surveys/metadata.js';

export interface OfficerSurveyWave {
  name: string;
  status: 'draft' | 'open' | 'closed';
  /** Complete responses stored for the wave. */
  responses: number;
}

export interface OfficerSurvey {
  slug: string;
  title: string;
  audience: 'resident' | 'youth' | 'other';
  waves: OfficerSurveyWave[];
  questions: { name: string; title: string }[];
  breakdowns: { name: string; title: string }[];
}

type Spec = { name: string; kind: string; title?: string };

/** Question titles as written in the questionnaire (plain text, or the default of a localised title). */
function titlesOf(definition: unknown): Map<string, string> {
  const titles = new Map<string, string>();
  for (const q of flatten(definition).questions) {
    const t = q.element.title as unknown;
    const text = typeof t === 'string' ? t : t && typeof t === 'object' ? (t as Record<string, unknown>).default : undefined;
    if (typeof text === 'string' && text.trim()) titles.set(q.name, text.trim());
  }
  return titles;
}

function questionLists(survey: typeof surveys.$inferSelect) {
  const titles = titlesOf(survey.definition);
  const specs = (validatorFor(survey).questions as unknown as Spec[]).map((s) => ({ ...s, title: s.title ?? titles.get(s.name) }));
  const reported = specs.filter((s) => s.kind === 'single' || s.kind === 'multi' || s.kind === 'number');
  const questions = reported.map((s) => ({ name: s.name, title: s.title ?? s.name }));
  const breakdowns = specs.filter((s) => s.kind === 'single').map((s) => ({ name: s.name, title: s.title ?? s.name }));
  const metadata = (survey.metadata ?? null) as SurveyMetadata | null;
  for (const meta of metadata?.questions ?? []) {
    if (!meta.groups) continue;
    const base = breakdowns.find((b) => b.name === meta.name)?.title ?? meta.name;
    breakdowns.push({ name: `${meta.name}_group`, title: `${base} (grouped)` });
  }
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
      waves: db
        .select()
        .from(waves)
        .where(eq(waves.surveyId, s.id))
        .orderBy(waves.name)
        .all()
        .map((w) => ({ name: w.name, status: w.status, responses: counts.get(w.id) ?? 0 })),
      ...questionLists(s),
    }));
}

export function officerSurveyRoutes(store: Store) {
  return new Hono<OfficerEnv>().get('/surveys', requireRole(...rolesWith('read-results')), (c) => c.json(listOfficerSurveys(store)));
}
