/**
 * Talking to the officer API. Every call goes through `client`, the Hono RPC client typed from
 * the server's own routes (`hc<AppType>`), so request paths and response shapes are checked
 * against the server at compile time and never re-declared here. Every outcome is a value
 * (`Result`), never a thrown error, so pages can say exactly what happened.
 *
 * - `call(client.api.officer.me.$get())`: a typed request, its success body as `value`.
 * - `upload(endpoint, { param }, file, …)`: a file body with upload progress (fetch has none).
 * - `downloadUrl(endpoint, { param }, query)`: the address for an <a href> download.
 */
import { hc, type ClientResponse } from 'hono/client';
import type { AppType } from '../../server/http/app';
import type { SurveyReport } from '../../server/reports/schemas';
import type { CiMethod } from '../../analysis/report/types';

export type { SurveyReport };
export type { Estimate, Comparison, Change, CiMethod } from '../../analysis/report/types';

export type Result<T> =
  | { kind: 'ok'; value: T }
  /** 401: not signed in (or the session ended); `body` as for 'failed' (e.g. sign-in's `codeRequired`). */
  | { kind: 'signed-out'; message: string; body?: unknown }
  /** Any other refusal; `body` is the parsed JSON (e.g. the rejected rows of an import). */
  | { kind: 'failed'; status: number; message: string; body?: unknown }
  | { kind: 'offline' };

export type Failure = Exclude<Result<unknown>, { kind: 'ok' }>;

/** The CSRF token the server set in the readable csp_csrf cookie (sent back as x-csrf-token). */
export function csrfToken(): string {
  const match = document.cookie.match(/(?:^|;\s*)csp_csrf=([^;]*)/);
  return match ? decodeURIComponent(match[1]) : '';
}

/**
 * fetch with the session's CSRF header on every request (the server checks it only on changes).
 * Added here rather than through hc's `headers` option, which a request's own `init.headers`
 * (e.g. a JSON content type) would replace.
 */
const fetchWithCsrf: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (!headers.has('x-csrf-token')) headers.set('x-csrf-token', csrfToken());
  return fetch(input, { credentials: 'same-origin', ...init, headers });
};

/** The typed client. */
export const client = hc<AppType>(location.origin, { fetch: fetchWithCsrf });

/** Options for an hc call that sends `value` as a JSON body: `$post({ param }, json(value))`. */
export const json = (value: unknown) => ({ init: { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } } });

/** The body type of a response's success (2xx) statuses. */
export type Ok<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 | 202 ? T : never) : never;

/** What an hc endpoint (`client.api.….$get`) answers on success. */
export type OkOf<F extends (...args: never[]) => Promise<unknown>> = Ok<Awaited<ReturnType<F>>>;

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** A Result from a status and the response text (shared by fetch and XHR). */
function toResult<T>(status: number, statusText: string, text: string): Result<T> {
  const body = parseJson(text);
  if (status >= 200 && status < 300) return { kind: 'ok', value: body as T };
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  const message = typeof error === 'string' ? error : `The server answered ${status} ${statusText}.`;
  if (status === 401) return { kind: 'signed-out', message, body };
  return { kind: 'failed', status, message, body };
}

async function fromResponse<T>(response: Promise<Response>): Promise<Result<T>> {
  let res: Response;
  let text: string;
  try {
    res = await response;
    text = await res.text();
  } catch {
    return { kind: 'offline' };
  }
  return toResult<T>(res.status, res.statusText, text);
}

/** Runs a typed request; the success body is `value`. */
export function call<R extends ClientResponse<unknown, number, string>>(request: Promise<R>): Promise<Result<Ok<R>>> {
  return fromResponse<Ok<R>>(request);
}

type Query = Record<string, string | number | boolean | undefined | null>;

interface Endpoint {
  $url: (arg?: never) => URL;
}

function urlWith<E extends Endpoint>(endpoint: E, arg: Parameters<E['$url']>[0], query: Query = {}): URL {
  const url = endpoint.$url(arg as never);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  return url;
}

