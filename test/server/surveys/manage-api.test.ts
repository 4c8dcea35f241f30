/**
 * Questionnaires and waves through the officer API (the full app on the test store, SQLite or
 * Postgres):
 *   GET /api/officer/surveys/:slug/definition, POST /api/officer/surveys/check, POST /api/officer/surveys,
 *   POST /api/officer/surveys/:slug/waves, PATCH /api/officer/surveys/:slug/waves/:wave.
 * The park questionnaire below is MADE UP for these tests (no real survey asks it).
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { loadBundledSurveys } from '../../../surveys/metadata.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';
import { signIn } from '../../helpers/officer.js';
import { PARK } from '../../helpers/park-survey.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const app = testApp(store);
// A bundled survey with two waves, for the "opening closes the other wave" rule.
await withOpenWave(store, 'resident-safety', '2025');

const admin = await signIn(app, store, 'admin');
const analyst = await signIn(app, store, 'analyst');
const viewer = await signIn(app, store, 'viewer');

/** Its question metadata (made up too): a scale with nets and "Don't know" out of the base. */
const PARK_META = {
  slug: 'park-safety',
  title: 'Park safety check (made up, test)',
  audience: 'resident',
  scales: {
    safety: {
      categories: [
        { value: 'safe', label: 'Safe' },
        { value: 'unsafe', label: 'Unsafe' },
        { value: 'dont_know', label: "Don't know" },
      ],
      nets: { feel_safe: ['safe'] },
      excludeFromBase: ['dont_know'],
    },
  },
  questions: [
    { name: 'feel_safe', construct: 'safety.park.after_dark', scale: 'safety' },
    { name: 'worries', construct: 'worry.park' },
    { name: 'visits', construct: 'demographic.visits', breakdown: true },
    { name: 'age', construct: 'demographic.age' },
    { name: 'dog', construct: 'household.dog' },
  ],
};

const clone = <T>(x: T): T => structuredClone(x);
const { auditLog, surveys, waves } = tablesOf(store.db);
const surveyCount = async () => (await first(store.db.select({ n: sql<number>`count(*)` }).from(surveys)))!.n;
const auditCount = async () => (await first(store.db.select({ n: sql<number>`count(*)` }).from(auditLog)))!.n;
const surveyRow = (slug: string) => first(store.db.select().from(surveys).where(eq(surveys.slug, slug)));
const waveRows = (slug: string) =>
  store.db
    .select({ name: waves.name, status: waves.status, opensAt: waves.opensAt, closesAt: waves.closesAt })
    .from(waves)
    .innerJoin(surveys, eq(waves.surveyId, surveys.id))
    .where(eq(surveys.slug, slug))
    .orderBy(waves.name);

const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
  app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

type Check = {
  slug: string | null;
  title: string;
  pages: number;
  questions: number;
  reported: { name: string; title: string }[];
  breakdowns: { name: string; title: string }[];
  notReported: { name: string; reason: string }[];
  metadata: string;
  warnings: string[];
  outcome: string | null;
  version: number | null;
};
type Upload = { outcome: string; message: string; survey: { slug: string; version: number; title: string; audience: string }; check: Check };
type Refusal = { error: string; problems: string[] };

