/** What the sign-in form sends, and which step it is at. */

/** 'password' first; 'code' once the server has said the account needs its authenticator app's code. */
export type SignInStep = 'password' | 'code';

export interface SignInForm {
  email: string;
  password: string;
  /** Only at the 'code' step. */
  code?: string;
}

/** True when a 401 from /login asks for (or refused) the two-factor code rather than the password. */
export function asksForCode(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { codeRequired?: unknown }).codeRequired === true;
}
