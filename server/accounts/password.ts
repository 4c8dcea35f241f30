/**
 * Password hashing with node's scrypt: N=16384, r=8, p=1 (≈16 MB and ~50 ms per hash), a random
 * 16-byte salt, and a constant-time comparison. Stored as `scrypt$N$r$p$salt$hash` (base64), so
 * the parameters can be raised later without breaking existing hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { Unprocessable } from '../errors.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.js';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem };

const cost = { N: 16384, r: 8, p: 1 } as const;
const saltBytes = 16;
const hashBytes = 32;
/** Upper bound on N read back from a stored hash, so a tampered row can't exhaust memory. */
const maxStoredN = 1 << 20;

/** A new password that can't be used (422); the message gives the rule. */
export class PasswordError extends Unprocessable {}

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  // maxmem must exceed 128·N·r bytes; node's default (32 MB) is just enough for N=16384, so be explicit.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, hashBytes, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes a new password; refuses one the policy (./password-policy.ts) refuses with a PasswordError. */
export async function hashPassword(password: string, email?: string): Promise<string> {
  const problem = passwordProblem(password, email);
  if (problem) throw new PasswordError(problem);
  const salt = randomBytes(saltBytes);
  const hash = await derive(password, salt, cost.N, cost.r, cost.p);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false (never throws) for a wrong password or a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((x) => Number.isInteger(x) && x > 0) || N > maxStoredN || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (!salt.length || expected.length !== hashBytes || typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) return false;
  const actual = await derive(password, salt, N, r, p);
  return timingSafeEqual(actual, expected);
}

/** A hash of nothing anyone knows: verified against when the email is unknown, so both cases take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}
