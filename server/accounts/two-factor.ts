/**
 * Turning two-factor sign-in on (the officer: a secret shown, then confirmed with a code from the
 * app) and off (an admin, e.g. for an officer who lost their phone). Sign-in checks the code
 * (./sign-in.ts).
 */
import { Conflict, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { audit } from './audit.js';
import { officerOr404 } from './officers.js';
import { updateOfficer } from './queries.js';
import type { SessionOfficer } from './sessions.js';
import { newTotpSecret, totpQrSvg, totpStep, totpUri } from './totp.js';

/** POST /me/two-factor: a new secret to add to an authenticator app (not in force until confirmed). */
export async function startTwoFactor(store: Store, officer: SessionOfficer) {
  const row = await officerOr404(store.db, officer.id);
  if (row.totpSecret) throw new Conflict('Two-factor sign-in is already on for your account. Ask an admin to remove it if you need to set it up again.');
  const secret = newTotpSecret();
  await updateOfficer(store.db, officer.id, { totpPendingSecret: secret });
  const uri = totpUri(secret, row.email);
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

/** POST /me/two-factor/confirm: a code from the app proves it holds the secret; from now sign-in asks for one. */
export async function confirmTwoFactor(store: Store, officer: SessionOfficer, code: string, now: Date) {
  const row = await officerOr404(store.db, officer.id);
  if (row.totpSecret) throw new Conflict('Two-factor sign-in is already on for your account.');
  if (!row.totpPendingSecret) throw new Conflict('Start setting up two-factor sign-in first (Set up two-factor sign-in).');
  const step = totpStep(row.totpPendingSecret, code, now, null);
  if (step === null) {
    throw new Unprocessable('That code is not right: enter the 6 digits your authenticator app shows now (check the phone’s clock is right).', {
      field: 'code',
    });
  }
  await updateOfficer(store.db, officer.id, { totpSecret: row.totpPendingSecret, totpPendingSecret: null, totpLastStep: step });
  await audit(store, officer, 'two-factor.enable');
  return { twoFactor: true };
}

/** DELETE /officers/{id}/two-factor (admin): the account signs in with its password alone again. */
export async function removeTwoFactor(store: Store, by: { id: number }, id: number) {
  const row = await officerOr404(store.db, id);
  await updateOfficer(store.db, id, { totpSecret: null, totpPendingSecret: null, totpLastStep: null });
  if (row.totpSecret) await audit(store, by, 'two-factor.remove', { email: row.email });
  return { twoFactor: false };
}
