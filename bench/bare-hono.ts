/**
 * The baseline for bench/submissions.ts: the same framework and HTTP server as the product
 * (Hono on @hono/node-server) with one POST endpoint that parses the JSON body and answers
 * {ok:true}: no validation, no storage. The product's submission rate is judged against this.
 *
 * Run: PORT=0 npx tsx bench/bare-hono.ts   (prints "Listening on http://localhost:<port>")
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().post('/api/surveys/:slug/responses', async (c) => {
  // Reading the body keeps the comparison fair: every JSON endpoint has to parse what it is sent.
  await c.req.json();
  return c.json({ ok: true }, 201);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0) }, (info) => {
  console.log(`Listening on http://localhost:${info.port}`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
