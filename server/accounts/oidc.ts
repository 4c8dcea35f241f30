/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), as the
 * relying party through openid-client. An officer who signs in at the provider is matched by
 * e-mail, case-insensitively, to an account an admin created: nobody is ever created here, and
 * the role is the product's own. A match starts the product's normal session (sessions.ts), so
 * the rest of the product cannot tell how the officer signed in; the audit log can (`method`).
 *
 * Each sign-in in progress (its state, nonce and PKCE verifier) is held in memory for ten minutes
 * under a random id the browser carries in a cookie, so a callback is accepted only in the browser
 * that started it, once. One server per data folder (store/lock.ts) makes memory enough; a
 * restart only means starting the sign-in again.
 */
import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import type { Clock } from '../clock.js';
import type { Store } from '../store/open.js';
import { audit } from './audit.js';
import { claimedEmail, hasEmailClaim } from './oidc-claims.js';
import { isLoopback, OIDC_CALLBACK_PATH, type OidcSettings } from './oidc-config.js';
import { findOfficerByEmail } from './officers.js';
import type { Role } from './roles.js';
import { updateOfficer } from './queries.js';
import { createSession } from './sessions.js';
import { ACCOUNT_DISABLED } from './sign-in.js';

/** How long an officer may take at the provider (sign-in, multi-factor prompt) before starting again. */
export const OIDC_FLOW_TTL_SECONDS = 10 * 60;
/** Bounds the memory a stream of abandoned sign-ins can take. */
const MAX_FLOWS = 2000;
const OFFICER_HOME = '/officer';

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  expiresAt: number;
}

/** A refusal shown to the officer as a page: what happened and what to do. */
export interface OidcRefusal {
  kind: 'refused';
  status: 400 | 403 | 503;
  title: string;
  message: string;
}

export type OidcStart = { kind: 'redirect'; flowId: string; url: string } | OidcRefusal;

export type OidcOutcome =
  | {
      kind: 'signed-in';
      token: string;
      csrfToken: string;
      expiresAt: string;
      /** Where to send the officer: the officer page they set out for. */
      next: string;
      officer: { email: string; role: Role };
    }
  | OidcRefusal;

const START_AGAIN = 'Go back to the sign-in page and choose single sign-on again.';

const refused = (status: OidcRefusal['status'], title: string, message: string): OidcRefusal => ({ kind: 'refused', status, title, message });

