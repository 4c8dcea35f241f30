/** My account's data, as the server answers it (typed from hc), and what the officer types. */
import type { client, OkOf } from '../../api';

type MeApi = (typeof client.api.officer)['me'];

/** GET /me: who, the two-factor state and the latest sign-ins. */
export type MyAccount = OkOf<MeApi['$get']>;
/** POST /me/two-factor: the secret as text, its otpauth:// address and the QR code (SVG). */
export type TwoFactorSetup = OkOf<MeApi['two-factor']['$post']>;

/** Where this page lives (linked from the header for every signed-in officer). */
export const ACCOUNT_PATH = '/officer/account';

export interface PasswordForm {
  current: string;
  next: string;
  again: string;
}

/** A form's latest outcome: announced as a status when it worked, as an alert when it did not. */
export interface Outcome {
  ok: boolean;
  message: string;
}
