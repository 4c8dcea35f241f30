/**
 * What respondents' pages show of the council, without sign-in: its name and logo (GET
 * /api/council, /api/council/logo), and each questionnaire's privacy notice as a page
 * (GET /s/{slug}/privacy, mounted at the site root). /api/council is 404 until an admin saves the details.
 */
import { Hono } from 'hono';
import { NotFound } from '../../errors.js';
import { privacyNoticeHtml } from '../../settings/privacy-notice.js';
import { councilLogo, PublicCouncil, publicCouncil } from '../../settings/settings.js';
import type { AppDeps } from '../deps.js';
import { SurveyParams } from '../params.js';
import { createRoute, errors, fileContent, jsonContent, router, z } from '../route.js';

const tags = ['respondent'];

const survey = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .openapi({ description: "The questionnaire shown: its partnership's details (without it, the first partnership's)", example: 'resident-safety' });
const partnership = z.coerce
  .number()
  .int()
  .positive()
  .optional()
  .openapi({ description: 'The partnership whose logo (as the logo address in GET /council gives it)', example: 2 });

const getCouncil = createRoute({
  method: 'get',
  path: '/council',
  tags,
  request: { query: z.object({ survey }) },
  summary: "The council's name and logo address, for the respondent pages",
  responses: {
    200: jsonContent(PublicCouncil, 'The name and the logo address (null when none)'),
    ...errors({ 400: 'The partnership or survey is not one this takes', 404: 'The council has not entered its details yet, or there is no such survey' }),
  },
});

const getLogo = createRoute({
  method: 'get',
  path: '/council/logo',
  tags,
  summary: "The council's logo (PNG or SVG)",
  request: { query: z.object({ survey, partnership }) },
  responses: {
    200: fileContent('image/png', 'The logo, PNG or SVG'),
    ...errors({ 400: 'The partnership or survey is not one this takes', 404: 'No logo has been set, or there is no such survey' }),
  },
});

/** Mounted at /api. */
export function councilRoutes({ store }: AppDeps) {
  return router()
    .openapi(getCouncil, async (c) => c.json(await publicCouncil(store, c.req.valid('query')), 200))
    .openapi(getLogo, async (c) => {
      const logo = await councilLogo(store, c.req.valid('query'));
      if (!logo) throw new NotFound('No logo has been set for the council.');
      return c.body(new Uint8Array(logo.bytes), 200, {
        'content-type': logo.type,
        // The address changes with each new logo (?v=), so it can be kept a day.
        'cache-control': 'public, max-age=86400',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
    });
}

/** The notice is a page, like the respondent pages beside it (not in the API document); mounted at the root. */
export function privacyRoutes({ store }: AppDeps) {
  return new Hono().get('/s/:slug/privacy', async (c) => {
    const params = SurveyParams.safeParse(c.req.param());
    if (!params.success) throw new NotFound('There is no such survey.');
    c.header('cache-control', 'no-cache');
    return c.html(await privacyNoticeHtml(store, params.data.slug), 200);
  });
}