/** Only an officer page of this site (never another site: `//evil.example`, `/\evil.example`). */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > 500 || !/^\/officer(?:[/?#]|$)/.test(next) || /[\\]|\/\//.test(next)) return OFFICER_HOME;
  return next;
}

export class OidcSignIn {
  private discovered: Promise<client.Configuration> | undefined;
  private readonly flows = new Map<string, Flow>();

  constructor(
    readonly settings: OidcSettings,
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  get label(): string {
    return this.settings.label;
  }

  /** The address registered at the provider as the redirect URI. */
  redirectUri(): string {
    return this.settings.redirectUri ?? `${this.publicUrl()}${OIDC_CALLBACK_PATH}`;
  }

  /** The provider's metadata, fetched on first use and kept; a failure is retried on the next sign-in. */
  private configuration(): Promise<client.Configuration> {
    if (!this.discovered) {
      const issuer = new URL(this.settings.issuer);
      const execute = issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [];
      this.discovered = client.discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, { execute, timeout: 15 });
      this.discovered.catch(() => {
        this.discovered = undefined;
      });
    }
    return this.discovered;
  }

  private unreachable(e: unknown): OidcRefusal {
    console.error(`Single sign-on: the provider ${this.settings.issuer} could not be used: ${(e as Error)?.message ?? e}`);
    return refused(
      503,
      'Single sign-on is not available',
      'The sign-in service did not answer as expected, so you could not be signed in. Try again in a few minutes, or sign in with your email and password. If it keeps happening, tell your admin.',
    );
  }

  /** Starts a sign-in: the provider's address to send the browser to, and the flow id for its cookie. */
  async start(next: string | undefined): Promise<OidcStart> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (e) {
      return this.unreachable(e);
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      next: safeNext(next),
      expiresAt: this.clock.now().getTime() + OIDC_FLOW_TTL_SECONDS * 1000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri(),
      scope: 'openid email profile',
      response_type: 'code',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    const flowId = randomBytes(32).toString('base64url');
    this.remember(flowId, flow);
    return { kind: 'redirect', flowId, url: url.href };
  }

  /**
   * The provider sent the browser back: `search` is the callback's query. Checks the flow (this
   * browser's, once, in time, same state), redeems the code (PKCE, ID token signature, issuer,
   * audience, nonce checked by openid-client), reads the e-mail and matches it to an officer.
   */
  async callback(flowId: string | undefined, search: URLSearchParams): Promise<OidcOutcome> {
    const flow = flowId ? this.flows.get(flowId) : undefined;
    if (flowId) this.flows.delete(flowId);
    if (!flow || flow.expiresAt <= this.clock.now().getTime()) {
      return refused(
        400,
        'Sign-in not completed',
        `This sign-in was not started in this browser, was already used, or took longer than ${OIDC_FLOW_TTL_SECONDS / 60} minutes. ${START_AGAIN}`,
      );
    }
    if (search.get('state') !== flow.state) {
      return refused(
        400,
        'Sign-in not completed',
        `The reply from the sign-in service does not belong to the sign-in this browser started, so it was refused. ${START_AGAIN}`,
      );
    }
    const providerError = search.get('error');
    if (providerError) {
      const said = search.get('error_description');
      return refused(
        403,
        'Sign-in not completed',
        `The sign-in service did not sign you in (${said ? `it said: ${said.slice(0, 300)}` : providerError.slice(0, 100)}). ${START_AGAIN}`,
      );
    }
    let claims: Record<string, unknown>;
    try {
      const config = await this.configuration();
      const currentUrl = new URL(this.redirectUri());
      currentUrl.search = search.toString();
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token in the token response');
      claims = { ...idClaims };
      // Some providers put the e-mail only in userinfo (the ID token then holds just who and when).
      if (!hasEmailClaim(claims) && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...claims };
      }
    } catch (e) {
      if (e instanceof client.ResponseBodyError || e instanceof client.AuthorizationResponseError) {
        return refused(403, 'Sign-in not completed', `The sign-in service refused to complete the sign-in (${e.error}). ${START_AGAIN}`);
      }
      return this.unreachable(e);
    }
    return await this.matchOfficer(claims, flow.next);
  }

  private async matchOfficer(claims: Record<string, unknown>, next: string): Promise<OidcOutcome> {
    const claimed = claimedEmail(claims);
    if ('problem' in claimed) {
      await audit(this.store, null, 'login.failed', { method: 'oidc', reason: claimed.problem === 'unverified' ? 'e-mail not verified' : 'no e-mail' });
      return claimed.problem === 'unverified'
        ? refused(
            403,
            'E-mail address not verified',
            'The sign-in service says your e-mail address is not verified, so it cannot be matched to an officer account. Verify it with your organisation, or ask your admin.',
          )
        : refused(
            403,
            'No e-mail address',
            'The sign-in service did not give an e-mail address for you, so it cannot be matched to an officer account. Ask your admin to check the single sign-on set-up (scopes openid email profile).',
          );
    }
    const officer = await findOfficerByEmail(this.store.db, claimed.email);
    if (!officer) {
      // The address comes from the provider, not typed by someone, so it is safe and useful to record.
      await audit(this.store, null, 'login.failed', { method: 'oidc', reason: 'unknown email', email: claimed.email.toLowerCase() });
      return refused(
        403,
        'No officer account for this address',
        `You signed in at the sign-in service as ${claimed.email}, but there is no officer account for that address. Ask your admin to create an account for ${claimed.email} on the Accounts page, then sign in again. No account was created.`,
      );
    }
    if (officer.disabledAt) {
      // Single sign-on is no way round an admin's decision: a disabled account stays out.
      await audit(this.store, officer, 'login.refused', { method: 'oidc', reason: 'disabled' });
      return refused(403, 'Account disabled', ACCOUNT_DISABLED);
    }
    const now = this.clock.now();
    // The Accounts page's "last signed in" counts single sign-on as much as a password.
    await updateOfficer(this.store.db, officer.id, { lastSignInAt: now.toISOString() });
    const { role, ...session } = await createSession(this.store.db, officer.id, now);
    await audit(this.store, officer, 'login', { method: 'oidc' });
    return { kind: 'signed-in', ...session, next, officer: { email: officer.email, role } };
  }

  private remember(flowId: string, flow: Flow): void {
    if (this.flows.size >= MAX_FLOWS) {
      const now = this.clock.now().getTime();
      for (const [id, f] of this.flows) if (f.expiresAt <= now) this.flows.delete(id);
      // Still full of live ones: the oldest go first (a Map keeps insertion order).
      for (const id of [...this.flows.keys()].slice(0, this.flows.size - MAX_FLOWS + 1)) this.flows.delete(id);
    }
    this.flows.set(flowId, flow);
  }
}