describe('who may do what', () => {
  const routes: [string, string, unknown][] = [
    ['GET', '/api/officer/surveys/resident-safety/definition', undefined],
    ['POST', '/api/officer/surveys/check', { definition: PARK }],
    ['POST', '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK }],
    ['POST', '/api/officer/surveys/resident-safety/waves', { name: '2099' }],
    ['PATCH', '/api/officer/surveys/resident-safety/waves/2025', { status: 'closed' }],
  ];

  it('refuses anonymous callers with 401 on every route', async () => {
    for (const [method, path, body] of routes) {
      const res = await app.request(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lets viewers and analysts preview a questionnaire but not check, add or change anything (403), storing nothing', async () => {
    const before = { surveys: await surveyCount(), audit: await auditCount(), waves: await waveRows('resident-safety') };
    for (const who of [viewer, analyst]) {
      const res = await app.request('/api/officer/surveys/resident-safety/definition', { headers: who });
      expect(res.status).toBe(200);
      for (const [method, path, body] of routes.slice(1)) {
        const refused = await send(method, path, body, who);
        expect(refused.status, `${method} ${path}`).toBe(403);
      }
    }
    expect(await surveyCount()).toBe(before.surveys);
    expect(await auditCount()).toBe(before.audit);
    expect(await waveRows('resident-safety')).toEqual(before.waves);
  });

  it('refuses a change without the CSRF token (403)', async () => {
    const res = await send('POST', '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK }, { cookie: admin.cookie });
    expect(res.status).toBe(403);
    expect(await surveyRow('park-safety')).toBeUndefined();
  });
});

describe('GET /surveys/:slug/definition', () => {
  it('gives the stored questionnaire with title, audience and version, whatever its waves', async () => {
    const res = await app.request('/api/officer/surveys/resident-safety/definition', { headers: viewer });
    const body = (await res.json()) as { slug: string; title: string; audience: string; version: number; definition: unknown };
    const bundled = loadBundledSurveys().find((b) => b.slug === 'resident-safety')!;
    expect(body).toEqual({
      slug: 'resident-safety',
      title: 'Maidstone Community Safety Survey',
      audience: 'resident',
      version: 1,
      definition: bundled.definition,
    });
  });

  it('says 404 with the reason for an unknown survey', async () => {
    const res = await app.request('/api/officer/surveys/no-such-survey/definition', { headers: viewer });
    expect(res.status).toBe(404);
    expect(((await res.json()) as Refusal).error).toBe("There is no survey called 'no-such-survey'.");
  });
});

describe('POST /surveys/check', () => {
  it('summarises a questionnaire without metadata: pages, questions, what is reported, breakdowns, warnings; stores nothing', async () => {
    const before = { surveys: await surveyCount(), audit: await auditCount() };
    const res = await postJson(app, '/api/officer/surveys/check', { definition: PARK, slug: 'park-safety', audience: 'resident' }, admin);
    expect(res.status).toBe(200);
    const c = (await res.json()) as Check;
    expect(c).toMatchObject({
      slug: 'park-safety',
      title: 'Park safety check (made up, test)',
      pages: 2,
      questions: 6,
      metadata: 'none',
      outcome: 'create',
      version: 1,
    });
    expect(c.reported).toEqual([
      { name: 'feel_safe', title: 'How safe do you feel in the park after dark?' },
      { name: 'worries', title: 'What worries you in the park?' },
      { name: 'visits', title: 'How often do you visit?' },
      { name: 'age', title: 'Your age' },
      { name: 'dog', title: 'Do you walk a dog there?' },
    ]);
    // A yes/no question is reported and breaks results down; only free text is left out, without a warning.
    expect(c.breakdowns.map((b) => b.name)).toEqual(['feel_safe', 'visits', 'dog']);
    expect(c.notReported.map((q) => q.name)).toEqual(['ideas']);
    expect(c.warnings.join('\n')).toMatch(/No question metadata/);
    expect(c.warnings.join('\n')).not.toMatch(/Not in the results report/);
    expect(await surveyCount()).toBe(before.surveys);
    expect(await auditCount()).toBe(before.audit);
  });

  it('uses metadata that fits: no missing-metadata warning, regrouped breakdowns would be listed', async () => {
    const res = await postJson(app, '/api/officer/surveys/check', { definition: PARK, slug: 'park-safety', audience: 'resident', metadata: PARK_META }, admin);
    expect(res.status).toBe(200);
    const c = (await res.json()) as Check;
    expect(c.metadata).toBe('uploaded');
    expect(c.warnings.join('\n')).not.toMatch(/No question metadata/);
    expect(c.warnings.join('\n')).toMatch(/perception vs reality will not be available/);
  });

  it('works without a slug (no outcome) and warns about properties SurveyJS does not know', async () => {
    const typo = clone(PARK) as { pages: { elements: Record<string, unknown>[] }[] };
    typo.pages[1].elements[0].isRequred = true;
    const res = await postJson(app, '/api/officer/surveys/check', { definition: typo }, admin);
    expect(res.status).toBe(200);
    const c = (await res.json()) as Check;
    expect(c.outcome).toBeNull();
    expect(c.warnings).toContain("'age': SurveyJS does not know the property 'isRequred' and will ignore it (a typo?).");
  });

  it('refuses a questionnaire the server cannot take answers for, with the reason (422)', async () => {
    const unnamed = clone(PARK) as { pages: { elements: Record<string, unknown>[] }[] };
    delete unnamed.pages[0].elements[1].name;
    const cases: [unknown, RegExp][] = [
      ['not a questionnaire', /must be a JSON object in SurveyJS format/],
      [{ title: 'Empty' }, /has no "pages" or "elements"/],
      [unnamed, /element 2 of page 'park' \(type checkbox\) has no name/],
      [{ pages: [{ elements: [{ type: 'matrix', name: 'm' }] }] }, /type 'matrix', which the server cannot validate/],
      [{ pages: [{ elements: [{ type: 'radiogroup', name: 'q' }] }] }, /Question 'q' has no answer options/],
    ];
    for (const [definition, reason] of cases) {
      const res = await postJson(app, '/api/officer/surveys/check', { definition }, admin);
      expect(res.status, JSON.stringify(definition)).toBe(422);
      expect(((await res.json()) as Refusal).error).toMatch(reason);
    }
  });

  it('refuses metadata that does not fit, listing each problem (422)', async () => {
    const meta = clone(PARK_META);
    meta.questions[0].scale = 'agree';
    meta.questions = meta.questions.filter((q) => q.name !== 'dog');
    const res = await postJson(app, '/api/officer/surveys/check', { definition: PARK, slug: 'park-safety', metadata: meta }, admin);
    expect(res.status).toBe(422);
    const r = (await res.json()) as Refusal;
    expect(r.problems).toEqual([
      "Metadata for 'feel_safe' uses scale 'agree', which the metadata does not define.",
      "Question 'dog' has no metadata (every analysable question needs a construct id).",
    ]);
    expect(r.error).toMatch(/^The question metadata does not fit the questionnaire: Metadata for 'feel_safe'/);

    const other = await postJson(app, '/api/officer/surveys/check', { definition: PARK, slug: 'lake-safety', metadata: PARK_META }, admin);
    expect(other.status).toBe(422);
    expect(((await other.json()) as Refusal).problems).toEqual(["The metadata is for the survey 'park-safety', not 'lake-safety'."]);
  });

  it('answers a malformed request with 400 and what to send', async () => {
    const cases: [unknown, RegExp][] = [
      [{ slug: 'park-safety' }, /no "definition"/],
      [{ definition: PARK, audience: 'everyone' }, /"audience" must be one of resident, youth, other/],
      [{ definition: PARK, metadata: 'x' }, /"metadata" must be a JSON object/],
      [{ definition: PARK, extra: 1 }, /Unexpected field\(s\) "extra"/],
    ];
    for (const [body, reason] of cases) {
      const res = await postJson(app, '/api/officer/surveys/check', body, admin);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Refusal).error).toMatch(reason);
    }
    const notJson = await postJson(app, '/api/officer/surveys/check', '{"definition": ', admin);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as Refusal).error).toBe('The request body is not valid JSON. Nothing was stored.');
  });
});

