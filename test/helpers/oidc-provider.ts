/**
 * A real OpenID provider (oidc-provider, with its development sign-in and consent pages) on
 * 127.0.0.1 at a random port, for the single sign-on tests; and `signInThrough`, which goes
 * through the product's start, the provider's pages and the callback with fetch, as a browser
 * would (its own cookies per site, redirects followed by hand so each step can be seen).
 */
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

export interface TestAccount {
  /** The login typed on the provider's page (any password is taken). */
  login: string;
  claims: Record<string, unknown>;
}

export interface RunningProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export const TEST_CLIENT_ID = 'csp-officers';
export const TEST_CLIENT_SECRET = 'a-test-secret-used-only-by-these-tests';

// The provider warns on every start that its development pages are on and that Node 20 is old.
const quiet = /devInteractions|quick start development-only|Node\.js version|not a supported|cookies\.keys|jwks|oidc-provider WARNING|NOTICE/i;
let warningsSilenced = false;
function silenceProviderWarnings() {
  if (warningsSilenced) return;
  warningsSilenced = true;
  for (const level of ['warn', 'info', 'log'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (args.some((a) => typeof a === 'string' && quiet.test(a))) return;
      original(...args);
    };
  }
}

/** `redirectUri` may be given later (`attach`), when the product's address is known only after the provider's. */
export async function startProvider(redirectUri: string, accounts: TestAccount[]): Promise<RunningProvider> {
  const { attach } = await listenProvider();
  return attach(redirectUri, accounts);
}

export async function listenProvider(): Promise<{ issuer: string; attach(redirectUri: string, accounts: TestAccount[]): RunningProvider }> {
  silenceProviderWarnings();
  const server: Server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  const issuer = `http://127.0.0.1:${port}`;
  return { issuer, attach: (redirectUri, accounts) => attachProvider(server, issuer, redirectUri, accounts) };
}

function attachProvider(server: Server, issuer: string, redirectUri: string, accounts: TestAccount[]): RunningProvider {
  const byLogin = new Map(accounts.map((a) => [a.login, a]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        client_secret: TEST_CLIENT_SECRET,
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'preferred_username', 'upn'] },
    cookies: { keys: ['test-cookie-key-for-the-local-provider'] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = byLogin.get(id);
      return account ? { accountId: id, claims: async () => ({ sub: id, ...account.claims }) } : undefined;
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Cookies per host, as a browser keeps them (names and values only: enough for these flows). */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.byHost.get(url.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  take(url: URL, res: Response): void {
    const jar = this.byHost.get(url.host) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    this.byHost.set(url.host, jar);
  }

  get(host: string, name: string): string | undefined {
    return this.byHost.get(host)?.get(name);
  }
}

export interface Step {
  url: URL;
  res: Response;
  body: string;
}

/** One request with the jar's cookies; the response's cookies go into the jar. */
export async function visit(jar: CookieJar, url: URL, init: RequestInit = {}): Promise<Step> {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.take(url, res);
  return { url, res, body: await res.text() };
}

/** Follows redirects (GET) from `url` until a response that is not one; every step is returned. */
export async function follow(jar: CookieJar, url: URL, init: RequestInit = {}, until?: (u: URL) => boolean): Promise<Step[]> {
  const steps: Step[] = [];
  let step = await visit(jar, url, init);
  steps.push(step);
  while (step.res.status >= 300 && step.res.status < 400 && step.res.headers.get('location')) {
    const next = new URL(step.res.headers.get('location')!, step.url);
    if (until?.(next)) break;
    step = await visit(jar, next);
    steps.push(step);
  }
  return steps;
}

/** Posts the provider's form (its action) with `fields`, then follows the redirects. */
async function submitForm(jar: CookieJar, page: Step, fields: Record<string, string>, until?: (u: URL) => boolean): Promise<Step[]> {
  const action = page.body.match(/<form[^>]*action="([^"]+)"/)?.[1];
  if (!action) throw new Error(`No form on the provider's page ${page.url}:\n${page.body.slice(0, 500)}`);
  return follow(
    jar,
    new URL(action.replace(/&amp;/g, '&'), page.url),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() },
    until,
  );
}

/**
 * From the product's start address to the provider's sign-in page, signs in as `login`, consents,
 * and stops at the product's callback (not yet visited): its address is returned, so a test can
 * visit it as it is or tampered with.
 */
export async function throughProvider(jar: CookieJar, startUrl: URL, login: string, callbackPath: string): Promise<URL> {
  const isCallback = (u: URL) => u.pathname === callbackPath;
  let steps = await follow(jar, startUrl, {}, isCallback);
  for (let i = 0; i < 4; i++) {
    const last = steps[steps.length - 1];
    const location = last.res.headers.get('location');
    if (location && isCallback(new URL(location, last.url))) return new URL(location, last.url);
    if (/name="prompt" value="login"/.test(last.body)) steps = await submitForm(jar, last, { prompt: 'login', login, password: 'any' }, isCallback);
    else if (/name="prompt" value="consent"/.test(last.body)) steps = await submitForm(jar, last, { prompt: 'consent' }, isCallback);
    else throw new Error(`Unexpected page at ${last.url} (${last.res.status}):\n${last.body.slice(0, 800)}`);
  }
  throw new Error('The provider did not send the browser back to the callback.');
}
