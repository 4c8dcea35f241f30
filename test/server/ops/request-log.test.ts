/**
 * One JSON log line per request, with the id sent back as X-Request-Id, the method, the route's
 * pattern, the status and the time taken; never the caller's address, an answer, a password or an
 * e-mail address; errors logged with the request's id. The real app behind a real HTTP server on
 * the suite's store, its pino logger writing to a stream the test reads; the full disk on a real
 * SQLite file (its page limit).
 */
import { serve } from '@hono/node-server';
import { createOfficer } from '../../../server/accounts/officers.js';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app.js';
import { createLogger } from '../../../server/http/middleware/request-log.js';
import { RESIDENT, validResident, WAVE } from '../../helpers/respondent-fixtures.js';
import type { Store } from '../../../server/store/open.js';
import { tempStore, testStore, withOpenWave } from '../../helpers/store.js';

type Line = Record<string, unknown>;

/** The app on `store` behind a real HTTP server, its log lines kept in `lines`. */
async function served(store: Store) {
  await withOpenWave(store, RESIDENT, WAVE);
  const lines: string[] = [];
  const app = createApp({ store, logger: createLogger({ write: (s: string) => void lines.push(s) }, 'info') });
  const server = serve({ fetch: app.fetch, port: 0 });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const logged = (id: string) => lines.map((l) => JSON.parse(l) as Line).filter((l) => l.requestId === id);
  const close = () => new Promise((r) => server.close(r));
  return { lines, base, logged, close };
}

const t = await testStore();
const { lines, base, logged, close } = await served(t.store);
afterAll(async () => {
  await close();
  await t.cleanup();
});

describe('request logs', () => {
  it('logs a submission: id (= X-Request-Id), method, route pattern, status, ms, and nothing else of the request', async () => {
    const answers = { ...validResident(), household_size: 7 };
    const res = await fetch(`${base}/api/surveys/${RESIDENT}/responses?ref=unique-query-value-4821`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77', 'user-agent': 'Tracker/9.9' },
      body: JSON.stringify({ answers, idempotencyKey: 'log-test-key-000001' }),
    });
    expect(res.status).toBe(201);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const [line, ...more] = logged(id);
    expect(more).toEqual([]);
    expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'requestId', 'route', 'status', 'time']);
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'POST', route: '/api/surveys/:slug/responses', status: 201 });
    expect(typeof line.ms).toBe('number');
    const all = lines.join('');
    for (const absent of ['203.0.113.77', '127.0.0.1', 'unique-query-value-4821', 'log-test-key-000001', 'Tracker', 'very_safe', 'E05004984', RESIDENT])
      expect(all).not.toContain(absent);
  });

  it('logs a sign-in without the e-mail address or the password', async () => {
    const email = 'log-officer@test.invalid';
    const password = 'a very secret phrase 9471';
    await createOfficer(t.store.db, { email, password, role: 'viewer' });
    const res = await fetch(`${base}/api/officer/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(res.status).toBe(200);
    expect(logged(res.headers.get('x-request-id')!)).toMatchObject([{ method: 'POST', route: '/api/officer/login', status: 200 }]);
    const all = lines.join('');
    for (const absent of [email, 'log-officer', password]) expect(all).not.toContain(absent);
  });

  it('logs a request no route answers with the catch-all pattern, not the address asked for', async () => {
    const res = await fetch(`${base}/api/no-such-thing/secret-token-6612`);
    expect(res.status).toBe(404);
    expect(logged(res.headers.get('x-request-id')!)).toMatchObject([{ method: 'GET', route: '/api/*', status: 404 }]);
    expect(lines.join('')).not.toContain('secret-token-6612');
  });
});

describe('request logs on a SQLite file', async () => {
  const full = tempStore();
  const { lines, base, logged, close } = await served(full.store);
  afterAll(async () => {
    await close();
    full.cleanup();
  });

  it('logs an error (a full disk) with the request id, then the request line', async () => {
    full.store.sqlite.pragma(`max_page_count = ${full.store.sqlite.pragma('page_count', { simple: true })}`);
    let res: Response;
    let i = 0;
    do
      res = await fetch(`${base}/api/surveys/${RESIDENT}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: validResident(), idempotencyKey: `log-full-${String(++i).padStart(6, '0')}` }),
      });
    while (res.status === 201 && i < 500);
    expect(res.status).toBe(503);
    const [error, request] = logged(res.headers.get('x-request-id')!);
    expect(error).toMatchObject({ level: 50, msg: 'disk full', err: { code: 'SQLITE_FULL', message: 'database or disk is full' } });
    expect(request).toMatchObject({ msg: 'request', route: '/api/surveys/:slug/responses', status: 503 });
    expect(lines.join('')).not.toContain('very_safe');
  });
});
