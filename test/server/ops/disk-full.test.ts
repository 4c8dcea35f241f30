/**
 * A full disk is a 503 that says nothing was saved, never a 500, and /api/ready says not ready.
 * The real app behind a real HTTP server on a real SQLite file; the disk is "filled" with SQLite's
 * max_page_count (the store may not grow past the pages it has), which gives SQLITE_FULL on write.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { DISK_FULL_MESSAGE } from '../../../server/errors.js';
import { RESIDENT, responseCount, validResident, WAVE } from '../../helpers/respondent-fixtures.js';
import { tempStore, testApp, withOpenWave } from '../../helpers/store.js';

const t = tempStore();
await withOpenWave(t.store, RESIDENT, WAVE);
const server = serve({ fetch: testApp(t.store).fetch, port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const submit = (key: string) =>
  fetch(`${base}/api/surveys/${RESIDENT}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: validResident(), idempotencyKey: key }),
  });

describe('a full disk', () => {
  it('is ready while there is room, and stores a submission (201)', async () => {
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect((await submit('disk-room-000001')).status).toBe(201);
    expect(responseCount(t.store)).toBe(1);
  });

  it('answers 503 with the message, stores nothing, and /api/ready says not ready', async () => {
    const pages = t.store.sqlite.pragma('page_count', { simple: true }) as number;
    t.store.sqlite.pragma(`max_page_count = ${pages}`);
    expect(t.store.sqlite.pragma('max_page_count', { simple: true })).toBe(pages);
    let res = await submit('disk-full-000001');
    // The pages there are hold a few more replies; once they are used up, a reply must fail.
    let accepted = 0;
    for (let i = 2; res.status === 201 && i < 500; i++, accepted++) res = await submit(`disk-full-${String(i).padStart(6, '0')}`);
    expect(accepted).toBeLessThan(498);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: DISK_FULL_MESSAGE });
    expect(DISK_FULL_MESSAGE).toBe("The server's disk is full: nothing was saved; tell your administrator.");
    const stored = responseCount(t.store);
    expect((await submit('disk-full-again01')).status).toBe(503);
    expect(responseCount(t.store)).toBe(stored);

    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { ok: boolean; checks: { writable: boolean }; error: string };
    expect(body.ok).toBe(false);
    expect(body.checks.writable).toBe(false);
    expect(body.error).toContain('The store cannot grow: the disk is full (database or disk is full). Free some space.');
  });

  it('is ready again once there is room', async () => {
    t.store.sqlite.pragma('max_page_count = 1000000');
    expect((await fetch(`${base}/api/ready`)).status).toBe(200);
    expect((await submit('disk-room-000002')).status).toBe(201);
  });
});