describe('POST /surveys', () => {
  it('refuses bad input with the reason and stores nothing', async () => {
    const before = { surveys: await surveyCount(), audit: await auditCount() };
    const cases: [unknown, number, RegExp][] = [
      [{ audience: 'resident', definition: PARK }, 400, /"slug" must be the survey's short name/],
      [{ slug: 'park-safety', definition: PARK }, 400, /"audience" must be one of/],
      [{ slug: 'Park Safety!', audience: 'resident', definition: PARK }, 422, /not a usable survey name/],
      [{ slug: 'park-safety', audience: 'resident', definition: { pages: [{ elements: [{ type: 'text' }] }] } }, 422, /has no name/],
      [
        { slug: 'park-safety', audience: 'youth', definition: PARK, metadata: PARK_META },
        422,
        /The metadata says the audience is resident, but youth was chosen/,
      ],
    ];
    for (const [body, status, reason] of cases) {
      const res = await postJson(app, '/api/officer/surveys', body, admin);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await res.json()) as Refusal).error).toMatch(reason);
    }
    expect(await surveyCount()).toBe(before.surveys);
    expect(await auditCount()).toBe(before.audit);
    expect(await surveyRow('park-safety')).toBeUndefined();
  });

  it('adds a questionnaire without metadata (201, version 1), audited', async () => {
    const res = await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK }, admin);
    expect(res.status).toBe(201);
    const r = (await res.json()) as Upload;
    expect(r.outcome).toBe('created');
    expect(r.survey).toEqual({ slug: 'park-safety', title: 'Park safety check (made up, test)', audience: 'resident', version: 1 });
    expect(r.message).toMatch(/Added 'Park safety check \(made up, test\)' as park-safety \(version 1\)/);
    const row = (await surveyRow('park-safety'))!;
    expect(row).toMatchObject({ version: 1, audience: 'resident', metadata: null, definition: PARK });
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'survey.created',
      email: expect.stringMatching(/^admin/),
      details: { survey: 'park-safety', version: 1, metadata: 'none', questions: 6 },
    });
  });

  it('says "unchanged" for the same file again: no new version, no audit entry', async () => {
    const audits = await auditCount();
    for (let i = 0; i < 2; i++) {
      const res = await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK }, admin);
      expect(res.status).toBe(200);
      const r = (await res.json()) as Upload;
      expect(r.outcome).toBe('unchanged');
      expect(r.survey.version).toBe(1);
      expect(r.message).toMatch(/unchanged.*Nothing was stored/);
    }
    const check = (await (
      await postJson(app, '/api/officer/surveys/check', { slug: 'park-safety', audience: 'resident', definition: PARK }, admin)
    ).json()) as Check;
    expect(check).toMatchObject({ outcome: 'unchanged', version: 1 });
    expect((await surveyRow('park-safety'))!.version).toBe(1);
    expect(await auditCount()).toBe(audits);
  });

  it('lists the new survey for officers with its version, no metadata and no waves', async () => {
    const res = await app.request('/api/officer/surveys', { headers: viewer });
    const list = (await res.json()) as { slug: string; version: number; hasMetadata: boolean; waves: unknown[]; questions: { name: string }[] }[];
    const park = list.find((s) => s.slug === 'park-safety')!;
    expect(park).toMatchObject({ version: 1, hasMetadata: false, waves: [] });
    expect(park.questions.map((q) => q.name)).toEqual(['feel_safe', 'worries', 'visits', 'age', 'dog']);
    expect(list.find((s) => s.slug === 'resident-safety')).toMatchObject({ version: 1, hasMetadata: true });
  });
});

