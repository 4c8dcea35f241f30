/**
 * The crime and population data API (server/http/routes/officer-data.ts) through the whole app
 * (createApp on a temporary store, SQLite or Postgres): police.uk uploads streamed to staging files, imported
 * together with the counts the bundled file's README states, refused files storing nothing, staged
 * files removed, population replaced or refused, and every change in the audit log.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { stageUpload, stagedIds, stagingDir, UploadError } from '../../../server/crime/staging.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../server/accounts/password.js';
import { maidstoneWards } from '../../../surveys/areas/wards.js';
import * as pageRule from '../../../client/officer/pages/accounts/password-rule.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore } from '../../helpers/store.js';
import {
  DOWNLOAD_STREET_FILES,
  MAIDSTONE_BY_TYPE as EXPECTED_BY_TYPE,
  MAIDSTONE_ROWS,
  POLICE_UK_FILE as FIXTURE,
  POLICE_UK_NAME as FIXTURE_NAME,
  policeUkDownloadZip,
} from '../../helpers/police-uk.js';
import { writeZip } from '../../../server/formats/zip.js';

const FIXTURE_BYTES: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(FIXTURE));

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const app = testApp(store);
const analyst = await signIn(app, store, 'analyst');
const admin = await signIn(app, store, 'admin');
const viewer = await signIn(app, store, 'viewer');
const analystEmail = async () => (await t.sql.get<{ email: string }>("SELECT email FROM officers WHERE role = 'analyst'"))!;
/** A true flag as the store gives it back: SQLite's 1, Postgres's boolean. */
const TRUE = store.kind === 'postgres' ? true : 1;

const crimeByMonth = async () =>
  Object.fromEntries((await t.sql.all<{ month: string; n: number }>('SELECT month, SUM(count) AS n FROM crime GROUP BY month')).map((r) => [r.month, r.n]));
const crimeByType = async () =>
  Object.fromEntries(
    (await t.sql.all<{ t: string; n: number }>('SELECT crime_type AS t, SUM(count) AS n FROM crime GROUP BY crime_type')).map((r) => [r.t, r.n]),
  );
const populationRows = () => t.sql.all('SELECT area_code, sex, age_band, count, source, illustrative FROM population ORDER BY 1, 2, 3');
/** Uploads kept in the store (complete or not) and folders on this server's disk: both empty once an upload is imported or refused. */
const stagedOnDisk = async () => [
  ...(await t.sql.all<{ id: string }>('SELECT id FROM staged_uploads ORDER BY id')).map((r) => r.id),
  ...(existsSync(stagingDir(store)) ? readdirSync(stagingDir(store)) : []),
];
const storedBytes = async (id: string) =>
  Buffer.concat((await t.sql.all<{ data: Buffer }>('SELECT data FROM staged_upload_chunks WHERE upload_id = ? ORDER BY seq', id)).map((r) => r.data));

