/**
 * Talking to the server: fetch a questionnaire, send answers, through the Hono RPC client typed
 * from the server's own routes (`hc<AppType>`), so paths, the request body and the success
 * bodies are checked against the server at compile time. Every outcome is a value (never a
 * thrown error) so the page can say exactly what happened.
 */
import { hc } from 'hono/client';
import type { AppType } from '../../server/http/app';
import type { Loaded, QuestionProblem, Submitted } from './types';
import type { Target } from './where';

export type { Loaded, PublicSurvey, QuestionProblem, Submitted } from './types';

export const api = hc<AppType>(location.origin).api;

async function errorBody(res: Response): Promise<{ error: string; errors: QuestionProblem[] }> {
  try {
    const body = (await res.json()) as { error?: unknown; errors?: unknown };
    return {
      error: typeof body.error === 'string' ? body.error : `The server answered ${res.status}.`,
      errors: Array.isArray(body.errors) ? (body.errors as QuestionProblem[]) : [],
    };
  } catch {
    return { error: `The server answered ${res.status}.`, errors: [] };
  }
}

const json = { headers: { accept: 'application/json' } };

export async function loadSurvey(target: Target): Promise<Loaded> {
  let res: Awaited<ReturnType<(typeof api.surveys)[':slug']['$get']>> | Awaited<ReturnType<(typeof api.links)[':token']['$get']>>;
  try {
    res =
      target.kind === 'survey'
        ? await api.surveys[':slug'].$get({ param: { slug: target.id } }, json)
        : await api.links[':token'].$get({ param: { token: target.id } }, json);
  } catch {
    return { kind: 'offline' };
  }
  const status: number = res.status;
  if (res.ok) return { kind: 'ok', survey: await res.json() };
  if (status >= 500) return { kind: 'offline' };
  return { kind: 'unavailable', status, message: (await errorBody(res as Response)).error };
}

export function submitAnswers(target: Target, answers: Record<string, unknown>, idempotencyKey: string, locale?: string): Promise<Submitted> {
  return send(target, { answers, idempotencyKey, status: 'complete', locale });
}

/** Answers so far, saved as a partial return under the key the completed one will use; `page` is the page reached (1 = first). */
export function savePartial(target: Target, answers: Record<string, unknown>, idempotencyKey: string, page: number, locale?: string): Promise<Submitted> {
  return send(target, { answers, idempotencyKey, status: 'partial', page, locale });
}

async function send(
  target: Target,
  submission: { answers: Record<string, unknown>; idempotencyKey: string; status: 'complete' | 'partial'; page?: number; locale?: string },
): Promise<Submitted> {
  const body = { json: submission };
  let res: Awaited<ReturnType<(typeof api.surveys)[':slug']['responses']['$post']>>;
  try {
    res =
      target.kind === 'survey'
        ? await api.surveys[':slug'].responses.$post({ param: { slug: target.id }, ...body }, json)
        : await api.links[':token'].responses.$post({ param: { token: target.id }, ...body }, json);
  } catch {
    return { kind: 'offline' };
  }
  // Read before narrowing: hc types only the success statuses.
  const status: number = res.status;
  if (res.ok) {
    const stored = await res.json();
    return { kind: 'stored', publicId: stored.publicId, duplicate: 'duplicate' in stored && stored.duplicate === true };
  }
  // A server error is treated like a dropped connection: the answers stay, the person can try again.
  if (status >= 500) return { kind: 'offline' };
  const { error, errors } = await errorBody(res as Response);
  return { kind: 'refused', status, message: error, errors };
}