describe('waves', () => {
  it('creates a wave with dates (201), audited; the dates are stored as the start of each day', async () => {
    const res = await postJson(app, '/api/officer/surveys/park-safety/waves', { name: '2026', opens: '2020-01-01', closes: '2099-12-31' }, admin);
    expect(res.status).toBe(201);
    const body = (await res.json()) as { wave: unknown; message: string };
    expect(body.wave).toEqual({ name: '2026', status: 'draft', opens: '2020-01-01', closes: '2099-12-31' });
    expect(await waveRows('park-safety')).toEqual([
      { name: '2026', status: 'draft', opensAt: '2020-01-01T00:00:00.000Z', closesAt: '2099-12-31T00:00:00.000Z' },
    ]);
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'wave.created',
      details: { survey: 'park-safety', wave: '2026', opens: '2020-01-01', closes: '2099-12-31' },
    });
  });

  it('refuses a second wave of the same name (409), bad dates and closes before opens (422), storing nothing', async () => {
    const before = { waves: await waveRows('park-safety'), audit: await auditCount() };
    const cases: [unknown, number, RegExp][] = [
      [{ name: '2026' }, 409, /already has a wave called '2026'/],
      [{ name: '2027', opens: '2027-03-01', closes: '2027-01-31' }, 422, /The closing date \(2027-01-31\) must be after the opening date \(2027-03-01\)/],
      [{ name: '2027', opens: '2027-02-30' }, 422, /Opening date '2027-02-30' is not a date: use YYYY-MM-DD/],
      [{ name: '2027', closes: '31/01/2027' }, 422, /Closing date '31\/01\/2027' is not a date/],
      [{ name: '2027/spring' }, 422, /not a usable wave name/],
      [{ name: '' }, 400, /"name" must be the wave's name/],
      [{ name: '2027', opens: 20270101 }, 400, /"opens" must be a date as YYYY-MM-DD/],
    ];
    for (const [body, status, reason] of cases) {
      const res = await postJson(app, '/api/officer/surveys/park-safety/waves', body, admin);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(((await res.json()) as Refusal).error).toMatch(reason);
    }
    const unknown = await postJson(app, '/api/officer/surveys/no-such-survey/waves', { name: '2027' }, admin);
    expect(unknown.status).toBe(404);
    expect(await waveRows('park-safety')).toEqual(before.waves);
    expect(await auditCount()).toBe(before.audit);
  });

  it('opens a wave (200), says nothing else was open, and is safe to repeat', async () => {
    const res = await send('PATCH', '/api/officer/surveys/park-safety/waves/2026', { status: 'open' }, admin);
    expect(res.status).toBe(200);
    const r = (await res.json()) as {
      wave: { status: string };
      closedWave: string | null;
      changes: Record<string, unknown>;
      message: string;
      notTakingAnswers: string | null;
    };
    expect(r).toMatchObject({
      wave: { name: '2026', status: 'open', opens: '2020-01-01', closes: '2099-12-31' },
      closedWave: null,
      notTakingAnswers: null,
      changes: { status: { from: 'draft', to: 'open' } },
    });
    expect(r.message).toBe('Wave 2026 of park-safety is now open.');
    const audits = await auditCount();
    const again = (await (await send('PATCH', '/api/officer/surveys/park-safety/waves/2026', { status: 'open' }, admin)).json()) as typeof r;
    expect(again).toMatchObject({ closedWave: null, changes: {} });
    expect(again.message).toMatch(/nothing changed/);
    expect(await auditCount()).toBe(audits);
    // The respondent API now serves it.
    const pub = await app.request('/api/surveys/park-safety');
    expect(pub.status).toBe(200);
    expect(((await pub.json()) as { wave: { name: string } }).wave.name).toBe('2026');
  });

  it('opening a wave closes the other open wave of the survey, and the answer names it', async () => {
    await postJson(app, '/api/officer/surveys/resident-safety/waves', { name: '2026' }, admin);
    const res = await send('PATCH', '/api/officer/surveys/resident-safety/waves/2026', { status: 'open' }, admin);
    expect(res.status).toBe(200);
    const r = (await res.json()) as { closedWave: string | null; message: string };
    expect(r.closedWave).toBe('2025');
    expect(r.message).toBe('Wave 2026 of resident-safety is now open. Wave 2025 was closed, as only one wave of a survey takes answers at a time.');
    expect((await waveRows('resident-safety')).map((w) => [w.name, w.status])).toEqual([
      ['2025', 'closed'],
      ['2026', 'open'],
    ]);
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'wave.updated',
      details: { survey: 'resident-safety', wave: '2026', closedWave: '2025', changes: { status: { from: 'draft', to: 'open' } } },
    });
  });

  it('sets and clears dates, checking them against the date it keeps; says when an open wave is not taking answers', async () => {
    const path = '/api/officer/surveys/resident-safety/waves/2026';
    const set = (await (await send('PATCH', path, { opens: '2098-01-01', closes: '2098-03-31' }, admin)).json()) as {
      wave: unknown;
      notTakingAnswers: string;
      message: string;
    };
    expect(set.wave).toEqual({ name: '2026', status: 'open', opens: '2098-01-01', closes: '2098-03-31' });
    expect(set.notTakingAnswers).toBe('The 2026 survey opens on 2098-01-01.');
    expect(set.message).toBe(
      'Wave 2026 of resident-safety opens on 2098-01-01 and closes on 2098-03-31. It is open but not taking answers now: The 2026 survey opens on 2098-01-01.',
    );
    const list = (await (await app.request('/api/officer/surveys', { headers: viewer })).json()) as {
      slug: string;
      waves: { name: string; opensAt: string | null; notTakingAnswers: string | null }[];
    }[];
    expect(list.find((s) => s.slug === 'resident-safety')!.waves.find((w) => w.name === '2026')).toMatchObject({
      opensAt: '2098-01-01T00:00:00.000Z',
      notTakingAnswers: 'The 2026 survey opens on 2098-01-01.',
    });

    // A closing date before the opening date it keeps is refused, and nothing changes.
    const bad = await send('PATCH', path, { closes: '2097-12-31' }, admin);
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Refusal).error).toBe('The closing date (2097-12-31) must be after the opening date (2098-01-01).');
    expect((await waveRows('resident-safety')).find((w) => w.name === '2026')).toMatchObject({
      opensAt: '2098-01-01T00:00:00.000Z',
      closesAt: '2098-03-31T00:00:00.000Z',
    });

    const cleared = (await (await send('PATCH', path, { opens: null, closes: null }, admin)).json()) as {
      wave: unknown;
      notTakingAnswers: string | null;
      message: string;
    };
    expect(cleared.wave).toEqual({ name: '2026', status: 'open', opens: null, closes: null });
    expect(cleared.notTakingAnswers).toBeNull();
    expect(cleared.message).toBe('Wave 2026 of resident-safety no longer has an opening date and no longer has a closing date.');
    expect((await recentAudit(store, 1))[0]).toMatchObject({
      action: 'wave.updated',
      details: { changes: { opens: { from: '2098-01-01', to: null }, closes: { from: '2098-03-31', to: null } } },
    });
  });

  it('answers malformed changes with 400 and an unknown wave with 404', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /Nothing to change/],
      [{ status: 'paused' }, /"status" must be "open" or "closed"/],
      [{ closes: 5 }, /"closes" must be a date as YYYY-MM-DD/],
      [{ name: 'x' }, /Unexpected field\(s\) "name"/],
    ];
    for (const [body, reason] of cases) {
      const res = await send('PATCH', '/api/officer/surveys/resident-safety/waves/2026', body, admin);
      expect(res.status).toBe(400);
      expect(((await res.json()) as Refusal).error).toMatch(reason);
    }
    const unknown = await send('PATCH', '/api/officer/surveys/resident-safety/waves/1999', { status: 'open' }, admin);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Refusal).error).toBe("Survey 'resident-safety' has no wave called '1999'.");
  });

  it('closes a wave: the respondent page stops taking answers', async () => {
    const res = await send('PATCH', '/api/officer/surveys/resident-safety/waves/2026', { status: 'closed' }, admin);
    expect(((await res.json()) as { message: string }).message).toBe('Wave 2026 of resident-safety is now closed.');
    expect((await app.request('/api/surveys/resident-safety')).status).toBe(410);
  });
});

