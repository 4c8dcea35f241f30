/**
 * Staged uploads cannot fill the disk: one upload is at most UPLOAD_MAX_MB (413 naming the limit),
 * all staged files together at most STAGING_QUOTA_MB (507 saying so), stale ones are removed, and
 * nothing of a refused upload is kept. The real app behind a real HTTP server, the suite's store,
 * the bundled police.uk file (351,775 bytes) as the upload.
 */
import { serve } from '@hono/node-server';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { stagedBytes, stagedIds, stagingDir } from '../../../server/crime/staging.js';
import { signIn } from '../../helpers/officer.js';
import { POLICE_UK_FILE } from '../../helpers/police-uk.js';
import { testApp, testStore } from '../../helpers/store.js';

const FILE = readFileSync(POLICE_UK_FILE);
const t = await testStore();
const app = testApp(t.store);
const analyst = await signIn(app, t.store, 'analyst');
const server = serve({ fetch: app.fetch, port: 0 });
await new Promise((r) => server.once('listening', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const saved = { quota: process.env.STAGING_QUOTA_MB, max: process.env.UPLOAD_MAX_MB, stale: process.env.STAGING_STALE_HOURS };
const restore = (name: string, v: string | undefined) => (v === undefined ? delete process.env[name] : (process.env[name] = v));
afterAll(async () => {
  restore('STAGING_QUOTA_MB', saved.quota);
  restore('UPLOAD_MAX_MB', saved.max);
  restore('STAGING_STALE_HOURS', saved.stale);
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

const upload = (bytes: Buffer, name: string) =>
  fetch(`${base}/api/officer/crime/uploads`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-file-name': name, ...analyst },
    body: new Uint8Array(bytes),
  });
/** Uploads kept in the store, and folders left on this server's disk (none: a kept file lives in the store only). */
const kept = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM staged_uploads'))!.n;
const onDisk = () => (existsSync(stagingDir(t.store)) ? readdirSync(stagingDir(t.store)).length : 0);

describe('the staging quota (STAGING_QUOTA_MB=1)', () => {
  it('takes files until the next would pass 1 MB, then answers 507 and keeps nothing of it', async () => {
    process.env.STAGING_QUOTA_MB = '1';
    expect(FILE.length).toBe(351_775);
    expect((await upload(FILE, 'one.csv')).status).toBe(201);
    expect((await upload(FILE, 'two.csv')).status).toBe(201);
    expect(await stagedBytes(t.store)).toBe(2 * 351_775);
    const res = await upload(FILE, 'three.csv');
    expect(res.status).toBe(507);
    expect(await res.json()).toEqual({
      error:
        'The upload area is full: files waiting to be imported would take 2 MB, more than the 1 MB allowed, so nothing was kept. ' +
        'Import the files added already (unimported ones are removed after 24 hours), or ask your administrator to raise STAGING_QUOTA_MB.',
    });
    expect(await kept()).toBe(2);
    expect(onDisk()).toBe(0);
    expect(await stagedBytes(t.store)).toBe(2 * 351_775);
  });

  it('removes staged files older than STAGING_STALE_HOURS, which frees the quota', async () => {
    process.env.STAGING_STALE_HOURS = '2';
    const [first, second] = await stagedIds(t.store);
    const threeHoursAgo = new Date(Date.now() - 3 * 3600 * 1000).toISOString();
    expect(await t.sql.run('UPDATE staged_uploads SET created_at = ? WHERE id = ?', threeHoursAgo, first)).toBe(1);
    const res = await upload(FILE, 'three.csv');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect((await stagedIds(t.store)).sort()).toEqual([second, id].sort());
  });
});

describe('the upload limit (UPLOAD_MAX_MB=1)', () => {
  it('refuses a streamed upload past 1 MB with 413 naming the limit, keeping nothing', async () => {
    process.env.STAGING_QUOTA_MB = '100';
    process.env.UPLOAD_MAX_MB = '1';
    const before = await kept();
    const res = await upload(Buffer.concat([FILE, FILE, FILE, FILE]), 'year.csv');
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'year.csv is larger than 1 MB, the most one upload may be. Upload the monthly files one by one.' });
    expect(await kept()).toBe(before);
    expect(onDisk()).toBe(0);
  });
});
