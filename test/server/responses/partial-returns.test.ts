/**
 * Returns saved page by page: one row per idempotency key from the first partial save to the
 * completed submission, validated as far as the respondent has gone, shown as drop-out on the
 * Returns page, left out of the analysis unless asked for, and marked in the exports. The
 * production app on the test store (SQLite or Postgres).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink } from '../../../server/links/links.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { runCli } from '../cli/run-cli.js';
import { RESIDENT, responseCount, responseRow, validResident, validYouth, WAVE, YOUTH } from '../../helpers/respondent-fixtures.js';
import { postJson, withOpenWave } from '../../helpers/store.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await withOpenWave(store, RESIDENT, WAVE);
await withOpenWave(store, YOUTH, WAVE);
const url = `/api/surveys/${RESIDENT}/responses`;

/** The resident questionnaire's first page (all required) and its second (none required). */
const PAGE_1 = {
  safe_home: 'very_safe',
  safe_day_local: 'fairly_safe',
  safe_dark_local: 'fairly_unsafe',
  safe_day_town: 'very_safe',
  safe_dark_town: 'very_unsafe',
};
const PAGE_2 = { worry_burglary: 'fairly_worried', has_car: 'yes', worry_car: 'not_very_worried' };

const rowCount = () => responseCount(store);
const { responses } = tablesOf(store.db);
const rowsOfKey = (key: string) => store.db.select().from(responses).where(eq(responses.idempotencyKey, key)).orderBy(responses.id);
/** The CLI in this process, on this store (DATABASE_URL when it is Postgres). */
const cli = (args: string[]) => runCli(world.dir, args, store.kind === 'postgres' ? { DATABASE_URL: store.url } : {});

