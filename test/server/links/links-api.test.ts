/**
 * Distribution links for admins, through the whole app (createApp on a temporary store with
 * the bundled youth questionnaire): list, create, change expiry/cap, QR code, A4 poster; roles,
 * refusals that store nothing, the respondent API refusing full or expired links, the audit log.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { setWaveStatus } from '../../../server/surveys/manage.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';

const PUBLIC = 'https://surveys.example.invalid';
const previousPublicUrl = process.env.PUBLIC_URL;
process.env.PUBLIC_URL = PUBLIC;

const t = await testStore();
await withOpenWave(t.store, 'youth-safety');
await withOpenWave(t.store, 'resident-safety');
const { store, sql } = t;
const { links, responses } = tablesOf(store.db);
const app = testApp(store);
const admin = await signIn(app, store, 'admin');
const analyst = await signIn(app, store, 'analyst');
const viewer = await signIn(app, store, 'viewer');

afterAll(async () => {
  await t.cleanup();
  if (previousPublicUrl === undefined) delete process.env.PUBLIC_URL;
  else process.env.PUBLIC_URL = previousPublicUrl;
});

const WAVE_PATH = '/api/officer/surveys/youth-safety/waves/2026/links';
const SCHOOL = 'Example Valley School (fictional, test)';
const youthFile = JSON.parse(readFileSync(join(import.meta.dirname, '../../../surveys/youth-safety.survey.json'), 'utf8'));

type Link = {
  token: string;
  url: string;
  label: string;
  kind: string;
  expiresAt: string | null;
  maxResponses: number | null;
  responses: number;
  state: string;
  stateReason: string;
};
type Listing = { survey: { slug: string; title: string }; wave: { name: string; takingAnswers: boolean; closedReason: string | null }; links: Link[] };

const linkCount = async () => (await first(store.db.select({ n: count() }).from(links)))!.n;
const auditOf = async (action: string) => (await recentAudit(store, 1000)).filter((a) => a.action === action);
const rowOf = (token: string) => first(store.db.select().from(links).where(eq(links.token, token)));

const create = (body: unknown, headers: Record<string, string> = admin, path = WAVE_PATH) => postJson(app, path, body, headers);
const patch = (token: string, body: unknown, headers: Record<string, string> = admin) =>
  app.request(`/api/officer/links/${token}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const list = async (path = WAVE_PATH) => {
  const res = await app.request(path, { headers: admin });
  expect(res.status).toBe(200);
  return (await res.json()) as Listing;
};
const listed = async (token: string) => (await list()).links.find((l) => l.token === token)!;

/** A pupil's minimal complete answer through the respondent API. */
const answer = (token: string) => postJson(app, `/api/links/${token}/responses`, { answers: { safe_school: 'very_safe', school_year: 'year_7' } });

/** A future day as YYYY-MM-DD, `days` from now (UTC). */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let school: Link;

beforeAll(async () => {
  const res = await create({ label: SCHOOL, kind: 'school' });
  expect(res.status).toBe(201);
  school = await res.json();
});

