/** The request helpers of server/http/route.ts: limitBody (413 before the body is read) and invalidAs (the status of a failed check). */
import { describe, expect, it } from 'vitest';
import { onError } from '../../../server/http/errors.js';
import { createRoute, invalidAs, jsonBody, jsonContent, limitBody, router, z } from '../../../server/http/route.js';

const Body = z.object({ name: z.string().min(2, 'Give a name of at least 2 letters.') });

const post = (middleware: ReturnType<typeof limitBody>[]) =>
  createRoute({
    method: 'post',
    path: '/things',
    middleware,
    request: { body: jsonBody(Body) },
    responses: { 200: jsonContent(z.object({ ok: z.literal(true) }), 'Taken') },
  });

const app = (hook?: ReturnType<typeof invalidAs>, middleware = [limitBody({ maxBytes: 2048 })]) => {
  const r = router().openapi(post(middleware), (c) => c.json({ ok: true as const }, 200), hook);
  r.onError(onError);
  return r;
};

const send = (a: ReturnType<typeof app>, body: string) => a.request('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('limitBody', () => {
  it('refuses a body over maxBytes with 413 and the size in KB, and takes one within it', async () => {
    const big = await send(app(), JSON.stringify({ name: 'x'.repeat(2100) }));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ error: 'The request body is larger than 2 KB. Nothing was stored.' });
    expect((await send(app(), JSON.stringify({ name: 'Ann' }))).status).toBe(200);
  });

  it('says its own message when given one', async () => {
    const res = await send(app(undefined, [limitBody({ maxBytes: 10, message: 'Too much.' })]), JSON.stringify({ name: 'Ann' }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'Too much.' });
  });
});

describe('invalidAs', () => {
  it('by default a body field that fails its check is a 422 with the field', async () => {
    const res = await send(app(), JSON.stringify({ name: 'A' }));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'Give a name of at least 2 letters.', field: 'name' });
  });

  it('invalidAs(400) keeps the message and field but answers 400', async () => {
    const res = await send(app(invalidAs(400)), JSON.stringify({ name: 'A' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Give a name of at least 2 letters.', field: 'name' });
  });

  it('invalidAs(400, message) says the one message, without a field', async () => {
    const res = await send(app(invalidAs(400, 'Send {"name": "..."} as JSON.')), JSON.stringify({ name: 'A' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'Send {"name": "..."} as JSON.' });
  });
});
