/**
 * What time it is, passed in rather than read from the system where it decides something a test
 * must control (a link's expiry, a session's end). `createApp({ clock })` and the CLI give one.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
