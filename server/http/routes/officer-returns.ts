/**
 * Live returns of a wave, for the Returns page (mounted at /api/officer; session + CSRF run there):
 * the summary (viewer and up, 'read-results'), and deleting one return or every return of the
 * wave for good, with the reason audited (admin, 'manage-waves': an erasure request or test
 * entries; a missing reason or confirmation is a 422 and nothing is deleted).
 */
import { z } from '@hono/zod-openapi';
import { rolesWith } from '../../accounts/roles.js';
import { returnsSummary } from '../../reports/returns.js';
import { ReturnsSummary } from '../../reports/returns-schema.js';
import { eraseResponse, eraseWaveResponses } from '../../responses/erase.js';
import { DeleteResponseRequest, DeleteWaveResponsesRequest, ResponsesDeleted } from '../../responses/schemas.js';
import type { AppDeps } from '../deps.js';
import { WaveParams } from '../params.js';
import { errors, jsonBody, jsonContent, officerRoute, router } from '../route.js';

export type { ResponsesDeleted };

const getReturns = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/returns',
  roles: rolesWith('read-results'),
  tags: ['returns'],
  summary: 'Returns of a wave: complete vs partial, by day, by ward against population share, by school (small counts suppressed)',
  request: { params: WaveParams },
  responses: {
    200: jsonContent(ReturnsSummary, "The wave's returns"),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

const ResponseParams = WaveParams.extend({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, description: "The return's id (the `id` column of the exports)", example: 1 }),
});

const deleteOne = officerRoute({
  method: 'delete',
  path: '/surveys/{slug}/waves/{wave}/responses/{id}',
  roles: rolesWith('manage-waves'),
  tags: ['returns'],
  summary: 'Delete one return for good (an erasure request, a test entry), with the reason (admin; audited as responses.deleted)',
  request: { params: ResponseParams, body: jsonBody(DeleteResponseRequest, 'Why') },
  responses: {
    200: jsonContent(ResponsesDeleted, 'Deleted'),
    ...errors({ 404: 'No such survey, wave or return of the wave', 422: 'No reason given; nothing was deleted' }),
  },
});

const deleteAll = officerRoute({
  method: 'delete',
  path: '/surveys/{slug}/waves/{wave}/responses',
  roles: rolesWith('manage-waves'),
  tags: ['returns'],
  summary: "Delete every return of the wave for good, with the reason and the wave's name typed to confirm (admin; audited as responses.deleted)",
  request: { params: WaveParams, body: jsonBody(DeleteWaveResponsesRequest, "Why, and the wave's name") },
  responses: {
    200: jsonContent(ResponsesDeleted, 'Deleted'),
    ...errors({ 404: 'No such survey or wave', 422: "No reason given, or the wave's name not typed; nothing was deleted" }),
  },
});

export function officerReturnsRoutes({ store }: AppDeps) {
  return router()
    .openapi(getReturns, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await returnsSummary(store, slug, wave), 200);
    })
    .openapi(deleteOne, async (c) => {
      const { slug, wave, id } = c.req.valid('param');
      return c.json(await eraseResponse(store, { slug, wave, id, reason: c.req.valid('json').reason, by: c.get('officer') }), 200);
    })
    .openapi(deleteAll, async (c) => {
      const { slug, wave } = c.req.valid('param');
      const { reason, confirm } = c.req.valid('json');
      return c.json(await eraseWaveResponses(store, { slug, wave, reason, confirm, by: c.get('officer') }), 200);
    });
}
