/**
 * Two-factor sign-in with time-based one-time codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second
 * steps, as every authenticator app takes). A code is accepted one step either side of now (clock
 * drift), and only once: the step used is stored and a code for it or an earlier step is refused.
 */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Community safety surveys';
const PERIOD = 30;
const DIGITS = 6;

function totp(secret: string, email: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

/** A new random 160-bit secret, base32 (what authenticator apps take when typed). */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secret: string, email: string): string {
  return totp(secret, email).toString();
}

/** The otpauth:// address as a QR code (SVG, with an accessible name). */
export async function totpQrSvg(uri: string): Promise<string> {
  const svg = (await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } })).trim();
  return svg.replace(/^<svg /, '<svg role="img" aria-label="QR code for your authenticator app" ');
}

/**
 * The time step `code` is valid for at `now` (within one step either side), or null when it is
 * not a valid code or its step is not after `lastStep` (used already).
 */
export function totpStep(secret: string, code: string, now: Date, lastStep: number | null): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secret, '').validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code for `now`: for tests and the demo, as an authenticator app would show it. */
export function totpCode(secret: string, now: Date): string {
  return totp(secret, '').generate({ timestamp: now.getTime() });
}