describe('who may manage links', () => {
  const routes = (token: string): [string, string, unknown?][] => [
    ['GET', WAVE_PATH],
    ['POST', WAVE_PATH, { label: 'Refused School (fictional, test)' }],
    ['PATCH', `/api/officer/links/${token}`, { max: 5 }],
    ['POST', `/api/officer/links/${token}/end`],
    ['DELETE', `/api/officer/links/${token}`],
    ['GET', `/api/officer/links/${token}/qr.svg`],
    ['GET', `/api/officer/links/${token}/poster.html`],
  ];
  const send = (method: string, path: string, body: unknown, headers: Record<string, string>) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('refuses anonymous callers with 401 on every route', async () => {
    for (const [method, path, body] of routes(school.token)) {
      const res = await send(method, path, body, {});
      expect(res.status, `${method} ${path}`).toBe(401);
      expect((await res.json()).error).toMatch(/Sign in/);
    }
  });

  it('refuses analysts and viewers with 403 on every route, and stores nothing', async () => {
    const before = { links: await linkCount(), row: await rowOf(school.token), posters: (await auditOf('link.poster')).length };
    for (const who of [analyst, viewer]) {
      for (const [method, path, body] of routes(school.token)) {
        const res = await send(method, path, body, who);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect((await res.json()).error).toMatch(/needs the admin role/);
      }
    }
    expect(await linkCount()).toBe(before.links);
    expect(await rowOf(school.token)).toEqual(before.row);
    expect((await auditOf('link.poster')).length).toBe(before.posters);
  });

  it('refuses a change without the CSRF token (403), storing nothing', async () => {
    const before = await linkCount();
    const res = await postJson(app, WAVE_PATH, { label: 'No Token School (fictional, test)' }, { cookie: admin.cookie });
    expect(res.status).toBe(403);
    expect(await linkCount()).toBe(before);
  });
});

