/**
 * The password rule for officer accounts, after the NCSC's and NIST SP 800-63B's advice: length
 * matters (at least 12 characters, up to 1000 so passphrases fit), no composition rules (no
 * "one capital and one symbol"), but refuse what attackers try first: passwords on the bundled
 * list (./common-passwords.txt, its origin stated in its header), those that are one list word
 * with digits or symbols around it or letters swapped (`P@ssw0rd2026!`), a list word repeated or
 * two joined (`passwordpassword`, `summerwinter`), a keyboard or alphabet run (`qwertyuiopas`,
 * `abcdefghijkl`), too few different characters (`aaaaaaaaaaaa`), and anything containing the
 * account's email address or the part before its @.
 */
import { readFileSync } from 'node:fs';

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; stops a megabyte "password" from tying up the server. */
export const MAX_PASSWORD_LENGTH = 1000;
/** Fewer different characters than this is a repeat (`aaaaaaaaaaaa`, `abababababab`). */
const MIN_DISTINCT = 5;

const HINT = 'A few unrelated words work well, for example "kettle harbour violet cloud".';

const listFile = new URL('./common-passwords.txt', import.meta.url);

/** Runs a password must not be a piece of (forwards or backwards). */
const RUNS = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890123456789',
  'qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()_+',
];

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't', '8': 'b', '9': 'g', '+': 't' };

let list: Set<string> | undefined;

/** The bundled list, read once: each entry and its core (as a typed password is reduced). */
function commonPasswords(): Set<string> {
  if (list) return list;
  const entries = readFileSync(listFile, 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#'));
  list = new Set(entries.flatMap((e) => [e, ...cores(e)]).filter(Boolean));
  return list;
}

/** Lower-cased, without spaces and separators. */
const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');

/**
 * What is left of a password once digits and symbols around it are dropped and letter swaps undone;
 * `1` is read both as i and as l.
 */
function cores(password: string): string[] {
  const trimmed = squash(password).replace(/^[^a-z]+|[^a-z]+$/g, '');
  const swapped = (one: string) =>
    [...trimmed]
      .map((ch) => (ch === '1' ? one : (LEET[ch] ?? ch)))
      .join('')
      .replace(/[^a-z]/g, '');
  return [...new Set([swapped('i'), swapped('l')])].filter(Boolean);
}

/** The shortest piece the text is a repeat of (`abcabc` → `abc`). */
function repeatUnit(s: string): string {
  const m = /^(.+?)\1+$/.exec(s);
  return m ? m[1] : s;
}

function isRun(s: string): boolean {
  if (s.length < 4) return false;
  const unit = repeatUnit(s);
  const pieces = [s, unit];
  return RUNS.some((run) => pieces.some((p) => p.length >= 4 && (run.includes(p) || [...run].reverse().join('').includes(p))));
}

/** True when `core` is a list entry, one repeated, or two list entries joined. */
function isCommon(core: string, words: Set<string>): boolean {
  if (words.has(core) || words.has(repeatUnit(core))) return true;
  for (let i = 3; i <= core.length - 3; i++) {
    if (words.has(core.slice(0, i)) && words.has(repeatUnit(core.slice(i)))) return true;
  }
  return false;
}

/** The parts of an email address a password must not contain: the address and the part before the @. */
function emailParts(email: string): string[] {
  const e = email.trim().toLowerCase();
  const local = e.split('@')[0];
  return [e, local, squash(local)].filter((p) => p.length >= 3);
}

/**
 * The reason a new password is refused, or null when it is acceptable. `email` is the account's
 * address (a password containing it is refused); leave it out only when no account is known.
 */
export function passwordProblem(password: unknown, email?: string): string | null {
  if (typeof password !== 'string') return 'The password must be text.';
  if (password.length < MIN_PASSWORD_LENGTH) return `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters. ${HINT}`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (email && emailParts(email).some((p) => lower.includes(p) || squash(password).includes(p))) {
    return `The password contains the email address (or the part before the @): choose one that doesn't. ${HINT}`;
  }
  if (new Set(lower).size < MIN_DISTINCT) return `The password repeats too few different characters (at least ${MIN_DISTINCT} are needed). ${HINT}`;
  if (isRun(squash(password))) return `The password is a run of keys or letters that attackers try first. ${HINT}`;
  const words = commonPasswords();
  if (words.has(squash(password)) || cores(password).some((c) => isCommon(c, words))) {
    return `The password is too common: it is, or is built from, a password attackers try first. ${HINT}`;
  }
  return null;
}
