/**
 * Recorded crime rates and SPC charts as JSON, mounted at /api/officer (session + CSRF run
 * there; viewer and up, 'read-results'): the same documents `crime rates --format json` and
 * `crime spc --format json` print.
 *
 *   GET /crime/rates?from=YYYY-MM&to=YYYY-MM[&crimeType=…]
 *   GET /crime/spc[?crimeType=…&ward=E05…&baselineFrom=YYYY-MM&baselineTo=YYYY-MM]
 *   GET /crime/available   the months, crime types and wards stored (for the pages' choices)
 *
 * Malformed months and unknown crime types or wards → 400; no crime or population stored → 409,
 * both as { error } with a message a person understands.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import { crimeAvailability, crimeRates } from '../../crime/rates-report.js';
import { crimeSpc } from '../../crime/spc-report.js';
import { NotAvailable } from '../../surveys/surveys.js';

/** Summaries for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const crimeOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/crime/available': { summary: 'What recorded crime is stored: months, crime types, wards, whether population figures are loaded' },
  'GET /api/officer/crime/rates': { summary: 'Recorded crime per 1,000 residents by ward with exact Poisson 95% CIs, for a period (from, to) and crime type' },
  'GET /api/officer/crime/spc': {
    summary: 'XmR (SPC) chart of monthly recorded crime for the borough or a ward, with a selectable baseline and named signals',
  },
};

export function crimeRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv>()
    .use('/crime/available', requireRole(...rolesWith('read-results')))
    .use('/crime/rates', requireRole(...rolesWith('read-results')))
    .use('/crime/spc', requireRole(...rolesWith('read-results')))
    .onError((err, c) => {
      // Own handler so the router answers clearly wherever it is mounted.
      if (err instanceof NotAvailable) return c.json({ error: err.message }, err.status);
      throw err;
    })
    .get('/crime/available', (c) => c.json(crimeAvailability(store)))
    .get('/crime/rates', (c) => {
      const q = (name: string) => c.req.query(name) || undefined;
      return c.json(crimeRates(store, { from: q('from') ?? '', to: q('to') ?? '', crimeType: q('crimeType') }));
    })
    .get('/crime/spc', (c) => {
      const q = (name: string) => c.req.query(name) || undefined;
      return c.json(crimeSpc(store, { crimeType: q('crimeType'), ward: q('ward'), baselineFrom: q('baselineFrom'), baselineTo: q('baselineTo') }));
    });
}
