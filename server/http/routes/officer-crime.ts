/**
 * Recorded crime rates and SPC charts as JSON, mounted at /api/officer (session + CSRF run
 * there; viewer and up, 'read-results'): the same documents `crime rates --format json` and
 * `crime spc --format json` print.
 *
 *   GET /crime/rates?from=YYYY-MM&to=YYYY-MM[&crimeType=…]
 *   GET /crime/spc[?crimeType=…&ward=E05…&baselineFrom=YYYY-MM&baselineTo=YYYY-MM]
 *   GET /crime/available   the months, crime types and wards stored (for the pages' choices)
 *
 * Malformed months (the query schemas) and unknown crime types or wards (the services) → 400;
 * no crime or population stored → 409, both as { error } with a message a person understands.
 */
import { z } from '@hono/zod-openapi';
import { rolesWith } from '../../accounts/roles.js';
import { crimeAvailability, crimeRates } from '../../crime/rates-report.js';
import { CrimeAvailability, CrimeRatesReport, CrimeSpcReport } from '../../crime/schemas.js';
import { crimeSpc } from '../../crime/spc-report.js';
import { MonthParam, OptionalMonthParam } from '../../formats/dates.js';
import type { AppDeps } from '../deps.js';
import { errors, jsonContent, officerRoute, router } from '../route.js';

const readers = rolesWith('read-results');
const tags = ['crime'];

/** Empty values count as not given, as the pages send them. */
const given = (v: string | undefined) => (v === '' ? undefined : v);

const CrimeTypeParam = z
  .string()
  .optional()
  .openapi({
    param: { name: 'crimeType', in: 'query' },
    description: 'One police.uk crime type; default all crime not counting anti-social behaviour',
    example: 'Burglary',
  });

export const RatesQuery = z.object({ from: MonthParam('from'), to: MonthParam('to'), crimeType: CrimeTypeParam });

export const SpcQuery = z.object({
  crimeType: CrimeTypeParam,
  ward: z
    .string()
    .optional()
    .openapi({ param: { name: 'ward', in: 'query' }, description: 'A ward code; default the whole borough', example: 'E05004982' }),
  baselineFrom: OptionalMonthParam('baselineFrom', 'First month of the baseline; default the first month stored'),
  baselineTo: OptionalMonthParam('baselineTo', 'Last month of the baseline; default the last month stored'),
});

const getAvailable = officerRoute({
  method: 'get',
  path: '/crime/available',
  roles: readers,
  tags,
  summary: 'What recorded crime is stored: months, crime types, wards, whether population figures are loaded',
  responses: { 200: jsonContent(CrimeAvailability, 'The choices the crime pages can offer') },
});

const getRates = officerRoute({
  method: 'get',
  path: '/crime/rates',
  roles: readers,
  tags,
  summary: 'Recorded crime per 1,000 residents by ward with exact Poisson 95% CIs, for a period (from, to) and crime type',
  request: { query: RatesQuery },
  responses: {
    200: jsonContent(CrimeRatesReport, 'Rates by ward and for the borough, with the change from a year earlier'),
    ...errors({
      400: 'A month missing or not YYYY-MM, the period backwards, or an unknown crime type',
      409: 'No recorded crime or no population figures stored for the period',
    }),
  },
});

const getSpc = officerRoute({
  method: 'get',
  path: '/crime/spc',
  roles: readers,
  tags,
  summary: 'XmR (SPC) chart of monthly recorded crime for the borough or a ward, with a selectable baseline and named signals',
  request: { query: SpcQuery },
  responses: {
    200: jsonContent(CrimeSpcReport, 'The monthly counts, limits and signals'),
    ...errors({
      400: 'A baseline month not YYYY-MM or outside the months stored, or an unknown crime type or ward',
      409: 'No recorded crime stored',
    }),
  },
});

export function crimeRoutes({ store }: AppDeps) {
  return router()
    .openapi(getAvailable, async (c) => c.json(await crimeAvailability(store), 200))
    .openapi(getRates, async (c) => {
      const { from, to, crimeType } = c.req.valid('query');
      return c.json(await crimeRates(store, { from, to, crimeType: given(crimeType) }), 200);
    })
    .openapi(getSpc, async (c) => {
      const q = c.req.valid('query');
      return c.json(
        await crimeSpc(store, { crimeType: given(q.crimeType), ward: given(q.ward), baselineFrom: given(q.baselineFrom), baselineTo: given(q.baselineTo) }),
        200,
      );
    });
}