/** The address of a download (CSV, XLSX, HTML report) for a link or `location.assign`. */
export function downloadUrl<E extends Endpoint>(endpoint: E, arg: Parameters<E['$url']>[0], query: Query = {}): string {
  const url = urlWith(endpoint, arg, query);
  return url.pathname + url.search;
}

export interface UploadOptions {
  /** Content-Type of the body (a File's own type is often empty or wrong for CSV). */
  contentType: string;
  method?: 'POST' | 'PUT';
  query?: Query;
  headers?: Record<string, string>;
  /** Bytes sent so far and in all; called as the body goes up. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * Sends a file (or text) as the request body with upload progress, typed by the endpoint's $post.
 * XMLHttpRequest, because fetch cannot report how much of a body has been sent.
 */
export function upload<E extends Endpoint & ({ $post: (...args: never[]) => Promise<unknown> } | { $put: (...args: never[]) => Promise<unknown> })>(
  endpoint: E,
  arg: Parameters<E['$url']>[0],
  body: Blob | string,
  options: UploadOptions,
): Promise<
  Result<
    OkOf<
      E extends { $post: (...args: never[]) => Promise<unknown> } ? E['$post'] : E extends { $put: (...args: never[]) => Promise<unknown> } ? E['$put'] : never
    >
  >
> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'POST', urlWith(endpoint, arg, options.query).toString());
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', options.contentType);
    xhr.setRequestHeader('x-csrf-token', csrfToken());
    for (const [k, v] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(k, v);
    if (options.onProgress) {
      const report = options.onProgress;
      xhr.upload.onprogress = (e) => report(e.loaded, e.lengthComputable ? e.total : typeof body === 'string' ? body.length : body.size);
    }
    xhr.onload = () => resolve(toResult(xhr.status, xhr.statusText, xhr.responseText));
    xhr.onerror = () => resolve({ kind: 'offline' });
    xhr.onabort = () => resolve({ kind: 'offline' });
    xhr.send(body);
  });
}

const officerApi = client.api.officer;

/** A survey of the officer list (GET /surveys), with its waves. */
export type OfficerSurvey = OkOf<typeof officerApi.surveys.$get>[number];
const waveReport = client.api.officer.surveys[':slug'].waves[':wave'].report;

export const api = {
  me: () => call(officerApi.me.$get()),
  /** `code`: the authenticator app's 6 digits, for an account with two-factor sign-in. */
  login: (email: string, password: string, code?: string) =>
    call(officerApi.login.$post({ json: code === undefined ? { email, password } : { email, password, code } })),
  logout: () => call(officerApi.logout.$post()),
  surveys: () => call(officerApi.surveys.$get()),
  /** The report in full (every row an object, as the page shows them): the page asks for a question at a time, so its size never matters. */
  report: async (
    slug: string,
    wave: string,
    query: {
      by?: string[];
      compareWave?: string;
      ci?: CiMethod;
      question?: string[];
      filter?: string[];
      crosstab?: string[];
      /** Analyse the unfinished (partial) responses too. */
      includePartial?: boolean;
    } = {},
  ) => {
    const r = await call(
      waveReport.$get({
        param: { slug, wave },
        query: {
          by: query.by?.length ? query.by.join(',') : undefined,
          compareWave: query.compareWave,
          ci: query.ci,
          question: query.question?.length ? query.question : undefined,
          filter: query.filter?.length ? query.filter : undefined,
          crosstab: query.crosstab?.length ? query.crosstab : undefined,
          partial: query.includePartial ? 'include' : undefined,
          detail: 'full',
        },
      }),
    );
    if (r.kind !== 'ok') return r;
    const report = r.value;
    if (report.detail !== 'full')
      return { kind: 'failed' as const, status: 502, message: 'The server sent the report without its rows in full: reload the page.' };
    return { kind: 'ok' as const, value: report };
  },
  reportContents: (slug: string, wave: string, includePartial = false) =>
    call(waveReport.contents.$get({ param: { slug, wave }, query: { partial: includePartial ? 'include' : undefined } })),
};

/** A sentence for a failed call, for role=alert. */
export function describeFailure(r: Failure): string {
  if (r.kind === 'offline') return 'Could not reach the server. Check your connection and try again.';
  return r.message;
}
