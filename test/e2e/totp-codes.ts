/**
 * Two-factor codes as an authenticator app computes them (otpauth, RFC 6238: SHA-1, 6 digits, 30
 * seconds), for browser tests that sign in with one.
 */
import * as OTPAuth from 'otpauth';

const STEP_MS = 30_000;

/** What an authenticator app shows for `secret` at `at`. */
export function codeAt(secret: string, at = Date.now()): string {
  return new OTPAuth.TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
}

/**
 * A code the server takes now but has not seen: a code works once, so after `usedAt` (the set-up's
 * confirmation) the same 30-second step is refused; the next step's code is within the server's window.
 */
export function freshCode(secret: string, usedAt: number): string {
  const step = (t: number) => Math.floor(t / STEP_MS);
  return codeAt(secret, step(Date.now()) === step(usedAt) ? Date.now() + STEP_MS : Date.now());
}

/** A code that is not valid now nor one step either side (the server's window). */
export function wrongCode(secret: string): string {
  const near = new Set([-STEP_MS, 0, STEP_MS].map((d) => codeAt(secret, Date.now() + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}