/** 80 made-up returns: feel_safe 48 safe / 24 unsafe / 8 don't know; visits weekly for the first 40. */
function parkAnswers(i: number) {
  const feel = i < 48 ? 'safe' : i < 72 ? 'unsafe' : 'dont_know';
  return {
    feel_safe: feel,
    worries: i % 2 === 0 ? ['lighting'] : i % 5 === 1 ? ['none'] : ['lighting', 'groups'],
    visits: i < 40 ? 'weekly' : 'rarely',
    age: 20 + i,
    dog: i % 3 === 0,
  };
}

type Report = {
  n: number;
  estimates: {
    question: string;
    category: string;
    label: string;
    net: boolean;
    group: { value: string } | null;
    n: number;
    estimate: number | null;
    ci: [number, number] | null;
    suppressed: boolean;
  }[];
  bases: { question: string; excluded: string[] }[];
};

describe('a questionnaire added without metadata gives a usable results report', () => {
  it('stores 80 returns through the respondent API', async () => {
    for (let i = 0; i < 80; i++) {
      const res = await postJson(app, '/api/surveys/park-safety/responses', { answers: parkAnswers(i) });
      expect(res.status, await res.clone().text()).toBe(201);
    }
  });

  it('reports every choice and number question, worded as in the questionnaire, with a breakdown', async () => {
    const res = await app.request('/api/officer/surveys/park-safety/waves/2026/report?by=visits&detail=full', { headers: viewer });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Report;
    expect(r.n).toBe(80);
    const overall = (q: string) => r.estimates.filter((e) => e.question === q && e.group === null);
    // Unweighted (design weights of 1): plain proportions of the 80 returns, all answers in the base.
    expect(overall('feel_safe').map((e) => [e.category, e.label, e.n, e.estimate])).toEqual([
      ['safe', 'Safe', 80, 0.6],
      ['unsafe', 'Unsafe', 80, 0.3],
      ['dont_know', "Don't know", 80, 0.1],
    ]);
    for (const e of overall('feel_safe')) {
      expect(e.suppressed).toBe(false);
      expect(e.ci![0]).toBeLessThan(e.estimate!);
      expect(e.ci![1]).toBeGreaterThan(e.estimate!);
    }
    const lighting = overall('worries').find((e) => e.category === 'lighting')!;
    const chose = Array.from({ length: 80 }, (_, i) => parkAnswers(i).worries);
    expect(lighting.label).toBe('Poor lighting');
    expect(lighting.estimate).toBeCloseTo(chose.filter((w) => w.includes('lighting')).length / 80, 12);
    expect(overall('worries').map((e) => e.label)).toEqual(['Poor lighting', 'Groups of people', 'None of these']);
    expect(overall('age')[0].estimate).toBeCloseTo(20 + 79 / 2, 12);
    // Broken down by how often they visit: the 40 weekly visitors all said "safe", 8 of the 40 others did.
    const safeBy = (group: string) => r.estimates.find((e) => e.question === 'feel_safe' && e.category === 'safe' && e.group?.value === group)!;
    expect([safeBy('weekly').n, safeBy('weekly').estimate]).toEqual([40, 1]);
    expect([safeBy('rarely').n, safeBy('rarely').estimate]).toEqual([40, 0.2]);
    expect(r.estimates.some((e) => e.net)).toBe(false);
  });

  it('with metadata added later (a new version), the same answers get the net and "Don\'t know" leaves the base', async () => {
    const res = await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK, metadata: PARK_META }, admin);
    expect(res.status).toBe(200);
    const up = (await res.json()) as Upload;
    expect(up).toMatchObject({ outcome: 'updated', survey: { version: 2 } });
    expect(up.message).toBe('Replaced park-safety version 1 with version 2.');
    expect(up.check.warnings.join('\n')).toMatch(/Wave 2026 is open: respondents get version 2/);
    expect((await recentAudit(store, 1))[0]).toMatchObject({ action: 'survey.updated', details: { survey: 'park-safety', version: 2, metadata: 'uploaded' } });
    const report = (await (await app.request('/api/officer/surveys/park-safety/waves/2026/report?detail=full', { headers: viewer })).json()) as Report;
    const safe = report.estimates.filter((e) => e.question === 'feel_safe' && e.group === null);
    expect(safe.map((e) => [e.category, e.net, e.n, e.estimate])).toEqual([
      ['safe', false, 72, 48 / 72],
      ['unsafe', false, 72, 24 / 72],
      ['feel_safe', true, 72, 48 / 72],
    ]);
  });

  it('keeps the stored metadata when the same file comes without it, and refuses a change it no longer fits', async () => {
    const same = (await (await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: PARK }, admin)).json()) as Upload;
    expect(same).toMatchObject({ outcome: 'unchanged', survey: { version: 2 }, check: { metadata: 'stored' } });

    const noDog = clone(PARK);
    noDog.pages[1].elements = noDog.pages[1].elements.filter((e) => e.name !== 'dog');
    const refused = await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: noDog }, admin);
    expect(refused.status).toBe(422);
    const r = (await refused.json()) as Refusal;
    expect(r.error).toMatch(/The question metadata stored with version 2 of 'park-safety' does not fit this questionnaire/);
    expect(r.problems).toEqual(["Metadata for 'dog': the questionnaire has no question called 'dog'."]);
    expect((await surveyRow('park-safety'))!.version).toBe(2);

    const dropped = (await (
      await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: noDog, removeMetadata: true }, admin)
    ).json()) as Upload;
    expect(dropped).toMatchObject({ outcome: 'updated', survey: { version: 3 }, check: { metadata: 'none' } });
    expect(dropped.check.warnings.join('\n')).toMatch(/Version 3 no longer asks 'dog': the 80 responses already stored keep those answers/);
    expect(await surveyRow('park-safety')).toMatchObject({ version: 3, metadata: null });
  });

  it('a title change alone is a new version too', async () => {
    const def = clone(PARK);
    def.pages[1].elements = def.pages[1].elements.filter((e) => e.name !== 'dog');
    const r = (await (
      await postJson(app, '/api/officer/surveys', { slug: 'park-safety', audience: 'resident', definition: def, title: 'Park safety (renamed, test)' }, admin)
    ).json()) as Upload;
    expect(r).toMatchObject({ outcome: 'updated', survey: { version: 4, title: 'Park safety (renamed, test)' } });
  });
});

