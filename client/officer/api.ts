/**
 * Talking to the officer API. Shapes come from the server (type-only imports, nothing bundled);
 * every outcome is a value so pages can say exactly what happened.
 */
import type { OfficerSurvey } from '../../server/routes/officer-surveys';
import type { SurveyReport } from '../../server/reporting/survey-report';
import type { Role } from '../../server/auth/roles';

export type { OfficerSurvey, SurveyReport };
export type { Estimate, Comparison } from '../../analysis/report/types';

export interface Officer {
  email: string;
  role: Role;
}

export type Result<T> =
  | { kind: 'ok'; value: T }
  /** 401: not signed in (or the session ended). */
  | { kind: 'signed-out'; message: string }
  | { kind: 'failed'; status: number; message: string }
  | { kind: 'offline' };

async function errorMessage(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // not JSON
  }
  return `The server answered ${res.status} ${res.statusText}.`;
}

async function call<T>(path: string, init?: RequestInit): Promise<Result<T>> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    return { kind: 'offline' };
  }
  if (res.ok) return { kind: 'ok', value: (await res.json()) as T };
  const message = await errorMessage(res);
  if (res.status === 401) return { kind: 'signed-out', message };
  return { kind: 'failed', status: res.status, message };
}

/** The CSRF token the server set in the readable csp_csrf cookie (sent back as x-csrf-token). */
function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csp_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

export const api = {
  me: () => call<Officer & { expiresAt: string }>('/api/officer/me'),
  login: (email: string, password: string) =>
    call<Officer & { csrfToken: string }>('/api/officer/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
  logout: () => call<{ ok: true }>('/api/officer/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken() } }),
  surveys: () => call<OfficerSurvey[]>('/api/officer/surveys'),
  report: (slug: string, wave: string, by: string[]) => {
    const query = by.length ? `?by=${encodeURIComponent(by.join(','))}` : '';
    return call<SurveyReport>(`/api/surveys/${encodeURIComponent(slug)}/waves/${encodeURIComponent(wave)}/report${query}`);
  },
};

/** A sentence for a failed call, for role=alert. */
export function describeFailure(r: Exclude<Result<unknown>, { kind: 'ok' }>): string {
  if (r.kind === 'offline') return 'Could not reach the server. Check your connection and try again.';
  return r.message;
}
