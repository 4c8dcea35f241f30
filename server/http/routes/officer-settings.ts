/**
 * The council's details for admins ('manage-officers'), mounted at /api/officer: read them, save
 * them (every field at once), add or remove the logo (the file as the body: image/png or
 * image/svg+xml, at most 200 KB; an SVG that could do more than draw is refused). Refusals
 * store nothing; the service audits changes ('settings.update', 'settings.logo').
 */
import { z } from '@hono/zod-openapi';
import { rolesWith } from '../../accounts/roles.js';
import {
  CouncilSettings,
  councilSettings,
  MAX_LOGO_BYTES,
  MAX_SETTINGS_BODY_BYTES,
  removeCouncilLogo,
  setCouncilLogo,
  UpdateSettingsBody,
  updateCouncilSettings,
} from '../../settings/settings.js';
import type { AppDeps } from '../deps.js';
import { errors, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const admins = rolesWith('manage-officers');
const tags = ['settings'];

const getSettings = officerRoute({
  method: 'get',
  path: '/settings',
  roles: admins,
  tags,
  summary: "The council's name, contacts, data protection officer and logo, as respondents see them (admin)",
  responses: { 200: jsonContent(CouncilSettings, 'The details; set is false until first saved') },
});

const putSettings = officerRoute({
  method: 'put',
  path: '/settings',
  roles: admins,
  tags,
  summary: "Save the council's details, every field at once (admin; audited as settings.update)",
  middleware: [limitBody({ maxBytes: MAX_SETTINGS_BODY_BYTES })],
  request: { body: jsonBody(UpdateSettingsBody) },
  responses: {
    200: jsonContent(CouncilSettings, 'The details as saved'),
    ...errors({
      400: 'The body is not JSON, not an object, or has unknown fields',
      413: 'The body is larger than 8 KB',
      415: 'The body is not JSON',
      422: 'A field cannot be used (named in field)',
    }),
  },
});

const logoBody = {
  required: true,
  description: 'The logo file as it is',
  content: {
    'image/png': { schema: z.string().openapi({ format: 'binary' }) },
    'image/svg+xml': { schema: z.string().openapi({ format: 'binary' }) },
  },
};

const putLogo = officerRoute({
  method: 'put',
  path: '/settings/logo',
  roles: admins,
  tags,
  summary: "Set the council's logo: a PNG, or an SVG of shapes and text only (admin; audited as settings.logo)",
  middleware: [
    limitBody({ maxBytes: MAX_LOGO_BYTES, message: `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB, the most it may be. Nothing was stored.` }),
  ],
  request: { body: logoBody },
  responses: {
    200: jsonContent(CouncilSettings, 'The details with the new logo'),
    ...errors({
      413: 'The file is larger than 200 KB',
      415: 'Not a PNG or SVG',
      422: 'Not really a PNG, an SVG with scripts, handlers, embedded content or outside references, or no details saved yet',
    }),
  },
});

const deleteLogo = officerRoute({
  method: 'delete',
  path: '/settings/logo',
  roles: admins,
  tags,
  summary: "Remove the council's logo (admin; audited as settings.logo)",
  responses: { 200: jsonContent(CouncilSettings, 'The details without a logo') },
});

export function officerSettingsRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(getSettings, async (c) => c.json(await councilSettings(store), 200))
    .openapi(putSettings, async (c) => c.json(await updateCouncilSettings(store, c.req.valid('json'), { now: clock.now(), by: c.get('officer') }), 200))
    .openapi(putLogo, async (c) => {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      return c.json(await setCouncilLogo(store, bytes, c.req.header('content-type'), { now: clock.now(), by: c.get('officer') }), 200);
    })
    .openapi(deleteLogo, async (c) => c.json(await removeCouncilLogo(store, { now: clock.now(), by: c.get('officer') }), 200));
}