describe('creating a link', () => {
  it('stores a school link and answers 201 with its absolute address, state and audit entry', async () => {
    const expires = dayFromNow(30);
    const res = await create({ label: '  Hilltop Academy   (fictional, test) ', kind: 'school', expires, max: 250 });
    expect(res.status).toBe(201);
    const link = (await res.json()) as Link;
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(link.url).toBe(`${PUBLIC}/y/${link.token}`);
    expect(link).toMatchObject({ label: 'Hilltop Academy (fictional, test)', kind: 'school', maxResponses: 250, responses: 0, state: 'active' });
    expect(link.expiresAt).toBe(`${expires}T00:00:00.000Z`);
    expect(link.stateReason).toMatch(/^Takes answers now until the end of \d{1,2} \w+ \d{4}, 250 more answers before it is full\.$/);
    const row = (await rowOf(link.token))!;
    expect(row).toMatchObject({ label: 'Hilltop Academy (fictional, test)', kind: 'school', maxResponses: 250, expiresAt: `${expires}T00:00:00.000Z` });
    const entry = (await auditOf('link.create')).find((a) => (a.details as { token: string }).token === link.token)!;
    expect(entry.email).toMatch(/^admin\d+@test\.invalid$/);
    expect(entry.details).toEqual({
      survey: 'youth-safety',
      wave: '2026',
      token: link.token,
      label: link.label,
      kind: 'school',
      expiresAt: link.expiresAt,
      maxResponses: 250,
    });
    // The pupil's side: the respondent API serves the questionnaire through it.
    const pub = await app.request(`/api/links/${link.token}`);
    expect(pub.status).toBe(200);
    expect((await pub.json()).label).toBe('Hilltop Academy (fictional, test)');
  });

  it('makes a single-use link take one answer, and a channel link without cap or expiry', async () => {
    const single = (await (await create({ label: 'Single use (fictional, test)', kind: 'single' })).json()) as Link;
    expect(single).toMatchObject({ kind: 'single', maxResponses: 1, expiresAt: null });
    const channel = (await (await create({ label: 'Council newsletter (fictional, test)', kind: 'channel' })).json()) as Link;
    expect(channel).toMatchObject({ kind: 'channel', maxResponses: null, expiresAt: null, state: 'active', stateReason: 'Takes answers now.' });
  });

  const bad: [string, unknown, number, RegExp, string?][] = [
    ['no label', { kind: 'school' }, 422, /Give the link a label/, 'label'],
    ['a blank label', { label: '   ' }, 422, /Give the link a label/, 'label'],
    ['a label of 121 characters', { label: 'x'.repeat(121) }, 422, /121 characters long; keep it to 120/, 'label'],
    ['a label that is not text', { label: 42 }, 422, /Give the link a label/, 'label'],
    ['a date that does not exist', { label: 'Bad Date School', expires: '2026-02-30' }, 422, /"2026-02-30" is not a date: use YYYY-MM-DD/, 'expires'],
    ['a date in words', { label: 'Bad Date School', expires: 'next Friday' }, 422, /is not a date/, 'expires'],
    ['a past date', { label: 'Past School', expires: '2020-01-01' }, 422, /2020-01-01 is not after today/, 'expires'],
    ["today's date", { label: 'Today School', expires: dayFromNow(0) }, 422, /is not after today/, 'expires'],
    ['a cap of 0', { label: 'Cap School', max: 0 }, 422, /whole number of answers from 1 to 1,000,000, not 0/, 'max'],
    ['a fractional cap', { label: 'Cap School', max: 2.5 }, 422, /not 2\.5/, 'max'],
    ['a cap in words', { label: 'Cap School', max: 'ten' }, 422, /not "ten"/, 'max'],
    ['an unknown kind', { label: 'Kind School', kind: 'poster' }, 422, /"school", "channel" or "single", not "poster"/, 'kind'],
    ['a single-use link with a cap of 5', { label: 'Single School', kind: 'single', max: 5 }, 422, /single-use link takes exactly one answer/, 'max'],
    ['an unknown field', { label: 'Extra School', colour: 'red' }, 400, /Unexpected field\(s\) "colour"/],
    ['a list instead of an object', [{ label: 'List School' }], 400, /Send a JSON object/],
    ['a label the wave already has (any case)', { label: SCHOOL.toUpperCase() }, 409, /already has a link called/],
  ];
  it.each(bad)('refuses %s with a reason, storing and auditing nothing', async (_what, body, status, message, field) => {
    const before = { links: await linkCount(), audit: (await auditOf('link.create')).length };
    const res = await create(body);
    expect(res.status).toBe(status);
    const json = await res.json();
    expect(json.error).toMatch(message);
    if (field) expect(json.field).toBe(field);
    expect(await linkCount()).toBe(before.links);
    expect((await auditOf('link.create')).length).toBe(before.audit);
  });

  it('refuses a body that is not JSON (400) and an unknown survey or wave (404)', async () => {
    const before = await linkCount();
    const notJson = await create('{label:');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatch(/not valid JSON/);
    const wave = await create({ label: 'Nowhere School' }, admin, '/api/officer/surveys/youth-safety/waves/1999/links');
    expect(wave.status).toBe(404);
    expect((await wave.json()).error).toMatch(/no wave called '1999'/);
    const survey = await create({ label: 'Nowhere School' }, admin, '/api/officer/surveys/no-such-survey/waves/2026/links');
    expect(survey.status).toBe(404);
    expect(await linkCount()).toBe(before);
  });

  it('is safe to send twice: the second is refused (409) and there is still one link with that label', async () => {
    const body = { label: 'Twice School (fictional, test)', kind: 'school' };
    expect((await create(body)).status).toBe(201);
    const again = await create(body);
    expect(again.status).toBe(409);
    expect((await again.json()).error).toBe(
      "The 2026 wave already has a link called 'Twice School (fictional, test)'. Change that link, or give this one another label.",
    );
    expect((await first(store.db.select({ n: count() }).from(links).where(eq(links.label, body.label))))!.n).toBe(1);
  });
});

