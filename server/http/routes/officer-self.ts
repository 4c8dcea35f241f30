/**
 * What an officer does to their own account, and the password reset (mounted by
 * ./officer-sign-in.ts under /api/officer):
 *   PUT  /me/password                {currentPassword, newPassword} → {sessionsEnded} (other sessions end)
 *   POST /me/sign-out-everywhere     → {sessionsEnded}: every session of the account, this one too
 *   POST /me/two-factor              → {secret, uri, qrSvg}: set up an authenticator app
 *   POST /me/two-factor/confirm      {code} → {twoFactor: true}: from now sign-in asks for a code
 *   POST /password-reset             {code, password} → {email}: no session; the code from an admin
 */
import { clearSignInCookies } from '../../accounts/cookies.js';
import { changeOwnPassword, signOutEverywhere } from '../../accounts/officers.js';
import { resetPassword } from '../../accounts/password-reset.js';
import { ROLES } from '../../accounts/roles.js';
import { PasswordChange, PasswordResetBody, PasswordResetDone, SessionsEnded, TotpCode, TotpSetup, TwoFactorState } from '../../accounts/schemas.js';
import { confirmTwoFactor, startTwoFactor } from '../../accounts/two-factor.js';
import type { AppDeps } from '../deps.js';
import { createRoute, errors, invalidAs, jsonBody, jsonContent, limitBody, officerRoute, router } from '../route.js';

const MAX_BODY_BYTES = 4096;
const tags = ['accounts'];
const bodyErrors = { 413: 'The body is larger than 4 KB', 415: 'The body is not JSON' } as const;

const changePassword = officerRoute({
  method: 'put',
  path: '/me/password',
  roles: ROLES,
  tags,
  summary: 'Change your own password; your other sessions end',
  middleware: [limitBody({ maxBytes: MAX_BODY_BYTES })] as const,
  request: { body: jsonBody(PasswordChange, 'The current password and the new one') },
  responses: {
    200: jsonContent(SessionsEnded, 'Changed: the other sessions ended'),
    ...errors({ 400: 'Not {currentPassword, newPassword} as JSON text', 422: 'The current password is wrong, or the rule refuses the new one', ...bodyErrors }),
  },
});

const everywhere = officerRoute({
  method: 'post',
  path: '/me/sign-out-everywhere',
  roles: ROLES,
  tags,
  summary: 'Sign out everywhere: ends every session of your account, this one included',
  responses: { 200: jsonContent(SessionsEnded, 'Signed out everywhere') },
});

const startTotp = officerRoute({
  method: 'post',
  path: '/me/two-factor',
  roles: ROLES,
  tags,
  summary: 'Set up two-factor sign-in: a secret for an authenticator app (in force once confirmed)',
  responses: { 200: jsonContent(TotpSetup, 'The secret, as text, otpauth:// address and QR code'), ...errors({ 409: 'Two-factor sign-in is on already' }) },
});

const confirmTotp = officerRoute({
  method: 'post',
  path: '/me/two-factor/confirm',
  roles: ROLES,
  tags,
  summary: 'Confirm two-factor sign-in with a code from the app; sign-in then asks for a code',
  middleware: [limitBody({ maxBytes: MAX_BODY_BYTES })] as const,
  request: { body: jsonBody(TotpCode, 'The code the app shows') },
  responses: {
    200: jsonContent(TwoFactorState, 'Two-factor sign-in is on'),
    ...errors({ 400: 'Not {code} as JSON text', 409: 'Not started, or on already', 422: 'The code is not right', ...bodyErrors }),
  },
});

const reset = createRoute({
  method: 'post',
  path: '/password-reset',
  tags,
  summary: 'Set a new password with the one-time code an admin gave you (no session needed); every session of the account ends',
  security: [],
  middleware: [limitBody({ maxBytes: MAX_BODY_BYTES })] as const,
  request: { body: jsonBody(PasswordResetBody, 'The code and the new password') },
  responses: {
    200: jsonContent(PasswordResetDone, 'The password is set: sign in with it'),
    ...errors({
      400: 'Not {code, password} as JSON, or the code is wrong, used or expired',
      403: 'The account is disabled, or posted from another website',
      422: 'The rule refuses the password (the code still works)',
      ...bodyErrors,
    }),
  },
});

export function officerSelfRoutes({ store, clock }: AppDeps) {
  return router()
    .openapi(changePassword, async (c) => c.json(await changeOwnPassword(store, c.get('officer')!, c.req.valid('json')), 200), invalidAs(400))
    .openapi(everywhere, async (c) => {
      const ended = await signOutEverywhere(store, c.get('officer')!);
      clearSignInCookies(c);
      return c.json(ended, 200);
    })
    .openapi(startTotp, async (c) => c.json(await startTwoFactor(store, c.get('officer')!), 200))
    .openapi(confirmTotp, async (c) => c.json(await confirmTwoFactor(store, c.get('officer')!, c.req.valid('json').code, clock.now()), 200), invalidAs(400))
    .openapi(reset, async (c) => c.json(await resetPassword(store, c.req.valid('json'), clock.now()), 200), invalidAs(400));
}
