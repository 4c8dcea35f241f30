/** The words and dates My account shows. */

/** An ISO time → "2 December 2026 at 14:05" (local time). */
export function longDateTime(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${day} at ${time}`;
}

/** A base32 secret in groups of four, easier to type into an app. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

export const ROLE_NAMES = { admin: 'Admin', analyst: 'Analyst', viewer: 'Viewer' } as const;

export function endedSessions(n: number): string {
  if (n === 0) return 'You had no other sessions.';
  return n === 1 ? 'Your 1 other session has ended.' : `Your ${n} other sessions have ended.`;
}
