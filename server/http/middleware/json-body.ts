/**
 * Accepts only a JSON body no bigger than `maxBytes`, parsed once, for the handler to read with
 * `c.get('body')`. Each refusal is a 4xx whose message says what to send instead.
 *
 * With a Content-Length (every browser submission has one) the size is checked from the header
 * and the body read directly: Node's parser already holds the body to that length. Hono's
 * bodyLimit is kept for chunked bodies, whose size is only known while reading; it makes
 * @hono/node-server build a full web Request and stream, which profiling (bench/submissions.ts)
 * showed to be about a quarter of a submission's CPU time.
 */
import type { Context, MiddlewareHandler, Next } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { jsonDepth, MAX_JSON_DEPTH } from '../../formats/limits.js';

export interface JsonBodyOptions {
  maxBytes: number;
}

export const TOO_DEEP = `The request body nests lists or objects more than ${MAX_JSON_DEPTH} levels deep. Nothing was stored.`;

export type JsonBodyEnv = { Variables: { body: unknown } };

export function jsonBody({ maxBytes }: JsonBodyOptions): MiddlewareHandler<JsonBodyEnv> {
  const tooLarge = (c: Context) => c.json({ error: `The request body is larger than ${Math.round(maxBytes / 1024)} KB. Nothing was stored.` }, 413);
  const limit = bodyLimit({ maxSize: maxBytes, onError: tooLarge });

  /** Reads and parses the body; returns a refusal, or undefined once `next` has run. */
  async function parse(c: Context<JsonBodyEnv>, next: Next): Promise<Response | undefined> {
    let text: string;
    try {
      text = await c.req.text();
    } catch {
      return c.json({ error: 'The request body could not be read.' }, 400);
    }
    if (text.length > maxBytes && Buffer.byteLength(text) > maxBytes) return tooLarge(c);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error: 'The request body is not valid JSON. Nothing was stored.' }, 400);
    }
    if (jsonDepth(body) > MAX_JSON_DEPTH) return c.json({ error: TOO_DEEP }, 400);
    c.set('body', body);
    await next();
    return undefined;
  }

  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return c.json({ error: 'Send the answers as JSON with the header Content-Type: application/json.' }, 415);
    }
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(declared)) return c.json({ error: 'The Content-Length header is not a number of bytes.' }, 400);
      if (Number(declared) > maxBytes) return tooLarge(c);
      const refusal = await parse(c, next);
      return refusal;
    }
    // bodyLimit ignores what its `next` returns, so a refusal inside it is carried out here.
    let refusal: Response | undefined;
    const limited = await limit(c, async () => {
      refusal = await parse(c, next);
    });
    return refusal ?? limited;
  };
}
