/**
 * Accepts only a JSON body no bigger than `maxBytes`, parsed once, for the handler to read with
 * `c.get('body')`. Each refusal is a 4xx whose message says what to send instead.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

export interface JsonBodyOptions {
  maxBytes: number;
}

export type JsonBodyEnv = { Variables: { body: unknown } };

export function jsonBody({ maxBytes }: JsonBodyOptions): MiddlewareHandler<JsonBodyEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json({ error: `The request body is larger than ${Math.round(maxBytes / 1024)} KB. Nothing was stored.` }, 413),
  });
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(type)) {
      return c.json({ error: 'Send the answers as JSON with the header Content-Type: application/json.' }, 415);
    }
    // bodyLimit ignores what its `next` returns, so a refusal inside it is carried out here.
    let refusal: Response | undefined;
    const limited = await limit(c, async () => {
      let text: string;
      try {
        text = await c.req.text();
      } catch {
        refusal = c.json({ error: 'The request body could not be read.' }, 400);
        return;
      }
      try {
        c.set('body', JSON.parse(text));
      } catch {
        refusal = c.json({ error: 'The request body is not valid JSON. Nothing was stored.' }, 400);
        return;
      }
      await next();
    });
    return refusal ?? limited;
  };
}
