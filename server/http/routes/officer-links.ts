/**
 * Distribution links for admins ('manage-links': a link token lets anyone answer), mounted at
 * /api/officer (session + CSRF run there): list a wave's links, create one, change one, and each
 * link's QR code and printable poster. A field that cannot be used → 422 { error, field }; a body
 * that is not an object or has unknown fields → 400; a label the wave already has → 409; unknown
 * survey, wave or link → 404. A refused request stores nothing. The services audit the changes.
 */
import { rolesWith } from '../../accounts/roles.js';
import {
  CreateLinkBody,
  createWaveLink,
  deleteLink,
  endLink,
  LinkDeleted,
  linkPoster,
  linkQrSvg,
  listWaveLinks,
  MAX_LINK_BODY_BYTES,
  OfficerLink,
  TokenParams,
  UpdateLinkBody,
  updateLink,
  WaveLinks,
  wavePostersPdf,
} from '../../links/links.js';
import { createBulkLinks } from '../../links/bulk.js';
import { BulkLinksBody, BulkLinksCreated, BulkLinksRefusal, MAX_BULK_BODY_BYTES } from '../../links/bulk-schemas.js';
import type { AppDeps } from '../deps.js';
import { WaveParams } from '../params.js';
import { errors, fileContent, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const admins = rolesWith('manage-links');
const tags = ['links'];

const smallBody = limitBody({ maxBytes: MAX_LINK_BODY_BYTES });

const listLinks = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/links',
  roles: admins,
  tags,
  summary: "The wave's links with their addresses, answers so far, expiry, cap and state (admin)",
  request: { params: WaveParams },
  responses: {
    200: jsonContent(WaveLinks, 'The survey, the wave (taking answers or why not) and its links by label'),
    ...errors({ 404: 'No such survey or wave' }),
  },
});

const createLink = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/links',
  roles: admins,
  tags,
  summary: 'Create a school, channel or single-use link (admin; audited as link.create)',
  middleware: [smallBody],
  request: { params: WaveParams, body: jsonBody(CreateLinkBody) },
  responses: {
    201: jsonContent(OfficerLink, 'The new link'),
    ...errors({
      400: 'The body is not JSON, not an object, or has unknown fields',
      404: 'No such survey or wave',
      409: 'The wave already has a link with this label (in any case)',
      413: 'The body is larger than 4 KB',
      415: 'The body is not JSON',
      422: 'A field cannot be used (named in field)',
    }),
  },
});

const bulkLinks = officerRoute({
  method: 'post',
  path: '/surveys/{slug}/waves/{wave}/links/bulk',
  roles: admins,
  tags,
  summary: 'Create the links of many schools at once from a list or CSV, with expiry and cap per row or as defaults; all or none (admin; audited as link.bulk)',
  middleware: [limitBody({ maxBytes: MAX_BULK_BODY_BYTES })],
  request: { params: WaveParams, body: jsonBody(BulkLinksBody) },
  responses: {
    201: jsonContent(BulkLinksCreated, 'Every link created, in the order of the list'),
    422: jsonContent(
      BulkLinksRefusal,
      'Rows that cannot be used (a name twice or already on the wave, a bad or past date, a cap below 1), each listed; nothing created',
    ),
    ...errors({
      400: 'The body is not JSON, not an object, has unknown fields, or has both or neither of links and csv',
      404: 'No such survey or wave',
      413: 'The body is larger than 128 KB',
      415: 'The body is not JSON',
    }),
  },
});

const changeLink = officerRoute({
  method: 'patch',
  path: '/links/{token}',
  roles: admins,
  tags,
  summary: "Change a link's label, expiry (a later day, 'now' to end it, null for none) or cap (admin; audited as link.update)",
  middleware: [smallBody],
  request: { params: TokenParams, body: jsonBody(UpdateLinkBody) },
  responses: {
    200: jsonContent(OfficerLink, 'The link as it is now'),
    ...errors({
      400: 'The body is not JSON, not an object, or has unknown fields',
      404: 'No such link',
      413: 'The body is larger than 4 KB',
      415: 'The body is not JSON',
      422: 'Nothing to change, or a field cannot be used (named in field)',
    }),
  },
});