describe('OpenAPI document', () => {
  it('lists the five routes with their summaries and request bodies', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>;
    };
    const op = (path: string, method: string) => doc.paths[path]?.[method];
    expect(op('/api/officer/surveys/{slug}/definition', 'get')?.summary).toMatch(/^A questionnaire \(SurveyJS JSON\)/);
    expect(op('/api/officer/surveys/check', 'post')?.requestBody?.content['application/json'].schema.required).toEqual(['definition']);
    expect(op('/api/officer/surveys', 'post')?.requestBody?.content['application/json'].schema.required).toEqual(['slug', 'audience', 'definition']);
    expect(op('/api/officer/surveys/{slug}/waves', 'post')?.summary).toMatch(/^Create a wave/);
    expect(op('/api/officer/surveys/{slug}/waves/{wave}', 'patch')?.summary).toMatch(/^Open or close a wave/);
  });

  it('documents a response schema for every status each operation can give', async () => {
    type Op = { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const statuses = (path: string, method: string) => {
      const responses = doc.paths[path][method].responses;
      for (const [status, r] of Object.entries(responses)) expect(r.content?.['application/json']?.schema, `${method} ${path} ${status}`).toBeDefined();
      return Object.keys(responses).sort();
    };
    expect(statuses('/api/officer/surveys', 'get')).toEqual(['200', '401', '403']);
    expect(statuses('/api/officer/surveys/{slug}/definition', 'get')).toEqual(['200', '400', '401', '403', '404']);
    expect(statuses('/api/officer/surveys/check', 'post')).toEqual(['200', '400', '401', '403', '413', '422']);
    expect(statuses('/api/officer/surveys', 'post')).toEqual(['200', '201', '400', '401', '403', '413', '422']);
    expect(statuses('/api/officer/surveys/{slug}/waves', 'post')).toEqual(['201', '400', '401', '403', '404', '409', '413', '422']);
    expect(statuses('/api/officer/surveys/{slug}/waves/{wave}', 'patch')).toEqual(['200', '400', '401', '403', '404', '413', '422']);
  });
});

