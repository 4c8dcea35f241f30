/**
 * Which e-mail address a provider's claims vouch for. Microsoft Entra ID may give it as `email`,
 * `preferred_username` or `upn` (an account without a mailbox has no `email`), and usually sends no
 * `email_verified`; other providers send `email` with `email_verified`. An address the provider
 * says is not verified is never used, nor is a fallback tried in its place: whoever controls an
 * unverified address must not reach the account of whoever owns it.
 */

export type ClaimedEmail = { email: string } | { problem: 'no-email' | 'unverified' };

const looksLikeEmail = (v: unknown): v is string => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim());

export function claimedEmail(claims: Record<string, unknown>): ClaimedEmail {
  if (looksLikeEmail(claims.email)) {
    // Some providers send "false" as text.
    if (claims.email_verified === false || claims.email_verified === 'false') return { problem: 'unverified' };
    return { email: claims.email.trim() };
  }
  for (const name of ['preferred_username', 'upn']) {
    const v = claims[name];
    if (looksLikeEmail(v)) return { email: v.trim() };
  }
  return { problem: 'no-email' };
}

/** True when the claims name an address to match (or say why not) without asking the userinfo endpoint. */
export function hasEmailClaim(claims: Record<string, unknown>): boolean {
  return ['email', 'preferred_username', 'upn'].some((n) => looksLikeEmail(claims[n]));
}
