/**
 * Recorded crime rates and SPC charts as JSON: the same documents `crime rates --format json`
 * and `crime spc --format json` print.
 *
 *   GET /crime/rates?from=YYYY-MM&to=YYYY-MM[&crimeType=…]
 *   GET /crime/spc[?crimeType=…&ward=E05…&baselineFrom=YYYY-MM&baselineTo=YYYY-MM]
 *
 * Malformed months and unknown crime types or wards → 400; no crime or population stored → 409,
 * both as { error } with a message a person understands.
 */
import { Hono } from 'hono';
import type { Store } from '../db/open.js';
import { crimeRates } from '../crime/rates-report.js';
import { crimeSpc } from '../crime/spc-report.js';
import { NotAvailable } from '../services/surveys.js';

export function crimeRoutes(store: Store) {
  return new Hono()
    .onError((err, c) => {
      // Own handler so the router answers clearly wherever it is mounted.
      if (err instanceof NotAvailable) return c.json({ error: err.message }, err.status);
      throw err;
    })
    .get('/crime/rates', (c) => {
      const q = (name: string) => c.req.query(name) || undefined;
      return c.json(crimeRates(store, { from: q('from') ?? '', to: q('to') ?? '', crimeType: q('crimeType') }));
    })
    .get('/crime/spc', (c) => {
      const q = (name: string) => c.req.query(name) || undefined;
      return c.json(crimeSpc(store, { crimeType: q('crimeType'), ward: q('ward'), baselineFrom: q('baselineFrom'), baselineTo: q('baselineTo') }));
    });
}