describe('listing, caps and expiry', () => {
  it("lists the wave's links by label with answers counted from the database", async () => {
    expect((await answer(school.token)).status).toBe(201);
    const l = await list();
    expect(l.survey).toMatchObject({ slug: 'youth-safety', title: youthFile.title });
    expect(l.wave).toMatchObject({ name: '2026', takingAnswers: true, closedReason: null });
    const labels = l.links.map((x) => x.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' })));
    const row = (await rowOf(school.token))!;
    const stored = (await first(store.db.select({ n: count() }).from(responses).where(eq(responses.linkId, row.id))))!.n;
    expect(stored).toBe(1);
    expect(l.links.find((x) => x.token === school.token)).toMatchObject({
      label: SCHOOL,
      url: `${PUBLIC}/y/${school.token}`,
      responses: stored,
      state: 'active',
    });
    // Links of other surveys are not listed.
    const resident = await list('/api/officer/surveys/resident-safety/waves/2026/links');
    expect(resident.links).toEqual([]);
  });

  it('shows a link at its cap as full, the respondent API refuses it, and raising the cap reopens it', async () => {
    const capped = (await (await create({ label: 'Capped School (fictional, test)', max: 2 })).json()) as Link;
    expect((await answer(capped.token)).status).toBe(201);
    expect((await answer(capped.token)).status).toBe(201);
    const full = await listed(capped.token);
    expect(full).toMatchObject({ responses: 2, maxResponses: 2, state: 'full' });
    expect(full.stateReason).toBe('Has taken all 2 answers it was set up for: further answers are refused. Raise the cap to take more.');
    const cappedId = (await rowOf(capped.token))!.id;
    const stored = async () => (await first(store.db.select({ n: count() }).from(responses).where(eq(responses.linkId, cappedId))))!.n;
    const pubGet = await app.request(`/api/links/${capped.token}`);
    expect(pubGet.status).toBe(410);
    expect((await pubGet.json()).error).toMatch(/received all the answers/);
    expect((await answer(capped.token)).status).toBe(410);
    expect(await stored()).toBe(2);

    // A cap below the answers already taken is refused and changes nothing.
    const lower = await patch(capped.token, { max: 1 });
    expect(lower.status).toBe(422);
    expect(await lower.json()).toEqual({
      error: "'Capped School (fictional, test)' already has 2 answers: a cap must be at least that. To stop the link now, end it instead.",
      field: 'max',
    });
    expect((await rowOf(capped.token))!.maxResponses).toBe(2);

    const audits = (await auditOf('link.update')).length;
    const raised = await patch(capped.token, { max: 3 });
    expect(raised.status).toBe(200);
    expect(await raised.json()).toMatchObject({ maxResponses: 3, responses: 2, state: 'active' });
    expect((await rowOf(capped.token))!.maxResponses).toBe(3);
    expect((await app.request(`/api/links/${capped.token}`)).status).toBe(200);
    expect((await answer(capped.token)).status).toBe(201);
    expect(await stored()).toBe(3);
    const entry = (await auditOf('link.update'))[0];
    expect((await auditOf('link.update')).length).toBe(audits + 1);
    expect(entry.details).toEqual({
      survey: 'youth-safety',
      wave: '2026',
      token: capped.token,
      label: 'Capped School (fictional, test)',
      changes: { maxResponses: { from: 2, to: 3 } },
    });

    // Doing it twice changes nothing more and writes no second entry.
    const again = await patch(capped.token, { max: 3 });
    expect(again.status).toBe(200);
    expect((await auditOf('link.update')).length).toBe(audits + 1);
    // No cap at all.
    expect(await (await patch(capped.token, { max: null })).json()).toMatchObject({ maxResponses: null, state: 'active' });
    expect((await rowOf(capped.token))!.maxResponses).toBeNull();
  });

  it('ends a link now (expired, refused to pupils), then extends it to a later day', async () => {
    const link = (await (await create({ label: 'Ending School (fictional, test)', expires: dayFromNow(10) })).json()) as Link;
    const ended = await patch(link.token, { expires: 'now' });
    expect(ended.status).toBe(200);
    const body = (await ended.json()) as Link;
    expect(body.state).toBe('expired');
    expect(body.stateReason).toMatch(/^Stopped working on \d{1,2} \w+ \d{4}: anyone who opens it is told it has expired\./);
    expect(new Date((await rowOf(link.token))!.expiresAt!).getTime()).toBeLessThanOrEqual(Date.now());
    expect((await listed(link.token)).state).toBe('expired');
    const pub = await app.request(`/api/links/${link.token}`);
    expect(pub.status).toBe(410);
    expect((await pub.json()).error).toMatch(/^This survey link expired on \d{4}-\d{2}-\d{2}\.$/);
    const before = (await first(store.db.select({ n: count() }).from(responses)))!.n;
    expect((await answer(link.token)).status).toBe(410);
    expect((await first(store.db.select({ n: count() }).from(responses)))!.n).toBe(before);

    const later = dayFromNow(60);
    const extended = await patch(link.token, { expires: later });
    expect(extended.status).toBe(200);
    expect(await extended.json()).toMatchObject({ expiresAt: `${later}T00:00:00.000Z`, state: 'active' });
    expect((await app.request(`/api/links/${link.token}`)).status).toBe(200);
    expect((await patch(link.token, { expires: null })).status).toBe(200);
    expect((await rowOf(link.token))!.expiresAt).toBeNull();
  });

  it('shows an expiry that has passed (set in the database) as expired', async () => {
    const link = (await (await create({ label: 'Past Expiry School (fictional, test)' })).json()) as Link;
    await store.db.update(links).set({ expiresAt: '2020-07-01T00:00:00.000Z' }).where(eq(links.token, link.token));
    const l = await listed(link.token);
    expect(l.state).toBe('expired');
    expect(l.stateReason).toMatch(/^Stopped working on 1 July 2020/);
    expect((await app.request(`/api/links/${link.token}`)).status).toBe(410);
  });

  const badPatch: [string, unknown, number, RegExp][] = [
    ['a date that does not exist', { expires: '2026-13-01' }, 422, /is not a date/],
    ['a past date', { expires: '2020-01-01' }, 422, /2020-01-01 is already past/],
    ['a cap of -3', { max: -3 }, 422, /not -3/],
    ['an empty label', { label: '' }, 422, /Give the link a label/],
    ['the label of another link', { label: 'Hilltop Academy (fictional, test)' }, 422, /already has another link called/],
    ['nothing to change', {}, 422, /Nothing to change/],
    ['an unknown field', { kind: 'channel' }, 400, /Unexpected field\(s\) "kind"/],
  ];
  it.each(badPatch)('refuses a change with %s and leaves the link as it was', async (_what, body, status, message) => {
    const before = await rowOf(school.token);
    const audits = (await auditOf('link.update')).length;
    const res = await patch(school.token, body);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toMatch(message);
    expect(await rowOf(school.token)).toEqual(before);
    expect((await auditOf('link.update')).length).toBe(audits);
  });

  it('says a link is unknown (404) when the token matches none', async () => {
    for (const path of ['/api/officer/links/NoSuchToken1', '/api/officer/links/NoSuchToken1/qr.svg', '/api/officer/links/NoSuchToken1/poster.html']) {
      const res = path.endsWith('1') ? await patch('NoSuchToken1', { max: 4 }) : await app.request(path, { headers: admin });
      expect(res.status, path).toBe(404);
      expect((await res.json()).error).toMatch(/no link with this address/);
    }
  });

  it('renames a link, and says when the wave is closed (every link then refused)', async () => {
    const renamed = await patch(school.token, { label: `${SCHOOL} ` });
    expect(renamed.status).toBe(200);
    await setWaveStatus(store.db, 'youth-safety', '2026', 'closed');
    try {
      const l = await list();
      expect(l.wave).toMatchObject({ takingAnswers: false, closedReason: 'The 2026 survey is closed.' });
      expect(l.links.every((x) => x.state === 'wave closed' || x.state === 'expired')).toBe(true);
      const s = l.links.find((x) => x.token === school.token)!;
      expect(s).toMatchObject({ state: 'wave closed', stateReason: 'The 2026 survey is closed. The link takes no answers until the wave is open.' });
      expect((await app.request(`/api/links/${school.token}`)).status).toBe(410);
    } finally {
      await setWaveStatus(store.db, 'youth-safety', '2026', 'open');
    }
    expect((await listed(school.token)).state).toBe('active');
  });
});

/**
 * Draws the SVG that qrcode writes (one `M x y h n m dx dy h n …` path, strokes of width 1 along
 * module rows) into RGBA pixels, `scale` pixels a module, for jsQR to read.
 */
function rasterise(svg: string, scale = 6) {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)![1]);
  const d = /<path[^>]*stroke="#000000"[^>]*d="([^"]+)"/.exec(svg)![1];
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  let x = 0;
  let y = 0;
  for (const [, cmd, args] of d.matchAll(/([MmHh])([^MmHh]*)/g)) {
    const n = args
      .trim()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (cmd === 'M') [x, y] = n;
    else if (cmd === 'm') (x += n[0]), (y += n[1]);
    else {
      const to = cmd === 'h' ? x + n[0] : n[0];
      for (let i = Math.min(x, to); i < Math.max(x, to); i++) dark[Math.floor(y)][i] = true;
      x = to;
    }
  }
  const w = size * scale;
  const data = new Uint8ClampedArray(w * w * 4);
  for (let py = 0; py < w; py++)
    for (let px = 0; px < w; px++) {
      const v = dark[Math.floor(py / scale)][Math.floor(px / scale)] ? 0 : 255;
      data.set([v, v, v, 255], (py * w + px) * 4);
    }
  return { data, width: w, height: w, dark, size };
}

