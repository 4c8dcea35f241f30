/**
 * Talking to the server: fetch a questionnaire, send answers. Every outcome is a value
 * (never a thrown error) so the page can say exactly what happened.
 */
import type { Target } from './where';

export interface PublicSurvey {
  slug: string;
  title: string;
  audience: string;
  version: number;
  wave: { name: string };
  definition: Record<string, unknown>;
  /** Present when opened through a link: the school or channel name. */
  label?: string;
}

export interface QuestionProblem {
  question: string;
  message: string;
}

export type Loaded = { kind: 'ok'; survey: PublicSurvey } | { kind: 'unavailable'; status: number; message: string } | { kind: 'offline' };

export type Submitted =
  | { kind: 'stored'; id: number; duplicate: boolean }
  | { kind: 'refused'; status: number; message: string; errors: QuestionProblem[] }
  | { kind: 'offline' };

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

export async function loadSurvey(target: Target): Promise<Loaded> {
  let res: Response;
  try {
    res = await fetch(target.surveyUrl, { headers: { accept: 'application/json' } });
  } catch {
    return { kind: 'offline' };
  }
  if (res.ok) return { kind: 'ok', survey: (await res.json()) as PublicSurvey };
  if (res.status >= 500) return { kind: 'offline' };
  return { kind: 'unavailable', status: res.status, message: (await errorBody(res)).error };
}

export async function submitAnswers(target: Target, answers: Record<string, unknown>, idempotencyKey: string): Promise<Submitted> {
  let res: Response;
  try {
    res = await fetch(target.responsesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ answers, idempotencyKey, status: 'complete' }),
    });
  } catch {
    return { kind: 'offline' };
  }
  if (res.status === 200 || res.status === 201) {
    const body = (await res.json()) as { id: number; duplicate?: boolean };
    return { kind: 'stored', id: body.id, duplicate: body.duplicate === true };
  }
  // A server error is treated like a dropped connection: the answers stay, the person can try again.
  if (res.status >= 500) return { kind: 'offline' };
  const { error, errors } = await errorBody(res);
  return { kind: 'refused', status: res.status, message: error, errors };
}
