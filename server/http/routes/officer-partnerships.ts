/**
 * Which partnership an officer works in (mounted under /api/officer):
 *   GET /partnerships           → {partnerships: [{slug, name, role, current}], countyReader}
 *   PUT /partnerships/current   {slug} → the same, now working in that one (from the next request on)
 *   GET /county                 → every partnership side by side (county readers)
 * Every other officer route keeps to the current partnership (server/partnerships/scope.ts).
 */
import { ROLES } from '../../accounts/roles.js';
import { choosePartnership, countyOverview, officerPartnerships } from '../../partnerships/partnerships.js';
import { ChoosePartnership, CountyOverview, OfficerPartnerships } from '../../partnerships/schemas.js';
import type { AppDeps } from '../deps.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const tags = ['partnerships'];

const list = officerRoute({
  method: 'get',
  path: '/partnerships',
  roles: ROLES,
  tags,
  summary: 'The partnerships you may work in, your role in each, and the one this session works in',
  responses: { 200: jsonContent(OfficerPartnerships, 'Your partnerships') },
});

const choose = officerRoute({
  method: 'put',
  path: '/partnerships/current',
  roles: ROLES,
  tags,
  summary: 'Work in another of your partnerships: every page then shows its surveys, wards and data',
  middleware: [limitBody({ maxBytes: 1024 })] as const,
  request: { body: jsonBody(ChoosePartnership, 'The partnership to work in') },
  responses: {
    200: jsonContent(OfficerPartnerships, 'Now working in the partnership chosen'),
    ...errors({ 400: 'Not {slug} as JSON', 404: 'You have no role in that partnership', 413: 'The body is larger than 1 KB', 415: 'The body is not JSON' }),
  },
});

const county = officerRoute({
  method: 'get',
  path: '/county',
  roles: ROLES,
  tags,
  summary: 'Every partnership side by side (wards, surveys with their waves and replies, recorded crime): county readers only',
  responses: { 200: jsonContent(CountyOverview, 'The partnerships, oldest first'), ...errors({ 403: 'Not a county reader' }) },
});

export function officerPartnershipRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(county, async (c) => c.json(await countyOverview(store, c.get('officer')!, clock.now()), 200))
    .openapi(list, (c) => c.json(officerPartnerships(c.get('officer')!), 200))
    .openapi(choose, async (c) => c.json(await choosePartnership(store, c.get('officer')!, c.req.valid('json').slug), 200), invalidAs(400));
}