describe('QR code', () => {
  it("is an SVG of the link's absolute address, not cached, with a quiet zone of 4 modules", async () => {
    const res = await app.request(`/api/officer/links/${school.token}/qr.svg`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="qr-youth-safety-2026-Example_Valley_School_fictional_test.svg"');
    const svg = await res.text();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const image = rasterise(svg);
    const decoded = jsQR(image.data, image.width, image.height);
    expect(decoded?.data).toBe(`${PUBLIC}/y/${school.token}`);
    // Quiet zone: the outer 4 modules on every side are light.
    const edge = (i: number) => i < 4 || i >= image.size - 4;
    for (let r = 0; r < image.size; r++) for (let c = 0; c < image.size; c++) if (edge(r) || edge(c)) expect(image.dark[r][c]).toBe(false);
    // A version-3 (29 modules) or larger code plus 2 × 4 quiet modules.
    expect(image.size - 8).toBeGreaterThanOrEqual(25);
  });
});

describe('poster', () => {
  /** The contacts the questionnaire shows at its end, read from the file as a person would. */
  const completed: string = youthFile.completedHtml;
  const phoneNumbers = [...completed.matchAll(/\b\d{3,4}(?: \d{3,7})*\b/g)].map((m) => m[0]);
  const organisations = [...completed.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1]);
  const answerable = youthFile.pages.flatMap((p: { elements: { type: string }[] }) => p.elements).filter((e: { type: string }) => e.type !== 'html');

  async function poster(token: string) {
    const res = await app.request(`/api/officer/links/${token}/poster.html`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    return res.text();
  }

  it('is one A4 page for the school with the title, QR, address, closing day, anonymity, time and help', async () => {
    const expires = '2099-07-01';
    const link = (await (await create({ label: 'Poster Test School (fictional, test)', expires })).json()) as Link;
    const audits = (await auditOf('link.poster')).length;
    const html = await poster(link.token);
    expect(html).toMatch(/@page \{ size: A4; margin: 12mm; \}/);
    expect(html).toMatch(/@media print/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(`<h1>${youthFile.title}</h1>`);
    expect(html).toContain('for pupils of Poster Test School (fictional, test)');
    expect(html).toContain(`<p class="address">${PUBLIC}/y/${link.token}</p>`);
    expect(html).toMatch(/<svg role="img" aria-label="QR code for [^"]+" class="qr" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
    // The day before the expiry date is the last day it works.
    expect(html).toContain('Open until 30 June 2099.');
    expect(html).toMatch(/Anonymous:<\/strong> it does not ask for your name/);
    expect(answerable).toHaveLength(17);
    expect(html).toContain('It takes about 5 minutes</strong> (17 questions).');
    // Help: every organisation and number the questionnaire itself gives, and no other number.
    expect(organisations.length).toBeGreaterThanOrEqual(5);
    for (const o of organisations) expect(html).toContain(`<strong>${o}</strong>`);
    expect(phoneNumbers).toEqual(expect.arrayContaining(['0800 1111', '999', '101']));
    const help = /<section class="help"[\s\S]*?<\/section>/.exec(html)![0];
    for (const n of phoneNumbers) expect(help).toContain(n);
    const shown = [...help.replace(/<[^>]+>/g, ' ').matchAll(/\b\d{3,4}(?: \d{3,7})*\b/g)].map((m) => m[0]);
    expect(new Set(shown)).toEqual(new Set(phoneNumbers));
    expect(help).toContain('You can also talk to a teacher or another adult you trust.');
    // No external requests: no scripts, no links to load, no remote URLs other than the address itself and the SVG namespace.
    expect(html).not.toMatch(/<script|<link|<img|@import|url\(/i);
    const urls = [...html.matchAll(/https?:\/\/[^\s"'<)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set([`${PUBLIC}/y/${link.token}`, 'http://www.w3.org/2000/svg']));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    // Audited.
    expect((await auditOf('link.poster')).length).toBe(audits + 1);
    expect((await auditOf('link.poster'))[0].details).toEqual({
      survey: 'youth-safety',
      wave: '2026',
      token: link.token,
      label: 'Poster Test School (fictional, test)',
    });
  });

  it('escapes a label holding markup, in the title, heading and QR name', async () => {
    const label = `<script>alert("x")</script> & O'Brien's School (fictional, test)`;
    const res = await create({ label });
    expect(res.status).toBe(201);
    const link = (await res.json()) as Link;
    expect(link.label).toBe(label);
    const html = await poster(link.token);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('alert("x")');
    expect(html).toContain('for pupils of &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien&#39;s School (fictional, test)');
    expect(html).toContain(
      '<title>Poster: Maidstone Youth Safety Survey – &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; O&#39;Brien&#39;s School (fictional, test)</title>',
    );
  });

  it('for a channel link of the resident survey: through whom, no youth help, the wave close date; a note on screen when it does not work', async () => {
    const res = await create(
      { label: 'Library noticeboard (fictional, test)', kind: 'channel' },
      admin,
      '/api/officer/surveys/resident-safety/waves/2026/links',
    );
    expect(res.status).toBe(201);
    const link = (await res.json()) as Link;
    let html = await poster(link.token);
    expect(html).toContain('Taking part through: Library noticeboard (fictional, test)');
    expect(html).not.toContain('for pupils of');
    expect(html).not.toContain('class="help"');
    expect(html).toContain('You can take part until the survey closes.');
    expect(html).not.toContain('This link does not work at the moment');
    await sql.run(
      "UPDATE waves SET closes_at = '2099-09-01T00:00:00.000Z' WHERE name = '2026' AND survey_id = (SELECT id FROM surveys WHERE slug = 'resident-safety')",
    );
    html = await poster(link.token);
    expect(html).toContain('Open until 31 August 2099.');
    await patch(link.token, { expires: 'now' });
    html = await poster(link.token);
    expect(html).toMatch(/<div class="screen-only" role="note"><p><strong>This link does not work at the moment\.<\/strong> Stopped working on/);
  });
});

describe('ending and deleting a link', () => {
  const end = (token: string, headers: Record<string, string> = admin) => app.request(`/api/officer/links/${token}/end`, { method: 'POST', headers });
  const remove = (token: string, headers: Record<string, string> = admin) => app.request(`/api/officer/links/${token}`, { method: 'DELETE', headers });
  const responseCount = async () => (await first(store.db.select({ n: count() }).from(responses)))!.n;

  it('ends a link with answers: refused to pupils from now (410), its answers kept, audited; ending it again changes nothing', async () => {
    const link = (await (await create({ label: 'Closing School (fictional, test)' })).json()) as Link;
    expect((await answer(link.token)).status).toBe(201);
    const before = { responses: await responseCount(), updates: (await auditOf('link.update')).length };
    const res = await end(link.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ token: link.token, state: 'expired', responses: 1 });
    expect(new Date((await rowOf(link.token))!.expiresAt!).getTime()).toBeLessThanOrEqual(Date.now());
    const pub = await app.request(`/api/links/${link.token}`);
    expect(pub.status).toBe(410);
    expect((await pub.json()).error).toMatch(/^This survey link expired on \d{4}-\d{2}-\d{2}\.$/);
    expect((await answer(link.token)).status).toBe(410);
    expect(await responseCount()).toBe(before.responses);
    const entries = await auditOf('link.update');
    expect(entries.length).toBe(before.updates + 1);
    expect(entries[0].details).toMatchObject({ token: link.token, label: 'Closing School (fictional, test)', changes: { expiresAt: { from: null } } });
    const stored = (await rowOf(link.token))!.expiresAt;
    expect((await end(link.token)).status).toBe(200);
    expect((await rowOf(link.token))!.expiresAt).toBe(stored);
    expect((await auditOf('link.update')).length).toBe(before.updates + 1);
  });

  it('refuses to delete a link with answers (409, saying to end it) and keeps it', async () => {
    const link = (await (await create({ label: 'Answered School (fictional, test)' })).json()) as Link;
    expect((await answer(link.token)).status).toBe(201);
    expect((await answer(link.token)).status).toBe(201);
    const res = await remove(link.token);
    expect(res.status).toBe(409);
    expect((await res.json()).error).toBe(
      "'Answered School (fictional, test)' has 2 answers, so it cannot be deleted: end it instead, and it takes no more while its answers stay.",
    );
    expect(await rowOf(link.token)).toBeDefined();
    expect((await app.request(`/api/links/${link.token}`)).status).toBe(200);
  });

  it('deletes a link without answers: gone from the list and the respondent API (404), audited', async () => {
    const link = (await (await create({ label: 'Mistaken School (fictional, test)' })).json()) as Link;
    const before = await linkCount();
    const res = await remove(link.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: link.token, message: 'The link for Mistaken School (fictional, test) was deleted.' });
    expect(await linkCount()).toBe(before - 1);
    expect(await rowOf(link.token)).toBeUndefined();
    expect((await list()).links.some((l) => l.token === link.token)).toBe(false);
    expect((await app.request(`/api/links/${link.token}`)).status).toBe(404);
    const [entry] = await auditOf('link.delete');
    expect(entry.details).toEqual({ survey: 'youth-safety', wave: '2026', token: link.token, label: 'Mistaken School (fictional, test)' });
    expect((await remove(link.token)).status).toBe(404);
    expect((await end(link.token)).status).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the link routes with summaries', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { summary?: string }>> };
    expect(doc.paths['/api/officer/surveys/{slug}/waves/{wave}/links'].post.summary).toMatch(/Create a school, channel or single-use link/);
    expect(doc.paths['/api/officer/links/{token}'].patch.summary).toMatch(/Change a link/);
    expect(doc.paths['/api/officer/links/{token}'].delete.summary).toMatch(/^Delete a link that has taken no answers/);
    expect(doc.paths['/api/officer/links/{token}/end'].post.summary).toMatch(/^End a link now/);
    expect(doc.paths['/api/officer/links/{token}/poster.html'].get.summary).toMatch(/A4 poster/);
  });
});
