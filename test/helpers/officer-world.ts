/**
 * The production app (createApp) on a temp store with one officer of each role, made through the
 * CLI. Sign-in limits and the clock may be given, as createApp takes them.
 */
import type { Clock } from '../../server/clock.js';
import { officerCommand } from '../../server/cli/commands/officer.js';
import { HttpError } from '../../server/errors.js';
import { createApp } from '../../server/http/app.js';
import type { LoginRateLimitOptions } from '../../server/http/middleware/rate-limit.js';
import type { Store } from '../../server/store/open.js';
import { testStore } from './store.js';

export const PASSWORD = 'correct horse battery';
export const EMAILS = { admin: 'admin@council.gov.uk', analyst: 'analyst@council.gov.uk', viewer: 'viewer@council.gov.uk' } as const;

export interface WorldOptions {
  rateLimit?: LoginRateLimitOptions;
  clock?: Clock;
}

export function officerApp(store: Store, { rateLimit, clock }: WorldOptions = {}) {
  return createApp({ store, clock, limits: { login: rateLimit } });
}

export type OfficerApp = ReturnType<typeof officerApp>;

/**
 * Runs the CLI command in-process; returns exit code and what it printed. A refusal (HttpError) is
 * exit code 1 with its message, as cli/index.ts prints it; anything else (UsageError) is thrown.
 */
export async function cli(store: Store, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await officerCommand(args, { store, out: (s) => out.push(s), err: (s) => err.push(s) });
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    err.push(e.message);
    code = 1;
  }
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A temp store with one officer of each role, created through the CLI. */
export async function officerWorld(options: WorldOptions = {}) {
  const t = await testStore();
  for (const [role, email] of Object.entries(EMAILS)) {
    const r = await cli(t.store, 'create', '--email', email, '--password', PASSWORD, '--role', role);
    if (r.code !== 0) throw new Error(r.err);
  }
  return { ...t, app: officerApp(t.store, options) };
}

export function postLogin(app: OfficerApp, body: unknown, init: { url?: string; headers?: Record<string, string>; env?: unknown } = {}) {
  return app.request(
    init.url ?? '/api/officer/login',
    { method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    init.env as never,
  );
}

/** `name=value` of each Set-Cookie, and the attributes of each by cookie name. */
export function cookiesOf(res: Response) {
  const byName: Record<string, { value: string; attributes: string[] }> = {};
  for (const line of res.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';').map((s) => s.trim());
    const i = pair.indexOf('=');
    byName[pair.slice(0, i)] = { value: pair.slice(i + 1), attributes };
  }
  return byName;
}

/** Signs in; returns the headers a browser would then send (cookie + CSRF token). */
export async function signIn(app: OfficerApp, email: string, password = PASSWORD) {
  const res = await postLogin(app, { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const c = cookiesOf(res);
  const cookie = `csp_session=${c.csp_session.value}; csp_csrf=${c.csp_csrf.value}`;
  return { cookie, csrfToken: body.csrfToken, token: c.csp_session.value, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}
