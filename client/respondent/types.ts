/**
 * The respondent page's types, from the server's routes through `hc`: the questionnaire as the
 * API sends it, and the problems a refused return lists (the AnswersRefused schema).
 */
import type { ClientResponse, hc } from 'hono/client';
import type { z } from 'zod';
import type { AppType } from '../../server/http/app';
import type { AnswerProblem } from '../../server/responses/schemas';

/** The client api.ts makes, as a type only (so this module does not import api.ts back). */
type Api = ReturnType<typeof hc<AppType>>['api'];

type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 ? T : never) : never;
type OkOf<F extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>;

/** A questionnaire; `label` when opened through a link (the school or channel name). */
export type PublicSurvey = OkOf<Api['surveys'][':slug']['$get']> & Partial<Pick<OkOf<Api['links'][':token']['$get']>, 'label'>>;

export type QuestionProblem = z.infer<typeof AnswerProblem>;

export type Loaded = { kind: 'ok'; survey: PublicSurvey } | { kind: 'unavailable'; status: number; message: string } | { kind: 'offline' };

export type Submitted =
  | { kind: 'stored'; publicId: string; duplicate: boolean }
  | { kind: 'refused'; status: number; message: string; errors: QuestionProblem[] }
  | { kind: 'offline' };