const endOne = officerRoute({
  method: 'post',
  path: '/links/{token}/end',
  roles: admins,
  tags,
  summary: 'End a link now: respondents are told it has closed, the answers it took stay (admin; audited as link.update)',
  request: { params: TokenParams },
  responses: {
    200: jsonContent(OfficerLink, 'The link as it is now (expired)'),
    ...errors({ 404: 'No such link' }),
  },
});

const deleteOne = officerRoute({
  method: 'delete',
  path: '/links/{token}',
  roles: admins,
  tags,
  summary: 'Delete a link that has taken no answers (admin; audited as link.delete)',
  request: { params: TokenParams },
  responses: {
    200: jsonContent(LinkDeleted, 'The link is gone'),
    ...errors({ 404: 'No such link', 409: 'The link has answers: end it instead' }),
  },
});

const qrCode = officerRoute({
  method: 'get',
  path: '/links/{token}/qr.svg',
  roles: admins,
  tags,
  summary: "The link's address as a QR code (SVG, error correction M) (admin)",
  request: { params: TokenParams },
  responses: {
    200: fileContent('image/svg+xml', 'The QR code, not cached'),
    ...errors({ 404: 'No such link' }),
  },
});

const poster = officerRoute({
  method: 'get',
  path: '/links/{token}/poster.html',
  roles: admins,
  tags,
  summary: 'Printable A4 poster for the school or channel, with QR code and address (admin; audited as link.poster)',
  request: { params: TokenParams },
  responses: {
    200: fileContent('text/html', 'One A4 page: no scripts, no external requests, not cached'),
    ...errors({ 404: 'No such link' }),
  },
});

const posters = officerRoute({
  method: 'get',
  path: '/surveys/{slug}/waves/{wave}/posters.pdf',
  roles: admins,
  tags,
  summary: "Every school and channel link's poster of the wave as one A4 PDF, a page each, by label (admin; audited as link.posters)",
  request: { params: WaveParams },
  responses: {
    200: fileContent('application/pdf', 'One A4 page per link, not cached'),
    ...errors({ 404: 'No such survey or wave', 422: 'The wave has no school or channel links' }),
  },
});

const fileHeaders = (type: string, fileName: string) => ({
  'content-type': `${type}; charset=utf-8`,
  'cache-control': 'no-store',
  'content-disposition': `inline; filename="${fileName}"`,
});

export function officerLinkRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(listLinks, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await listWaveLinks(store, slug, wave, clock.now()), 200);
    })
    .openapi(createLink, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await createWaveLink(store, slug, wave, c.req.valid('json'), { now: clock.now(), by: c.get('officer') }), 201);
    })
    .openapi(bulkLinks, async (c) => {
      const { slug, wave } = c.req.valid('param');
      return c.json(await createBulkLinks(store, slug, wave, c.req.valid('json'), { now: clock.now(), by: c.get('officer') }), 201);
    })
    .openapi(changeLink, async (c) => {
      const { token } = c.req.valid('param');
      return c.json(await updateLink(store, token, c.req.valid('json'), { now: clock.now(), by: c.get('officer') }), 200);
    })
    .openapi(endOne, async (c) => c.json(await endLink(store, c.req.valid('param').token, { now: clock.now(), by: c.get('officer') }), 200))
    .openapi(deleteOne, async (c) => c.json(await deleteLink(store, c.req.valid('param').token, { now: clock.now(), by: c.get('officer') }), 200))
    .openapi(qrCode, async (c) => {
      const svg = await linkQrSvg(store, c.req.valid('param').token, { now: clock.now() });
      return c.body(svg.body, 200, fileHeaders('image/svg+xml', svg.fileName));
    })
    .openapi(posters, async (c) => {
      const { slug, wave } = c.req.valid('param');
      const pdf = await wavePostersPdf(store, slug, wave, { now: clock.now(), by: c.get('officer') });
      return c.body(new Uint8Array(pdf.body), 200, {
        'content-type': 'application/pdf',
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="${pdf.fileName}"`,
      });
    })
    .openapi(poster, async (c) => {
      const html = await linkPoster(store, c.req.valid('param').token, { now: clock.now(), by: c.get('officer') });
      return c.body(html.body, 200, fileHeaders('text/html', html.fileName));
    });
}
