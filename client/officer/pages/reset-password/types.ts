/** The reset page's form, as typed, and the server's answer once the password is set. */
import type { client, OkOf } from '../../api';

export interface ResetForm {
  code: string;
  password: string;
  again: string;
}

export type ResetDone = OkOf<(typeof client.api.officer)['password-reset']['$post']>;

/** Where this page lives (the link an admin passes on is this with #code=…). */
export const RESET_PATH = '/officer/reset-password';
