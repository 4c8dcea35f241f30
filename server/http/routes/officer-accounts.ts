/**
 * Officer accounts, admin only (mounted by ./officer-sign-in.ts under /api/officer):
 *   GET    /officers                      → {officers: [{id, email, role, createdAt, disabled, lastSignInAt, twoFactor, …}]}
 *   POST   /officers                      {email, password, role} → 201 the account
 *   PATCH  /officers/{id}                 {role?, disabled?} → the account (disabling ends its sessions)
 *   POST   /officers/{id}/sign-out        → {sessionsEnded}: ends every session of the account
 *   POST   /officers/{id}/password-reset  → {email, code, path, expiresAt}: a one-time code to pass on
 *   DELETE /officers/{id}/two-factor      → {twoFactor: false}
 */
import { addOfficer, changeOfficer, endSessions, officerList } from '../../accounts/officers.js';
import { issuePasswordReset } from '../../accounts/password-reset.js';
import { NewOfficer, Officer, OfficerChange, OfficerList, OfficerParams, PasswordResetIssued, SessionsEnded, TwoFactorState } from '../../accounts/schemas.js';
import { removeTwoFactor } from '../../accounts/two-factor.js';
import type { AppDeps } from '../deps.js';
import { errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const MAX_BODY_BYTES = 4096;
const NEW_OFFICER_MESSAGE = 'Send {"email": "...", "password": "...", "role": "admin|analyst|viewer"} as JSON.';
const tags = ['accounts'];
const params = OfficerParams;

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
      422: 'Not an email address, a password the rule refuses (too short or long, common, containing the email), or not a role',
    }),
  },
});

const changeAccount = officerRoute({
  method: 'patch',
  path: '/officers/{id}',
  roles: ['admin'],
  tags,
  summary: 'Change an account’s role, or disable or enable it (admin); disabling ends its sessions at once',
  middleware: [limitBody({ maxBytes: MAX_BODY_BYTES })] as const,
  request: { params, body: jsonBody(OfficerChange, 'What to change') },
  responses: {
    200: jsonContent(Officer, 'The account as it is now'),
    ...errors({
      400: 'Not {role?, disabled?} as JSON, or neither given',
      404: 'No such account',
      409: 'It would disable or demote yourself, or leave no enabled admin',
      413: 'The body is larger than 4 KB',
      415: 'The body is not JSON',
    }),
  },
});

const signOutAccount = officerRoute({
  method: 'post',
  path: '/officers/{id}/sign-out',
  roles: ['admin'],
  tags,
  summary: 'Sign an officer out everywhere: ends every session of the account (admin)',
  request: { params },
  responses: { 200: jsonContent(SessionsEnded, 'The sessions ended'), ...errors({ 400: 'Not an account id', 404: 'No such account' }) },
});

const resetAccount = officerRoute({
  method: 'post',
  path: '/officers/{id}/password-reset',
  roles: ['admin'],
  tags,
  summary: 'A one-time code (and link) for the officer to set a new password, valid 24 hours (admin)',
  request: { params },
  responses: {
    201: jsonContent(PasswordResetIssued, 'The code, shown only now'),
    ...errors({ 400: 'Not an account id', 404: 'No such account', 422: 'The account is disabled' }),
  },
});

const removeAccountTwoFactor = officerRoute({
  method: 'delete',
  path: '/officers/{id}/two-factor',
  roles: ['admin'],
  tags,
  summary: 'Remove two-factor sign-in from an account, e.g. after a lost phone (admin)',
  request: { params },
  responses: { 200: jsonContent(TwoFactorState, 'Two-factor sign-in is off'), ...errors({ 400: 'Not an account id', 404: 'No such account' }) },
});

/** Fields missing or of the wrong type: the shape to send, as a 400 (the rules themselves are 422s). */
const newOfficerRefused = invalidAs(400, NEW_OFFICER_MESSAGE);

export function officerAccountRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(listAccounts, async (c) => c.json(await officerList(store), 200))
    .openapi(addAccount, async (c) => c.json(await addOfficer(store, c.get('officer')!, c.req.valid('json')), 201), newOfficerRefused)
    .openapi(
      changeAccount,
      async (c) => c.json(await changeOfficer(store, c.get('officer')!, c.req.valid('param').id, c.req.valid('json'), clock.now()), 200),
      invalidAs(400),
    )
    .openapi(signOutAccount, async (c) => c.json(await endSessions(store, c.get('officer')!, c.req.valid('param').id), 200), invalidAs(400))
    .openapi(resetAccount, async (c) => c.json(await issuePasswordReset(store, c.get('officer')!, c.req.valid('param').id, clock.now()), 201), invalidAs(400))
    .openapi(removeAccountTwoFactor, async (c) => c.json(await removeTwoFactor(store, c.get('officer')!, c.req.valid('param').id), 200), invalidAs(400));
}