describe('a return saved page by page, then completed', () => {
  const key = 'pages-then-done-01';
  let id: number;

  it('stores the first page save as one partial return, with the page reached', async () => {
    const before = await rowCount();
    const res = await postJson(app, url, { answers: PAGE_1, idempotencyKey: key, status: 'partial', page: 2 });
    expect(res.status).toBe(201);
    id = (await res.json()).id;
    const row = (await responseRow(store, id))!;
    expect(row.status).toBe('partial');
    expect(row.lastPage).toBe(2);
    expect(row.answers).toEqual(PAGE_1);
    expect(await rowCount()).toBe(before + 1);
  });

  it('updates that same row on the next page save (answers and page), storing nothing new', async () => {
    const before = await rowCount();
    const createdAt = (await responseRow(store, id))!.createdAt;
    const res = await postJson(app, url, { answers: { ...PAGE_1, ...PAGE_2 }, idempotencyKey: key, status: 'partial', page: 3 });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId });
    const row = (await responseRow(store, id))!;
    expect(row.answers).toEqual({ ...PAGE_1, ...PAGE_2 });
    expect(row.lastPage).toBe(3);
    expect(row.createdAt).toBe(createdAt);
    expect(await rowCount()).toBe(before);
  });

  it('keeps the furthest page reached when the respondent goes back and saves an earlier page', async () => {
    const res = await postJson(app, url, { answers: { ...PAGE_1, ...PAGE_2 }, idempotencyKey: key, status: 'partial', page: 2 });
    expect(res.status).toBe(201);
    expect((await responseRow(store, id))!.lastPage).toBe(3);
  });

  it('completes the same row when submitted with the key: one return, never two', async () => {
    const before = await rowCount();
    const res = await postJson(app, url, { answers: validResident(), idempotencyKey: key, status: 'complete' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId });
    const row = (await responseRow(store, id))!;
    expect(row.status).toBe('complete');
    expect(row.answers).toEqual(validResident());
    expect(row.lastPage).toBeNull();
    expect(await rowCount()).toBe(before);
    expect(await rowsOfKey(key)).toHaveLength(1);
  });

  it('answers a replayed completed submission as a duplicate, changing nothing', async () => {
    const res = await postJson(app, url, { answers: { ...validResident(), sex: 'male' }, idempotencyKey: key });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId, duplicate: true });
    expect((await responseRow(store, id))!.answers).toEqual(validResident());
  });

  it('never turns a completed return back into a partial one (a late page save is a duplicate)', async () => {
    const res = await postJson(app, url, { answers: PAGE_1, idempotencyKey: key, status: 'partial', page: 2 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId, duplicate: true });
    const row = (await responseRow(store, id))!;
    expect(row.status).toBe('complete');
    expect(row.answers).toEqual(validResident());
  });

  it('stores a page save and the completion sent at the same moment as one complete return', async () => {
    const k = 'pages-race-000001';
    const [a, b] = await Promise.all([
      postJson(app, url, { answers: PAGE_1, idempotencyKey: k, status: 'partial', page: 2 }),
      postJson(app, url, { answers: validResident(), idempotencyKey: k }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const rows = await rowsOfKey(k);
    expect(rows.map((r) => r.status)).toEqual(['complete']);
  });
});

describe('partial saves are checked as far as the respondent has gone', () => {
  it('requires the required questions of the pages already passed', async () => {
    const before = await rowCount();
    const { safe_dark_town: _, ...missing } = PAGE_1;
    const res = await postJson(app, url, { answers: missing, idempotencyKey: 'passed-page-0001', status: 'partial', page: 2 });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatch(/Nothing was stored/);
    expect(body.errors.map((e: { question: string }) => e.question)).toEqual(['safe_dark_town']);
    expect(await rowCount()).toBe(before);
  });

  it('does not require questions on the page reached or later (ward, sex and age band are on page 4)', async () => {
    const res = await postJson(app, url, { answers: { ...PAGE_1, ...PAGE_2 }, idempotencyKey: 'passed-page-0002', status: 'partial', page: 4 });
    expect(res.status).toBe(201);
  });

  it('still refuses an answer that is not one of the choices, on any page', async () => {
    const before = await rowCount();
    const res = await postJson(app, url, { answers: { ...PAGE_1, worry_burglary: 'petrified' }, status: 'partial', page: 2 });
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { question: string }) => e.question)).toEqual(['worry_burglary']);
    expect(await rowCount()).toBe(before);
  });

  it.each([
    [{ page: 5 }, /'page' is 5, but this questionnaire has 4 pages/],
    [{ page: 0 }, /'page' must be a whole number/],
    [{ page: 1.5 }, /'page' must be a whole number/],
    [{ page: '2' }, /'page' must be a whole number/],
  ])('refuses %o with 400 and a message, storing nothing', async (extra, message) => {
    const before = await rowCount();
    const res = await postJson(app, url, { answers: PAGE_1, status: 'partial', ...extra });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(message);
    expect(await rowCount()).toBe(before);
  });
});

