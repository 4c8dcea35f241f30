/** The password rule (NCSC / NIST SP 800-63B): length, the bundled list and its variants, runs, repeats, the email. */
import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../server/accounts/password-policy.js';

const email = 'j.smith@council.gov.uk';
const reason = (p: string) => passwordProblem(p, email)?.split(':')[0].split('.')[0];

describe('passwordProblem', () => {
  it('accepts long passphrases of unrelated words', () => {
    for (const p of ['kettle harbour violet cloud', 'lantern otter meadow', 'harbour kett', 'a long passphrase'])
      expect(passwordProblem(p, email), p).toBeNull();
  });

  it('refuses the passwords of the attack report for an admin', () => {
    expect(reason('aaaaaaaaaa')).toBe('The password is too short');
    expect(reason('password12')).toBe('The password is too short');
    expect(reason(email)).toBe('The password contains the email address (or the part before the @)');
    expect(reason('aaaaaaaaaaaa')).toBe('The password repeats too few different characters (at least 5 are needed)');
    expect(reason('password1234')).toBe('The password is too common');
  });

  it('refuses list words with digits and symbols around them, letters swapped, repeated or two joined', () => {
    for (const p of [
      'P@ssw0rd2026!',
      '2026Welcome!!',
      'LetMeIn123456',
      'passwordpassword',
      'summer winter',
      'Liverpool1892',
      'iloveyou1234',
      'Council2026!!',
    ]) {
      expect(reason(p), p).toBe('The password is too common');
    }
  });

  it('refuses keyboard and alphabet runs', () => {
    for (const p of ['qwertyuiopas', 'abcdefghijkl', '123456789012', '1qaz2wsx3edc', 'lkjhgfdsapoiu'])
      expect(reason(p), p).toBe('The password is a run of keys or letters that attackers try first');
  });

  it('refuses the address or the part before the @ in any case, with separators or not', () => {
    for (const p of ['J.Smith is here 2026', 'jsmith kettle harbour', 'my J.SMITH@COUNCIL.GOV.UK'])
      expect(reason(p), p).toBe('The password contains the email address (or the part before the @)');
  });

  it('refuses what is not text, and more than 1000 characters', () => {
    expect(passwordProblem(12345678901234)).toBe('The password must be text.');
    expect(passwordProblem('kettle harbour '.repeat(70))).toBe('The password is too long: use at most 1000 characters.');
  });
});
