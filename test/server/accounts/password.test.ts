/** scrypt password hashes: format, verification, and refusal of short passwords. */
import { describe, expect, it } from 'vitest';
import { hashPassword, MIN_PASSWORD_LENGTH, PasswordError, verifyPassword } from '../../../server/accounts/password.js';

const password = 'correct horse battery';
const hash = await hashPassword(password);

describe('hashPassword', () => {
  it('writes scrypt$N$r$p$salt$hash with N=16384 r=8 p=1, a 16-byte salt and a 32-byte hash', () => {
    const parts = hash.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '16384', '8', '1']);
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64')).toHaveLength(32);
  });

  it('salts each hash differently', async () => {
    expect(await hashPassword(password)).not.toBe(hash);
  });

  it(`refuses passwords shorter than ${MIN_PASSWORD_LENGTH} characters with a clear message`, async () => {
    await expect(hashPassword('harbour ket')).rejects.toThrow(PasswordError);
    await expect(hashPassword('harbour ket')).rejects.toThrow('The password is too short: use at least 12 characters');
    await expect(hashPassword('harbour kett')).resolves.toMatch(/^scrypt\$/);
  });
});

describe('verifyPassword', () => {
  it('accepts the password and rejects any other', async () => {
    expect(await verifyPassword(password, hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('returns false, without throwing, for malformed or tampered hashes', async () => {
    const [, , , , salt, h] = hash.split('$');
    for (const bad of [
      '',
      'plain',
      `bcrypt$16384$8$1$${salt}$${h}`,
      `scrypt$16384$8$1$${salt}`,
      `scrypt$${2 ** 30}$8$1$${salt}$${h}`,
      `scrypt$16384$8$1$${salt}$AAAA`,
    ]) {
      expect(await verifyPassword(password, bad), bad).toBe(false);
    }
  });

  it('verifies a hash made elsewhere with the same parameters (scrypt of the NFC password)', async () => {
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync('pässword-long', salt, 32, { N: 16384, r: 8, p: 1 });
    const stored = `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('pässword-long', stored)).toBe(true);
    // The same text typed with a combining accent (NFD) is normalised to match.
    expect(await verifyPassword('pa\u0308ssword-long', stored)).toBe(true);
  });
});