function uploadCsv(body: string | Uint8Array<ArrayBuffer>, name: string, headers: Record<string, string> = analyst) {
  return app.request('/api/officer/crime/uploads', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-file-name': encodeURIComponent(name), ...headers },
    body,
  });
}
function importIds(uploads: unknown, headers: Record<string, string> = analyst) {
  return app.request('/api/officer/crime/imports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ uploads }),
  });
}
function postPopulation(csv: string, query = '', headers: Record<string, string> = analyst, name = 'population.csv') {
  return app.request(`/api/officer/population${query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-file-name': name, ...headers },
    body: csv,
  });
}
async function staged(body: string | Uint8Array<ArrayBuffer>, name: string): Promise<{ id: string; name: string; bytes: number }> {
  const res = await uploadCsv(body, name);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
/** The bundled file with every Month set to `month` (and, optionally, one line replaced). */
function variant(month: string, breakLine?: { line: number; text: string }): string {
  const lines = Buffer.from(FIXTURE_BYTES).toString('utf8').trimEnd().split('\n');
  const out = [lines[0], ...lines.slice(1).map((r) => r.replace(',2019-01,', `,${month},`))];
  if (breakLine) out[breakLine.line - 1] = breakLine.text;
  return `${out.join('\n')}\n`;
}

const ROUTES: [string, string][] = [
  ['POST', '/api/officer/crime/uploads'],
  ['POST', '/api/officer/crime/imports'],
  ['GET', '/api/officer/crime/months'],
  ['GET', '/api/officer/crime/imports/progress?upload=0f3c9a0e5b6d4e7f8a9b0c1d2e3f4a5b'],
  ['POST', '/api/officer/population'],
  ['GET', '/api/officer/population'],
];

describe('who may load data', () => {
  it.each(ROUTES)('%s %s refuses anonymous callers with 401', async (method, path) => {
    const res = await app.request(path, { method, headers: { 'content-type': 'text/csv' }, body: method === 'POST' ? 'x' : undefined });
    expect(res.status).toBe(401);
  });

  it.each(ROUTES)('%s %s refuses a viewer with 403 and stores nothing', async (method, path) => {
    const res = await app.request(path, { method, headers: { 'content-type': 'text/csv', ...viewer }, body: method === 'POST' ? FIXTURE_BYTES : undefined });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/viewer account can't do this/);
    expect(await stagedOnDisk()).toEqual([]);
    expect(await crimeByMonth()).toEqual({});
  });

  it('refuses a change without the CSRF header (403)', async () => {
    const res = await uploadCsv(FIXTURE_BYTES, FIXTURE_NAME, { cookie: analyst.cookie });
    expect(res.status).toBe(403);
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('lets an admin read what is stored', async () => {
    expect((await app.request('/api/officer/crime/months', { headers: admin })).status).toBe(200);
    expect((await app.request('/api/officer/population', { headers: admin })).status).toBe(200);
  });
});

describe('police.uk uploads and imports', () => {
  it('starts with no crime stored', async () => {
    const res = await app.request('/api/officer/crime/months', { headers: analyst });
    expect(await res.json()).toEqual({ months: [], crimes: 0, wardsInLookup: 26 });
  });

  it('stages the bundled file byte for byte, then imports it with the counts its README states', async () => {
    const up = await staged(FIXTURE_BYTES, FIXTURE_NAME);
    expect(up).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}$/), name: FIXTURE_NAME, bytes: statSync(FIXTURE).size });
    // Kept in the store (any server on it can import it), not left on this server's disk.
    expect((await storedBytes(up.id)).equals(Buffer.from(FIXTURE_BYTES))).toBe(true);
    expect(await stagedOnDisk()).toEqual([up.id]);

    const res = await importIds([up.id]);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({
      files: [{ name: FIXTURE_NAME, bytes: FIXTURE_BYTES.length }],
      rows: 1666,
      imported: 1588,
      outsideArea: 78,
      noLsoa: 0,
      unmappedInArea: { rows: 0, lsoaCodes: [] },
      months: ['2019-01'],
    });
    expect(Object.fromEntries(report.byCrimeType.map((r: { crimeType: string; count: number }) => [r.crimeType, r.count]))).toEqual(EXPECTED_BY_TYPE);
    // Never the staging path.
    expect(JSON.stringify(report)).not.toContain(stagingDir(store));

    expect(await crimeByType()).toEqual(EXPECTED_BY_TYPE);
    expect(await crimeByMonth()).toEqual({ '2019-01': 1588 });
    // The staged file is gone.
    expect(existsSync(join(stagingDir(store), up.id))).toBe(false);
    expect(await stagedOnDisk()).toEqual([]);

    const entry = (await recentAudit(store, 1))[0];
    expect(entry).toMatchObject({
      action: 'crime.import',
      email: (await analystEmail()).email,
      details: { files: [FIXTURE_NAME], months: ['2019-01'], rows: 1666, imported: 1588, outsideArea: 78 },
    });
  });

  it('lists the months stored with their counts and source file', async () => {
    const res = await app.request('/api/officer/crime/months', { headers: analyst });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      months: [{ month: '2019-01', crimes: 1588, wards: expect.any(Number), crimeTypes: 14, files: [FIXTURE_NAME] }],
      crimes: 1588,
      wardsInLookup: 26,
    });
  });

  it('gives the same counts when the same file is imported again (the month is replaced, not added to)', async () => {
    const up = await staged(FIXTURE_BYTES, FIXTURE_NAME);
    const report = await (await importIds([up.id])).json();
    expect(report).toMatchObject({ rows: 1666, imported: 1588, outsideArea: 78, months: ['2019-01'] });
    expect(await crimeByType()).toEqual(EXPECTED_BY_TYPE);
    expect(await crimeByMonth()).toEqual({ '2019-01': 1588 });
    expect((await recentAudit(store, 5)).filter((e) => e.action === 'crime.import')).toHaveLength(2);
  });

  it('imports several files together, one month each', async () => {
    const a = await staged(variant('2019-02'), '2019-02-kent-street.csv');
    const b = await staged(variant('2019-03'), '2019-03-kent-street.csv');
    const res = await importIds([a.id, b.id, a.id]);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.months).toEqual(['2019-02', '2019-03']);
    expect(report.rows).toBe(2 * 1666);
    expect(report.imported).toBe(2 * 1588);
    expect(await crimeByMonth()).toEqual({ '2019-01': 1588, '2019-02': 1588, '2019-03': 1588 });
    const months = (await (await app.request('/api/officer/crime/months', { headers: analyst })).json()).months;
    expect(months.map((m: { month: string; files: string[] }) => [m.month, m.files])).toEqual([
      ['2019-01', [FIXTURE_NAME]],
      ['2019-02', ['2019-02-kent-street.csv']],
      ['2019-03', ['2019-03-kent-street.csv']],
    ]);
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('refuses a file that is not a police.uk file at upload (422, the reason, nothing kept)', async () => {
    const before = await crimeByMonth();
    const res = await uploadCsv('area_code,sex,age_band,count\nE05004982,*,*,100\n', 'population.csv');
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toMatch(
      /^population\.csv is not a police\.uk street-level crime file: its first line has no 'Month', 'LSOA code', 'Crime type' columns \(it starts: area_code,sex,age_band,count\)/,
    );
    expect(await stagedOnDisk()).toEqual([]);
    expect(await crimeByMonth()).toEqual(before);
  });

  it('refuses an import when any file has a bad row: 422 naming the file and line, nothing stored, staged files removed', async () => {
    const before = await crimeByType();
    const good = await staged(variant('2019-04'), '2019-04-kent-street.csv');
    const bad = await staged(
      variant('2019-05', { line: 7, text: 'x,May 2019,Kent Police,Kent Police,0,51,On or near X,E01024272,Gravesham 012E,Burglary,,' }),
      '2019-05-kent-street.csv',
    );
    const res = await importIds([good.id, bad.id]);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toBe(
      "2019-05-kent-street.csv, line 7: the Month 'May 2019' is not a month written YYYY-MM. Nothing was imported: fix or replace that file, then add the files again.",
    );
    // The good file's month was not written either.
    expect(await crimeByMonth()).toEqual({ '2019-01': 1588, '2019-02': 1588, '2019-03': 1588 });
    expect(await crimeByType()).toEqual(before);
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('answers 404 for unknown or already imported ids, and 400 for a malformed request', async () => {
    const up = await staged(FIXTURE_BYTES, FIXTURE_NAME);
    expect((await importIds([up.id])).status).toBe(200);
    const again = await importIds([up.id]);
    expect(again.status).toBe(404);
    expect((await again.json()).error).toMatch(/No uploaded file with the id [0-9a-f]{32}: it was imported already, or removed after 24 hours/);
    expect((await importIds(['../../survey'])).status).toBe(404);
    expect((await importIds([])).status).toBe(400);
    expect((await importIds('abc')).status).toBe(400);
  });

  it('needs a file name and a CSV body', async () => {
    const noName = await app.request('/api/officer/crime/uploads', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...analyst },
      body: FIXTURE_BYTES,
    });
    expect(noName.status).toBe(400);
    expect((await noName.json()).error).toMatch(/x-file-name header/);
    const json = await app.request('/api/officer/crime/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-file-name': 'a.csv', ...analyst },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('keeps a file name that is not ASCII, without any folder part', async () => {
    const up = await staged(FIXTURE_BYTES, '../../Kent – janvier.csv');
    expect(up.name).toBe('Kent _ janvier.csv');
    await importIds([up.id]);
  });

  it('refuses a body declared larger than the cap before reading it (413)', async () => {
    const res = await app.request('/api/officer/crime/uploads', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-file-name': 'huge.csv', 'content-length': String(600 * 1024 * 1024), ...analyst },
      body: 'Month',
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/huge\.csv is larger than 512 MB/);
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('stops a streamed body once past the cap and keeps nothing of it', async () => {
    const chunks = (function* () {
      for (let i = 0; i < 50; i++) yield Buffer.from('Crime ID,Month,LSOA code,Crime type\n'.repeat(100));
    })();
    const err = await stageUpload(store, Readable.from(chunks), 'big.csv', { maxBytes: 64 * 1024 }).catch((e) => e);
    expect(err).toBeInstanceOf(UploadError);
    expect(err.status).toBe(413);
    expect(await stagedIds(store)).toEqual([]);
  });

  it('removes staged files left for more than 24 hours when the next file comes', async () => {
    const old = await staged(FIXTURE_BYTES, 'left-behind.csv');
    const dayAndAHourAgo = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    expect(await t.sql.run('UPDATE staged_uploads SET created_at = ? WHERE id = ?', dayAndAHourAgo, old.id)).toBe(1);
    const fresh = await staged(FIXTURE_BYTES, 'fresh.csv');
    expect(await stagedIds(store)).toEqual([fresh.id]);
    expect((await importIds([old.id])).status).toBe(404);
    expect((await importIds([fresh.id])).status).toBe(200);
  });
});

describe('population', () => {
  const wards = maidstoneWards();
  // Made up for this test (not ONS data): 1,000 + 10 × i residents aged 18-24 in ward i, half of them women.
  const madeUp = [
    'area_code,sex,age_band,count,source',
    ...wards.flatMap((w, i) => [`${w.code},female,18-24,${500 + 5 * i},made up for a test`, `${w.code},male,18-24,${500 + 5 * i},made up for a test`]),
  ].join('\n');
  const expectedTotal = wards.reduce((s, _w, i) => s + 1000 + 10 * i, 0);

  it('replaces the population with an uploaded file marked illustrative, and says so', async () => {
    const res = await postPopulation(madeUp, '?illustrative=1', analyst, 'made-up.csv');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rows).toBe(2 * wards.length);
    expect(body.areas).toBe(wards.length);
    expect(body.summary).toMatchObject({
      cells: 2 * wards.length,
      areas: 26,
      wardsKnown: 26,
      missingWards: [],
      total: expectedTotal,
      bySexAndAge: true,
      sources: ['made up for a test'],
      illustrative: true,
    });
    expect(body.summary.illustrativeNotice).toMatch(/ILLUSTRATIVE/);
    const stored = (await populationRows()) as { count: number; illustrative: number | boolean }[];
    expect(stored).toHaveLength(2 * wards.length);
    expect(stored.every((r) => r.illustrative === TRUE)).toBe(true);
    const entry = (await recentAudit(store, 1))[0];
    expect(entry).toMatchObject({
      action: 'population.import',
      email: (await analystEmail()).email,
      details: { file: 'made-up.csv', rows: 52, areas: 26, illustrative: true },
    });
  });

  it('summarises the population: wards, figures, total residents, source', async () => {
    const withTotals = ['area_code,sex,age_band,count', ...wards.map((w, i) => `${w.code},*,*,${1000 + 10 * i}`), `${wards[0].code},female,18-24,40`].join(
      '\n',
    );
    const res = await postPopulation(withTotals, '', analyst, 'ward-totals.csv');
    expect(res.status).toBe(200);
    const summary = await (await app.request('/api/officer/population', { headers: analyst })).json();
    expect(summary).toEqual({
      cells: 27,
      areas: 26,
      wardsKnown: 26,
      missingWards: [],
      total: expectedTotal,
      bySexAndAge: true,
      sources: ['imported from ward-totals.csv'],
      illustrative: false,
      illustrativeNotice: null,
    });
  });

  it('names the wards without a figure', async () => {
    const some = ['area_code,sex,age_band,count,source', ...wards.slice(1).map((w) => `${w.code},*,*,1000,made up for a test`)].join('\n');
    expect((await postPopulation(some, '?illustrative=1')).status).toBe(200);
    const summary = await (await app.request('/api/officer/population', { headers: analyst })).json();
    expect(summary.missingWards).toEqual([wards[0]]);
    expect(summary.total).toBe(25 * 1000);
  });

  it.each([
    [
      'a count that is not a number',
      'area_code,sex,age_band,count,source\nE05004982,*,*,lots,x\n',
      /^Line 2: the count for E05004982 \* \* must be a number ≥ 0, not 'lots'\. Nothing was changed\.$/,
    ],
    ['an unknown area code', 'area_code,sex,age_band,count,source\nE99999999,*,*,100,x\n', /^Unknown area code E99999999: use ward codes/],
    ['missing columns', 'ward,people\nE05004982,100\n', /needs the columns area_code,sex,age_band,count\[,source\]; it lacks area_code, sex, age_band, count/],
    ['a figure given twice', 'area_code,sex,age_band,count,source\nE05004982,*,*,100,x\nE05004982,*,*,100,x\n', /Line 3: E05004982 \* \* appears twice/],
    ['an empty file', '', /empty/],
  ])('refuses %s with 422 and changes nothing', async (_what, csv, message) => {
    const before = await populationRows();
    const audits = (await recentAudit(store, 1000)).length;
    const res = await postPopulation(csv, '?illustrative=1');
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatch(message);
    expect(await populationRows()).toEqual(before);
    expect((await recentAudit(store, 1000)).length).toBe(audits);
  });

  it('refuses a body that is not CSV (415) and a bad illustrative flag (400)', async () => {
    const before = await populationRows();
    const json = await app.request('/api/officer/population', { method: 'POST', headers: { 'content-type': 'application/json', ...analyst }, body: '{}' });
    expect(json.status).toBe(415);
    expect((await postPopulation(madeUp, '?illustrative=maybe')).status).toBe(400);
    expect(await populationRows()).toEqual(before);
  });

  it('gives the same table when the same file is loaded twice', async () => {
    await postPopulation(madeUp, '?illustrative=1');
    const once = await populationRows();
    const second = await postPopulation(madeUp, '?illustrative=1');
    expect(second.status).toBe(200);
    expect(await populationRows()).toEqual(once);
  });
});

describe('the OpenAPI document', () => {
  it('lists the data routes with summaries', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.paths['/api/officer/crime/uploads'].post.summary).toMatch(/police\.uk/);
    expect(doc.paths['/api/officer/crime/imports'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/officer/population'].get.summary).toMatch(/population/);
  });

  it('documents the streamed uploads as text/csv bodies (or police.uk ZIPs) with a response schema for each status, tagged data', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    const upload = doc.paths['/api/officer/crime/uploads'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['text/csv', 'application/zip', 'application/x-zip-compressed']);
    expect(upload.parameters.find((p: { name: string }) => p.name === 'x-file-name')).toMatchObject({ in: 'header', required: true });
    expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(['201', '401', '403', '413', '415', '422']));
    expect(Object.keys(doc.paths['/api/officer/population'].post.requestBody.content)).toEqual(['text/csv']);
    for (const [path, method] of [
      ['/api/officer/crime/uploads', 'post'],
      ['/api/officer/crime/imports', 'post'],
      ['/api/officer/crime/months', 'get'],
      ['/api/officer/population', 'get'],
      ['/api/officer/population', 'post'],
    ]) {
      expect(doc.paths[path][method].tags, path).toEqual(['data']);
    }
  });
});

describe('the data routes are declared with zod', () => {
  it('checks the import body with its schema: 400 saying what to send, nothing imported', async () => {
    const before = await crimeByMonth();
    for (const uploads of [[], 'abc', [''], [3]]) {
      const res = await importIds(uploads);
      expect(res.status, JSON.stringify(uploads)).toBe(400);
      expect((await res.json()).error).toBe('Send JSON {"uploads": ["<id>", …]} with the ids POST /crime/uploads answered.');
    }
    expect(await crimeByMonth()).toEqual(before);
  });

  it('checks ?illustrative with the query schema: 400 in words, the population unchanged', async () => {
    const before = await populationRows();
    const res = await postPopulation('area_code,sex,age_band,count,source\nE05004982,*,*,100,x\n', '?illustrative=maybe');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('illustrative must be 1 (made-up figures) or 0.');
    expect(await populationRows()).toEqual(before);
  });

  it('says which header is missing before reading an upload (400)', async () => {
    const res = await app.request('/api/officer/crime/uploads', { method: 'POST', headers: { 'content-type': 'text/csv', ...analyst }, body: 'Month' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("Send the file's name in the x-file-name header (for example 2019-01-kent-street.csv).");
    expect(await stagedOnDisk()).toEqual([]);
  });

  it('documents the import body by its schema and ?illustrative as an enum', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.paths['/api/officer/crime/imports'].post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CrimeImportRequest',
    });
    const param = doc.paths['/api/officer/population'].post.parameters.find((p: { name: string }) => p.name === 'illustrative');
    expect(param).toMatchObject({ in: 'query', required: false, schema: { enum: ['0', '1', 'true', 'false'] } });
  });
});

describe("the accounts page states the server's password rule", () => {
  it('has the same lengths as server/accounts/password.ts', () => {
    expect([pageRule.MIN_PASSWORD_LENGTH, pageRule.MAX_PASSWORD_LENGTH]).toEqual([MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH]);
  });

  it('matches what POST /officers accepts: one character short is refused, the minimum is accepted', async () => {
    const post = (email: string, password: string) =>
      app.request('/api/officer/officers', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...admin },
        body: JSON.stringify({ email, password, role: 'viewer' }),
      });
    // Varied letters: a repeated one ('xxxxxxxxxxxx') is refused for another reason.
    const word = 'harbour kettle violet';
    const short = await post('short@test.invalid', word.slice(0, pageRule.MIN_PASSWORD_LENGTH - 1));
    expect(short.status).toBe(422);
    expect((await short.json()).error).toMatch(`at least ${pageRule.MIN_PASSWORD_LENGTH} characters`);
    expect((await post('enough@test.invalid', word.slice(0, pageRule.MIN_PASSWORD_LENGTH))).status).toBe(201);
  });
});

describe('a police.uk custom download (ZIP) through the API', () => {
  const uploadZip = (body: Uint8Array<ArrayBuffer>, name: string, type = 'application/zip') =>
    app.request('/api/officer/crime/uploads', { method: 'POST', headers: { 'content-type': type, 'x-file-name': name, ...analyst }, body });
  const bytesOf = (b: Buffer): Uint8Array<ArrayBuffer> => new Uint8Array(b) as Uint8Array<ArrayBuffer>;

  it('stages a ZIP sent as Windows browsers label it and imports its street files in month order, listing the skipped outcomes file', async () => {
    // The archive: January 2019 is the bundled file, February made up from it by rewriting the Month column.
    const res = await uploadZip(bytesOf(policeUkDownloadZip()), 'police-download.zip', 'application/x-zip-compressed');
    expect(res.status, await res.clone().text()).toBe(201);
    const up = (await res.json()) as { id: string; name: string };
    expect(up.name).toBe('police-download.zip');
    const imp = await importIds([up.id]);
    expect(imp.status, await imp.clone().text()).toBe(200);
    const report = await imp.json();
    expect(report.months).toEqual(['2019-01', '2019-02']);
    expect(report.imported).toBe(2 * MAIDSTONE_ROWS);
    expect(report.files).toEqual([{ name: 'police-download.zip', bytes: expect.any(Number) }]);
    expect(report.archives).toHaveLength(1);
    expect(report.archives[0].file).toBe('police-download.zip');
    expect(report.archives[0].entries.map((e: { name: string; months: string[] }) => [e.name, e.months])).toEqual([
      [DOWNLOAD_STREET_FILES[0], ['2019-01']],
      [DOWNLOAD_STREET_FILES[1], ['2019-02']],
    ]);
    expect(report.archives[0].skipped.map((e: { name: string }) => e.name)).toEqual(['2019-01/2019-01-kent-outcomes.csv']);
    expect((await crimeByMonth())['2019-02']).toBe(MAIDSTONE_ROWS);
    const months = await (await app.request('/api/officer/crime/months', { headers: analyst })).json();
    expect(months.months.find((m: { month: string }) => m.month === '2019-02').files).toEqual(['2019-02-kent-street.csv']);
    expect(await stagedIds(store)).not.toContain(up.id);
  });

  it('tells how far a running import has got (file n of m) while the import request runs, and nothing once it is done', async () => {
    const up = (await (await uploadZip(bytesOf(policeUkDownloadZip()), 'again.zip')).json()) as { id: string };
    const progress = async () => (await app.request(`/api/officer/crime/imports/progress?upload=${up.id}`, { headers: analyst })).json();
    expect(await progress()).toMatchObject({ running: false, fileIndex: 0 });
    const running = importIds([up.id]);
    let seen: { running: boolean; fileCount: number; fileIndex: number; file: string | null } | undefined;
    for (let i = 0; i < 2000 && !(seen?.running && seen.fileCount); i++) {
      await new Promise((r) => setTimeout(r, 1));
      seen = await progress();
    }
    expect(seen).toMatchObject({ running: true, fileCount: 2 });
    expect(['2019-01-kent-street.csv', '2019-02-kent-street.csv']).toContain(seen?.file);
    expect((await running).status).toBe(200);
    expect(await progress()).toMatchObject({ running: false, fileCount: 0 });
    const missing = await app.request('/api/officer/crime/imports/progress', { headers: analyst });
    expect(missing.status).toBe(400);
  });

  it('refuses at upload a damaged ZIP and one without a street file, keeping nothing', async () => {
    const before = await stagedOnDisk();
    const full = policeUkDownloadZip();
    const cut = await uploadZip(bytesOf(full.subarray(0, 2000)), 'cut.zip');
    expect(cut.status).toBe(422);
    expect((await cut.json()).error).toMatch(/^cut\.zip is not a ZIP archive that can be read: .*Download it again from data\.police\.uk\.$/);
    const outcomes = await uploadZip(bytesOf(writeZip([{ name: '2019-01/2019-01-kent-outcomes.csv', data: 'Crime ID,Month\n' }])), 'outcomes.zip');
    expect(outcomes.status).toBe(422);
    expect((await outcomes.json()).error).toMatch(/^outcomes\.zip holds no street-level crime file/);
    const pdf = await uploadZip(bytesOf(full), 'download.zip', 'application/pdf');
    expect(pdf.status).toBe(415);
    expect(await stagedOnDisk()).toEqual(before);
  });
});