describe("young people's partial returns", () => {
  it('are refused at the public address (403) like complete ones, storing nothing', async () => {
    const before = await rowCount();
    const res = await postJson(app, `/api/surveys/${YOUTH}/responses`, { answers: {}, status: 'partial', page: 2 });
    expect(res.status).toBe(403);
    expect(await rowCount()).toBe(before);
  });

  it('through a link: saved and completed as one row, its time kept to the day at every step', async () => {
    const link = await createLink(store.db, { slug: YOUTH, wave: WAVE, label: 'Partial Test School' });
    const path = `/api/links/${link.token}/responses`;
    const key = 'youth-pages-00001';
    const first = await postJson(app, path, { answers: { safe_school: 'fairly_safe' }, idempotencyKey: key, status: 'partial', page: 2 });
    expect(first.status).toBe(201);
    const { id } = await first.json();
    let row = (await responseRow(store, id))!;
    expect(row.linkId).toBe(link.id);
    expect(row.createdAt).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    const done = await postJson(app, path, { answers: validYouth(), idempotencyKey: key });
    expect(done.status).toBe(201);
    expect(await done.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId });
    row = (await responseRow(store, id))!;
    expect(row.status).toBe('complete');
    expect(row.createdAt).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000Z$/);
    expect(await rowsOfKey(key)).toHaveLength(1);
  });

  it("a link's cap counts a partial return, and does not refuse its completion", async () => {
    const link = await createLink(store.db, { slug: YOUTH, wave: WAVE, label: 'Capped Partial School', max: 1 });
    const path = `/api/links/${link.token}/responses`;
    const key = 'youth-capped-0001';
    const firstPage = { safe_school: 'fairly_safe' };
    expect((await postJson(app, path, { answers: firstPage, idempotencyKey: key, status: 'partial', page: 2 })).status).toBe(201);
    const other = await postJson(app, path, { answers: firstPage, idempotencyKey: 'youth-capped-0002', status: 'partial', page: 2 });
    expect(other.status).toBe(410);
    expect((await postJson(app, path, { answers: validYouth(), idempotencyKey: key })).status).toBe(201);
    expect((await rowsOfKey(key)).map((r) => r.status)).toEqual(['complete']);
  });

  it('a key used through one link is not carried on through another (the first return is left as it was)', async () => {
    const a = await createLink(store.db, { slug: YOUTH, wave: WAVE, label: 'School A partial' });
    const b = await createLink(store.db, { slug: YOUTH, wave: WAVE, label: 'School B partial' });
    const key = 'youth-two-links-01';
    const first = await postJson(app, `/api/links/${a.token}/responses`, {
      answers: { safe_school: 'very_safe' },
      idempotencyKey: key,
      status: 'partial',
      page: 2,
    });
    const { id } = await first.json();
    const second = await postJson(app, `/api/links/${b.token}/responses`, { answers: validYouth(), idempotencyKey: key });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ id, publicId: (await responseRow(store, id))!.publicId, duplicate: true });
    const row = (await responseRow(store, id))!;
    expect(row.status).toBe('partial');
    expect(row.linkId).toBe(a.id);
  });
});

