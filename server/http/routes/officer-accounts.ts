/**
 * Officer accounts, admin only (mounted by ./officer-sign-in.ts under /api/officer):
 *   GET  /officers  → {officers: [{id, email, role, createdAt}]}
 *   POST /officers  {email, password, role} → 201 {id, email, role, createdAt}
 */
import { addOfficer, officerList } from '../../accounts/officers.js';
import { NewOfficer, Officer, OfficerList } from '../../accounts/schemas.js';
import type { AppDeps } from '../deps.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const MAX_BODY_BYTES = 4096;
const NEW_OFFICER_MESSAGE = 'Send {"email": "...", "password": "...", "role": "admin|analyst|viewer"} as JSON.';
const tags = ['accounts'];

const listAccounts = officerRoute({
  method: 'get',
  path: '/officers',
  roles: ['admin'],
  tags,
  summary: 'Officer accounts, by email (admin)',
  responses: { 200: jsonContent(OfficerList, 'Every account (never a password hash)') },
});

const addAccount = officerRoute({
  method: 'post',
  path: '/officers',
  roles: ['admin'],
  tags,
  summary: 'Create an officer account (admin); recorded in the audit log',
  middleware: [limitBody({ maxBytes: MAX_BODY_BYTES })] as const,
  request: { body: jsonBody(NewOfficer, 'The new account: it can sign in at once') },
  responses: {
    201: jsonContent(Officer, 'Created'),
    ...errors({
      400: 'Not {email, password, role} as JSON text',
      409: 'An account with that email already exists',
      413: 'The body is larger than 4 KB',
      415: 'The body is not JSON',
      422: 'Not an email address, a password too short or too long, or not a role',
    }),
  },
});

/** Fields missing or of the wrong type: the shape to send, as a 400 (the rules themselves are 422s). */
const newOfficerRefused = invalidAs(400, NEW_OFFICER_MESSAGE);

export function officerAccountRoutes({ store }: AppDeps) {
  return router()
    .openapi(listAccounts, (c) => c.json(officerList(store), 200))
    .openapi(addAccount, async (c) => c.json(await addOfficer(store, c.get('officer')!, c.req.valid('json')), 201), newOfficerRefused);
}
