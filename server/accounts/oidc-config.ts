/**
 * Single sign-on settings, read from the environment once at start: OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET (all three or none), optional OIDC_LABEL for the button. The redirect address
 * is PUBLIC_URL + /api/officer/oidc/callback, worked out when a sign-in starts (PORT may be known
 * only after listening). A half-made configuration stops the server: an officer finding the button
 * missing, or failing at the provider, is worse than a message at start.
 */
import { settings } from '../config.js';

export interface OidcSettings {
  /** The issuer identifier, e.g. https://login.microsoftonline.com/<tenant id>/v2.0. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's words. */
  label: string;
  /** Where the provider sends the officer back; default PUBLIC_URL + OIDC_CALLBACK_PATH. */
  redirectUri?: string;
}

export const OIDC_CALLBACK_PATH = '/api/officer/oidc/callback';
export const DEFAULT_OIDC_LABEL = 'Sign in with single sign-on';

const NAMES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;

/** Plain http is accepted only for a provider on this machine (a test or development provider). */
export function isLoopback(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The settings, null when single sign-on is not configured; throws an Error saying what to fix. */
export function oidcSettingsFromEnv(env: Record<string, string | undefined> = settings().text): OidcSettings | null {
  const value = (name: string) => env[name]?.trim() || undefined;
  const set = NAMES.filter((n) => value(n));
  const extras = ['OIDC_LABEL'].filter((n) => value(n));
  if (set.length === 0 && extras.length === 0) return null;
  if (set.length < NAMES.length) {
    const missing = NAMES.filter((n) => !value(n));
    throw new Error(
      `Single sign-on is half configured: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set all of ${NAMES.join(', ')}, or none of them (and no OIDC_LABEL) to use passwords only.`,
    );
  }
  const issuer = value('OIDC_ISSUER')!;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`OIDC_ISSUER must be the provider's address, such as https://login.microsoftonline.com/<tenant id>/v2.0, not '${issuer}'.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new Error(`OIDC_ISSUER must start with https:// (plain http is allowed only for a provider on localhost), not '${issuer}'.`);
  }
  return {
    issuer,
    clientId: value('OIDC_CLIENT_ID')!,
    clientSecret: value('OIDC_CLIENT_SECRET')!,
    label: value('OIDC_LABEL') ?? DEFAULT_OIDC_LABEL,
  };
}