describe('officers: drop-out, analysis and exports', () => {
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let analyst: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    // A wave of our own, holding only these returns: the resident survey's 2027 (opening it closes 2026).
    await createWave(store.db, RESIDENT, '2027');
    await setWaveStatus(store.db, RESIDENT, '2027', 'open');
    // 3 complete; partial returns stopped on page 2 (2 of them), page 4 (1) and one without a page.
    const complete = [validResident(), { ...validResident(), sex: 'male' }, { ...validResident(), sex: 'male' }];
    for (const [i, answers] of complete.entries()) await postJson(app, url, { answers, idempotencyKey: `wave27-complete-${i}` });
    const partials: [Record<string, unknown>, number | undefined][] = [
      [{ ...PAGE_1 }, 2],
      [{ ...PAGE_1, safe_home: 'fairly_safe' }, 2],
      [{ ...PAGE_1, ...PAGE_2, sex: 'female' }, 4],
      [{ safe_home: 'very_unsafe' }, undefined],
    ];
    for (const [i, [answers, page]] of partials.entries()) {
      const res = await postJson(app, url, { answers, idempotencyKey: `wave27-partial-${i}`, status: 'partial', page });
      if (res.status !== 201) throw new Error(`partial ${i}: ${res.status} ${await res.text()}`);
    }
    viewer = await signIn(app, EMAILS.viewer);
    analyst = await signIn(app, EMAILS.analyst);
  });
  const get = (path: string, headers = viewer.headers) => app.request(`/api/officer/surveys/${RESIDENT}/waves/2027${path}`, { headers });

  it('the Returns page says, for each page, how many reached it and how many stopped there', async () => {
    const res = await get('/returns');
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.complete).toBe(3);
    expect(r.partial).toBe(4);
    expect(r.dropOut).toEqual({
      pages: [
        // Everyone with a page reached page 1; page 2: 3 complete + 3 partial that got at least that far.
        { page: 1, title: 'Feeling safe', started: 6, stoppedHere: 0 },
        { page: 2, title: 'Worries about crime', started: 6, stoppedHere: 2 },
        { page: 3, title: 'Places, experience of crime and confidence', started: 4, stoppedHere: 0 },
        { page: 4, title: 'About you', started: 4, stoppedHere: 1 },
      ],
      finished: 3,
      unfinished: 4,
      pageNotRecorded: 1,
    });
  });

  it('leaves partial returns out of the report by default, and says how many there are', async () => {
    const res = await get('/report?question=sex&detail=full');
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.n).toBe(3);
    expect(r.unfinished).toEqual({ available: 4, included: 0, note: null });
    // Bases this small are suppressed, and a hidden cell shows no base either (it could be subtracted).
    const male = r.estimates.find((e: { question: string; category: string; group: unknown }) => e.question === 'sex' && e.category === 'male' && !e.group);
    expect(male).toMatchObject({ suppressed: true, n: null, estimate: null, reason: 'Fewer than 30 replies, so hidden.' });
  });

  it('includes them with partial=include (a separate cached result), each question on those who answered it', async () => {
    const res = await get('/report?question=sex&partial=include&detail=full');
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r.n).toBe(7);
    expect(r.unfinished.available).toBe(4);
    expect(r.unfinished.included).toBe(4);
    expect(r.unfinished.note).toMatch(/Includes 4 unfinished responses/);
    const male = r.estimates.find((e: { question: string; category: string; group: unknown }) => e.question === 'sex' && e.category === 'male' && !e.group);
    // One partial return answered sex (the 3 complete and that one): still below 30, so hidden, base and all.
    expect(male).toMatchObject({ suppressed: true, n: null, estimate: null });
    // And the default is still the complete returns only, not the cached inclusive result.
    expect((await (await get('/report?question=sex')).json()).n).toBe(3);
  });

  it('the contents list counts them the same way, for the Results page checkbox', async () => {
    const plain = await (await get('/report/contents')).json();
    expect(plain.n).toBe(3);
    expect(plain.unfinished).toEqual({ available: 4, included: 0, note: null });
    const inclusive = await (await get('/report/contents?partial=include')).json();
    expect(inclusive.n).toBe(7);
  });

  it('the command line takes the same choice: report --partial include', async () => {
    const base = ['report', '--survey', RESIDENT, '--wave', '2027', '--format', 'json'];
    const plain = await cli(base);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout).n).toBe(3);
    const inclusive = await cli([...base, '--partial', 'include']);
    expect(inclusive.code).toBe(0);
    expect(JSON.parse(inclusive.stdout).unfinished).toMatchObject({ available: 4, included: 4 });
    const wrong = await cli([...base, '--partial', 'yes']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--partial must be include or exclude, not 'yes'/);
  });

  it('refuses an unknown partial option with 400 saying what it takes', async () => {
    const res = await get('/report?partial=yes');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/'partial' must be include or exclude/);
  });

  it('exports say the status of each return, and the page a partial one reached in a last column', async () => {
    const res = await app.request(`/api/officer/surveys/${RESIDENT}/waves/2027/responses.csv`, { headers: analyst.headers });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 10)).toEqual(['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight']);
    // Then the words typed under "other" (added after language, so earlier columns keep their places).
    expect(header.slice(-3)).toEqual(['last_page_reached', 'language', 'unsafe_places_other_text']);
    const body = lines.slice(1).map((l) => l.split(','));
    expect(body.map((cells) => [cells[4], cells.at(-3)])).toEqual([
      ['complete', ''],
      ['complete', ''],
      ['complete', ''],
      ['partial', '2'],
      ['partial', '2'],
      ['partial', '4'],
      ['partial', ''],
    ]);
  });
});