describe('request checks (zod schemas)', () => {
  it('refuses a survey name in the address that is too long with 400 and a readable message, storing nothing', async () => {
    const before = { audit: await auditCount(), waves: await waveRows('resident-safety') };
    const res = await postJson(app, `/api/officer/surveys/${'a'.repeat(101)}/waves`, { name: '2099' }, admin);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field?: string };
    expect(body.field).toBe('slug');
    expect(body.error).toMatch(/^slug: .+\.$/);
    expect(await auditCount()).toBe(before.audit);
    expect(await waveRows('resident-safety')).toEqual(before.waves);
  });

  it('refuses a wave body over 4 KB with 413 before reading it, storing nothing', async () => {
    const before = { audit: await auditCount(), waves: await waveRows('resident-safety') };
    const res = await postJson(app, '/api/officer/surveys/resident-safety/waves', { name: '2099', note: 'x'.repeat(5000) }, admin);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Refusal).error).toBe('The request body is larger than 4 KB. Nothing was stored.');
    expect(await auditCount()).toBe(before.audit);
    expect(await waveRows('resident-safety')).toEqual(before.waves);
  });

  it('refuses a body that is not an object with 400 and what to send', async () => {
    const res = await send('PATCH', '/api/officer/surveys/resident-safety/waves/2026', ['open'], admin);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Refusal).error).toMatch(/^Send JSON with any of "status"/);
    const check = await postJson(app, '/api/officer/surveys/check', [PARK], admin);
    expect(check.status).toBe(400);
    expect(((await check.json()) as Refusal).error).toMatch(/^Send JSON \{"slug": "park-safety"/);
  });
});
