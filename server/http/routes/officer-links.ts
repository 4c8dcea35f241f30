/**
 * Distribution links for admins ('manage-links': a link token lets anyone answer), mounted at
 * /api/officer (session + CSRF run there):
 *   GET   /surveys/:slug/waves/:wave/links → { survey, wave (taking answers or why not), links: [{ token,
 *         url, label, kind, expiresAt, maxResponses, responses, state, stateReason, createdAt }] }
 *   POST  /surveys/:slug/waves/:wave/links JSON { label, kind?, expires?: 'YYYY-MM-DD', max?: n }
 *         → 201 the link; audited 'link.create'
 *   PATCH /links/:token JSON { label?, expires?: 'YYYY-MM-DD' | 'now' | null, max?: n | null }
 *         → 200 the link; audited 'link.update' with what changed
 *   GET   /links/:token/qr.svg      the link's address as an SVG QR code
 *   GET   /links/:token/poster.html the printable A4 poster; audited 'link.poster'
 * A field that cannot be used → 422 { error, field }; a malformed body → 400; a label the wave
 * already has → 409; unknown survey, wave or link → 404. A refused request stores nothing.
 */
import { Hono, type Context } from 'hono';
import type { AppDeps } from '../deps.js';
import { audit } from '../../accounts/audit.js';
import { rolesWith } from '../../accounts/roles.js';
import type { Store } from '../../store/open.js';
import { posterHtml } from '../../links/poster.js';
import { qrSvg } from '../../links/qr.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';
import {
  createWaveLink,
  findOfficerLink,
  LINK_KINDS,
  LinkInputError,
  listWaveLinks,
  MAX_CAP,
  MAX_LABEL_LENGTH,
  MAX_LINK_BODY_BYTES,
  parseCreateLink,
  parseUpdateLink,
  updateLink,
} from '../../links/links.js';
import { NotAvailable } from '../../surveys/surveys.js';

const day = { type: 'string', format: 'date', description: 'YYYY-MM-DD: the day the link stops working' };

/** Summaries and request bodies for the OpenAPI document (`openApiRoute(app, { operations })`). */
export const linkOperations: Record<string, Record<string, unknown>> = {
  'GET /api/officer/surveys/{slug}/waves/{wave}/links': {
    summary: "The wave's links with their addresses, answers so far, expiry, cap and state (admin)",
  },
  'POST /api/officer/surveys/{slug}/waves/{wave}/links': {
    summary: 'Create a school, channel or single-use link (admin)',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['label'],
            properties: {
              label: { type: 'string', maxLength: MAX_LABEL_LENGTH, description: 'e.g. the school name' },
              kind: { enum: [...LINK_KINDS] },
              expires: day,
              max: { type: 'integer', minimum: 1, maximum: MAX_CAP, description: 'cap on answers through the link' },
            },
          },
        },
      },
    },
  },
  'PATCH /api/officer/links/{token}': {
    summary: "Change a link's label, expiry (a later day, 'now' to end it, null for none) or cap (admin)",
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              label: { type: 'string', maxLength: MAX_LABEL_LENGTH },
              expires: { oneOf: [day, { const: 'now' }, { type: 'null' }] },
              max: { oneOf: [{ type: 'integer', minimum: 1, maximum: MAX_CAP }, { type: 'null' }] },
            },
          },
        },
      },
    },
  },
  'GET /api/officer/links/{token}/qr.svg': { summary: "The link's address as a QR code (SVG, error correction M) (admin)" },
  'GET /api/officer/links/{token}/poster.html': { summary: 'Printable A4 poster for the school or channel, with QR code and address (admin)' },
};

/** Problems the officer can fix → their status and reason (with the field for the form). */
function userError(c: Context, e: unknown) {
  if (e instanceof LinkInputError) return c.json({ error: e.message, field: e.field }, 422);
  if (e instanceof NotAvailable) return c.json({ error: e.message }, e.status);
  throw e;
}

/** `qr-youth-safety-2026-Example_Valley_School.svg`: letters, digits, dot, dash, underscore only. */
function fileName(prefix: string, parts: string[], ext: string): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60);
  return `${prefix}-${parts.map(safe).join('-')}.${ext}`;
}

export function officerLinkRoutes({ store }: AppDeps) {
  const admins = requireRole(...rolesWith('manage-links'));
  const body = jsonBody({ maxBytes: MAX_LINK_BODY_BYTES });
  return new Hono<OfficerEnv & JsonBodyEnv>()
    .get('/surveys/:slug/waves/:wave/links', admins, (c) => {
      try {
        return c.json(listWaveLinks(store.db, c.req.param('slug'), c.req.param('wave')), 200);
      } catch (e) {
        return userError(c, e);
      }
    })
    .post('/surveys/:slug/waves/:wave/links', admins, body, (c) => {
      const slug = c.req.param('slug');
      const wave = c.req.param('wave');
      try {
        const request = parseCreateLink(c.get('body'));
        const link = createWaveLink(store.db, slug, wave, request);
        audit(store, c.get('officer'), 'link.create', {
          survey: slug,
          wave,
          token: link.token,
          label: link.label,
          kind: link.kind,
          expiresAt: link.expiresAt,
          maxResponses: link.maxResponses,
        });
        return c.json(link, 201);
      } catch (e) {
        return userError(c, e);
      }
    })
    .patch('/links/:token', admins, body, (c) => {
      try {
        const request = parseUpdateLink(c.get('body'));
        const change = updateLink(store.db, c.req.param('token'), request);
        if (Object.keys(change.changes).length) {
          audit(store, c.get('officer'), 'link.update', {
            survey: change.survey,
            wave: change.wave,
            token: change.after.token,
            label: change.after.label,
            changes: change.changes,
          });
        }
        return c.json(change.after, 200);
      } catch (e) {
        return userError(c, e);
      }
    })
    .get('/links/:token/qr.svg', admins, async (c) => {
      let ctx: ReturnType<typeof findOfficerLink>;
      try {
        ctx = findOfficerLink(store.db, c.req.param('token'));
      } catch (e) {
        return userError(c, e);
      }
      const svg = await qrSvg(ctx.view.url);
      return c.body(svg, 200, {
        'content-type': 'image/svg+xml; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="${fileName('qr', [ctx.survey.slug, ctx.wave.name, ctx.link.label], 'svg')}"`,
      });
    })
    .get('/links/:token/poster.html', admins, async (c) => {
      let ctx: ReturnType<typeof findOfficerLink>;
      try {
        ctx = findOfficerLink(store.db, c.req.param('token'));
      } catch (e) {
        return userError(c, e);
      }
      const html = await posterHtml(ctx);
      audit(store, c.get('officer'), 'link.poster', { survey: ctx.survey.slug, wave: ctx.wave.name, token: ctx.link.token, label: ctx.link.label });
      return c.body(html, 200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-disposition': `inline; filename="${fileName('poster', [ctx.survey.slug, ctx.wave.name, ctx.link.label], 'html')}"`,
      });
    });
}
