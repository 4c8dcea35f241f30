/**
 * The surveys an officer can open results for, mounted at /api/officer (session + CSRF run there).
 * Viewer and up ('read-results').
 */
import { rolesWith } from '../../accounts/roles.js';
import { listOfficerSurveys } from '../../surveys/list.js';
import { OfficerSurveyList } from '../../surveys/schemas.js';
import type { AppDeps } from '../deps.js';
import { jsonContent, officerRoute, router } from '../route.js';

export type { OfficerSurvey, OfficerSurveyWave } from '../../surveys/schemas.js';

const listSurveys = officerRoute({
  method: 'get',
  path: '/surveys',
  roles: rolesWith('read-results'),
  tags: ['surveys'],
  summary: 'Every survey with its waves (status, dates, responses), the questions reported and the breakdowns offered',
  responses: {
    200: jsonContent(OfficerSurveyList, 'Every survey, by slug, with its waves by name'),
  },
});

export function officerSurveyRoutes({ store, clock }: AppDeps) {
  return router().openapi(listSurveys, async (c) => c.json(await listOfficerSurveys(store.db, clock.now()), 200));
}
