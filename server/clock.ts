/**
 * What time it is, passed in rather than read from the system where it decides something a test
 * must control (a link's expiry, a session's end). `createApp({ clock })` and the CLI give one.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at` (tests, and replaying an import as of a day). */
export function fixedClock(at: Date | string): Clock {
  const when = new Date(at);
  return { now: () => new Date(when) };
}
