/** Days as officers and posters read them, in UTC (the zone dates are stored in). */

/** "1 July 2026" for a date or ISO time. */
export function dayText(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The last day a link or wave that stops at `iso` still works: "30 June 2026". */
export function lastDayText(iso: string): string {
  return dayText(new Date(new Date(iso).getTime() - 1).toISOString());
}

/** Today as YYYY-MM-DD. */
export const todayUtc = (now: Date) => now.toISOString().slice(0, 10);
