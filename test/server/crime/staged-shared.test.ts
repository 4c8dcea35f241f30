/**
 * Staged crime uploads live in the store, not in one server's memory or disk: a file uploaded
 * through one server is imported through another on the same store, whose progress the first can
 * report; two servers asked to import the same file at once import it once (the other gets 409).
 * Two apps on two connections to the suite's store (one SQLite file, or one Postgres database)
 * stand in for two instances.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stagingDir } from '../../../server/crime/staging.js';
import { openStore, type Store } from '../../../server/store/open.js';
import { openPostgresStore } from '../../../server/store/pg/open.js';
import { signIn } from '../../helpers/officer.js';
import { MAIDSTONE_ROWS, POLICE_UK_FILE, POLICE_UK_NAME, policeUkDownloadZip } from '../../helpers/police-uk.js';
import { testApp, testStore } from '../../helpers/store.js';

const t = await testStore();
/** A second instance's own connection(s) to the same store. */
const other: Store = t.store.kind === 'sqlite' ? openStore(t.store.file) : await openPostgresStore(t.store.url, 'refuse');
afterAll(async () => {
  await other.close();
  await t.cleanup();
});
const first = testApp(t.store);
const second = testApp(other);
const analyst = await signIn(first, t.store, 'analyst');

const upload = async (app: typeof first, bytes: Uint8Array<ArrayBuffer>, name: string, type = 'text/csv') => {
  const res = await app.request('/api/officer/crime/uploads', {
    method: 'POST',
    headers: { 'content-type': type, 'x-file-name': name, ...analyst },
    body: bytes,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
};
const importIds = (app: typeof first, uploads: string[]) =>
  app.request('/api/officer/crime/imports', { method: 'POST', headers: { 'content-type': 'application/json', ...analyst }, body: JSON.stringify({ uploads }) });
const progress = async (app: typeof first, id: string) =>
  (await (await app.request(`/api/officer/crime/imports/progress?upload=${id}`, { headers: analyst })).json()) as {
    running: boolean;
    fileCount: number;
    file: string | null;
  };
const onDisk = () => (existsSync(stagingDir(t.store)) ? readdirSync(stagingDir(t.store)) : []);
const kept = async () => (await t.sql.get<{ n: number }>('SELECT count(*) AS n FROM staged_uploads'))!.n;
const crimeRows = async () => (await t.sql.get<{ n: number }>('SELECT coalesce(sum(count), 0) AS n FROM crime'))!.n;

describe('staged uploads shared through the store', () => {
  it('imports through the second server a file uploaded through the first, which reports its progress', async () => {
    const zip = policeUkDownloadZip();
    const id = await upload(first, new Uint8Array(zip), 'download.zip', 'application/zip');
    // Nothing of it is left on the receiving server's disk: the store holds it.
    expect(onDisk()).toEqual([]);
    expect(await kept()).toBe(1);
    const running = importIds(second, [id]);
    let seen: Awaited<ReturnType<typeof progress>> | undefined;
    for (let i = 0; i < 2000 && !(seen?.running && seen.fileCount); i++) {
      await new Promise((r) => setTimeout(r, 1));
      seen = await progress(first, id);
    }
    expect(seen).toMatchObject({ running: true, fileCount: 2 });
    const res = await running;
    expect(res.status).toBe(200);
    expect((await res.json()).months).toEqual(['2019-01', '2019-02']);
    expect(await progress(first, id)).toMatchObject({ running: false, fileCount: 0 });
    expect(await kept()).toBe(0);
    expect(onDisk()).toEqual([]);
  });

  it('imports a file once when both servers are asked at the same moment: the other answers 409', async () => {
    const before = await crimeRows();
    const id = await upload(second, new Uint8Array(readFileSync(POLICE_UK_FILE)), POLICE_UK_NAME);
    const [a, b] = await Promise.all([importIds(first, [id]), importIds(second, [id])]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect((await refused.json()).error).toBe('These files are being imported already: wait for that import to finish.');
    // January 2019 replaced by the same file: the count is what it was (the first test imported it).
    expect(await crimeRows()).toBe(before);
    expect(before).toBe(2 * MAIDSTONE_ROWS);
    expect(await kept()).toBe(0);
  });
});
