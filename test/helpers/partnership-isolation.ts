/**
 * Two partnerships in one deployment, on the real app over a real store (SQLite in
 * test/server/partnerships/isolation.test.ts, Postgres in test/pg/partnerships-on-postgres.test.ts): "home" (the default, with the bundled wards, a survey,
 * a link, replies, settings, priorities and audit entries) and "north" (made-up wards, its own
 * survey). North's admin is sent to every officer route the API document lists, with home's
 * survey, wave, link, officer, job and year in the path: none may answer 2xx, and afterwards every
 * row of home's is as it was. Routes without such a parameter answer north's own data, which must
 * not mention anything of home's. Recorded crime, imported once for the force, splits by ward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../server/http/app.js';
import { createOfficer } from '../../server/accounts/officers.js';
import { officerByEmail, removeRole } from '../../server/accounts/queries.js';
import { importCrimeFiles } from '../../server/crime/import.js';
import { DEMO_CRIME_FILE } from '../../server/demo/load.js';
import { createLink } from '../../server/links/links.js';
import { createPartnership, grantRole, setCounty } from '../../server/partnerships/partnerships.js';
import { DEFAULT_PARTNERSHIP, inPartnership } from '../../server/store/partnership-scope.js';
import { enqueueJob } from '../../server/queue/queue.js';
import { saveCriteriaWeights } from '../../server/priorities/matrix.js';
import { DEMO_COUNCIL, updateCouncilSettings } from '../../server/settings/settings.js';
import { queryRows } from '../../server/store/dialect.js';
import type { Store } from '../../server/store/open.js';
import { withOpenWave } from './store.js';
import { MAIDSTONE_ROWS } from './police-uk.js';
import { RESIDENT, validResident, WAVE } from './respondent-fixtures.js';

const PASSWORD = 'correct horse battery staple';

/** Made-up wards and LSOAs (codes no real area has), the north partnership's lookup. */
export const NORTH_LOOKUP = `LSOA11CD,LSOA11NM,WD19CD,WD19NM
E01999901,North test 001A (made up),E05999901,North test ward A (made up)
E01999902,North test 001B (made up),E05999901,North test ward A (made up)
E01999903,North test 002A (made up),E05999902,North test ward B (made up)
`;

/** A made-up police.uk month (2019-02): 4 crimes in north's LSOAs, 3 in one of home's (Bridge ward). */
function crimeFile(dir: string): string {
  const header = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
  const row = (lsoa: string, type: string) => `,2019-02,Kent Police,Kent Police,0.5,51.2,On or near Test Street,${lsoa},Test (made up),${type},,`;
  const rows = [
    row('E01999901', 'Burglary'),
    row('E01999901', 'Burglary'),
    row('E01999902', 'Drugs'),
    row('E01999903', 'Shoplifting'),
    row('E01024339', 'Burglary'),
    row('E01024339', 'Drugs'),
    row('E01024339', 'Robbery'),
  ];
  const file = join(dir, '2019-02-test-street.csv');
  writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
  return file;
}

type App = ReturnType<typeof createApp>;
type Headers = Record<string, string>;

async function signIn(app: App, email: string): Promise<Headers> {
  const res = await app.request('/api/officer/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, origin: 'http://localhost' };
}

export interface World {
  store: Store;
  app: App;
  home: Headers;
  north: Headers;
  county: Headers;
  homeToken: string;
  homeAdminId: number;
  homeJobId: number;
  homeResponseId: number;
  northId: number;
}

/** Builds the two partnerships on `store` (empty, migrated) and signs their officers in. */
export async function buildWorld(store: Store, dir: string): Promise<World> {
  const app = createApp({ store, jobs: { workers: 1 } });
  // Home: the default partnership, with the bundled wards, one survey, a link, replies and details.
  await withOpenWave(store, RESIDENT, WAVE);
  const link = await createLink(store.db, { slug: RESIDENT, wave: WAVE, label: 'Home school link' });
  const homeAdmin = await createOfficer(store.db, { email: 'admin@home.invalid', password: PASSWORD, role: 'admin' });
  await createOfficer(store.db, { email: 'analyst@home.invalid', password: PASSWORD, role: 'analyst' });
  await updateCouncilSettings(store, DEMO_COUNCIL, { now: new Date() });
  await saveCriteriaWeights(store, '2026', { weights: { harm: 7 } }, { now: new Date(), by: { id: homeAdmin.id } as never });
  const job = await enqueueJob(store, { kind: 'report', input: { slug: RESIDENT, wave: WAVE, query: {} } } as never, null);
  // North: made-up wards, its own survey (the youth questionnaire) and admin.
  const north = await createPartnership(store, { slug: 'north', name: 'North test partnership (made up)', lookupCsv: NORTH_LOOKUP });
  // The force's crime, imported once (after every partnership's lookup is in): the real January 2019 file, and a made-up February.
  await importCrimeFiles(store, [DEMO_CRIME_FILE, crimeFile(dir)]);
  await inPartnership(north.id, async () => {
    await withOpenWave(store, 'youth-safety', '2026-north');
    await createOfficer(store.db, { email: 'admin@north.invalid', password: PASSWORD, role: 'admin' });
  });
  await createOfficer(store.db, { email: 'county@county.invalid', password: PASSWORD, role: 'viewer' });
  await setCounty(store, 'county@county.invalid', true);
  const homeHeaders = await signIn(app, 'admin@home.invalid');
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await app.request(`/api/links/${link.token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: validResident(), idempotencyKey: `home-reply-000${i}` }),
    });
    if (res.status !== 201) throw new Error(`reply ${i}: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: number }).id);
  }
  return {
    store,
    app,
    home: homeHeaders,
    north: await signIn(app, 'admin@north.invalid'),
    county: await signIn(app, 'county@county.invalid'),
    homeToken: link.token,
    homeAdminId: homeAdmin.id,
    homeJobId: job.id,
    homeResponseId: ids[0]!,
    northId: north.id,
  };
}

/** Every row of the home partnership's, as text: what no request of north's may change. */
export async function homeRows(store: Store): Promise<string> {
  const p = DEFAULT_PARTNERSHIP;
  const parts = await Promise.all([
    queryRows(store, 'SELECT * FROM surveys WHERE partnership_id = ? ORDER BY id', [p]),
    queryRows(store, 'SELECT w.* FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE s.partnership_id = ? ORDER BY w.id', [p]),
    queryRows(store, 'SELECT l.* FROM links l JOIN waves w ON w.id = l.wave_id JOIN surveys s ON s.id = w.survey_id WHERE s.partnership_id = ? ORDER BY l.id', [
      p,
    ]),
    queryRows(
      store,
      'SELECT r.id, r.status, r.answers, r.weight FROM responses r JOIN waves w ON w.id = r.wave_id JOIN surveys s ON s.id = w.survey_id WHERE s.partnership_id = ? ORDER BY r.id',
      [p],
    ),
    queryRows(store, 'SELECT COUNT(*) AS n FROM weighting_runs', []),
    queryRows(store, 'SELECT * FROM areas WHERE partnership_id = ? ORDER BY code', [p]),
    queryRows(store, 'SELECT id, source, wards FROM boundaries WHERE partnership_id = ? ORDER BY id', [p]),
    queryRows(store, 'SELECT * FROM population WHERE area_code IN (SELECT code FROM areas WHERE partnership_id = ?) ORDER BY area_code, sex, age_band', [p]),
    queryRows(store, 'SELECT id, council_name, contact_email, updated_at FROM council_settings WHERE id = ?', [p]),
    queryRows(store, 'SELECT * FROM priority_assessments WHERE partnership_id = ? ORDER BY year', [p]),
    queryRows(store, 'SELECT * FROM priority_scores WHERE partnership_id = ? ORDER BY year, theme, criterion', [p]),
    queryRows(store, 'SELECT * FROM officer_roles WHERE partnership_id = ? ORDER BY officer_id', [p]),
    queryRows(
      store,
      'SELECT o.id, o.email, o.password_hash, o.disabled_at, o.totp_secret FROM officers o JOIN officer_roles r ON r.officer_id = o.id WHERE r.partnership_id = ? ORDER BY o.id',
      [p],
    ),
    queryRows(store, 'SELECT id, action FROM audit_log WHERE partnership_id = ? ORDER BY id', [p]),
    queryRows(store, 'SELECT id, kind, state FROM queued_jobs WHERE partnership_id = ? ORDER BY id', [p]),
    queryRows(store, 'SELECT month, area_code, crime_type, count FROM crime ORDER BY month, area_code, crime_type', []),
  ]);
  return JSON.stringify(parts);
}

interface Operation {
  method: string;
  path: string;
}

/** The officer operations of the API document (those with x-roles), as method and path. */
export async function officerOperations(app: App): Promise<Operation[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op['x-roles'])
      .map(([method, _]) => ({ method: method.toUpperCase(), path })),
  );
}

/** The path with home's things in it, or null when it names none of them (then it is north's own). */
export function homePath(op: Operation, w: World): string | null {
  const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  // A year names the caller's own priority assessment: every partnership has its own 2026.
  if (names.every((n) => n === 'year')) return null;
  const value = (name: string): string => {
    if (name === 'slug') return RESIDENT;
    if (name === 'wave') return WAVE;
    if (name === 'token') return w.homeToken;
    if (name === 'year') return '2026';
    if (name === 'locale') return 'cy';
    // Home has no weighting run: the first run's id, whoever's it would be.
    if (name === 'run') return '1';
    if (name === 'id' && op.path.startsWith('/api/officer/jobs/')) return String(w.homeJobId);
    if (name === 'id' && op.path.includes('/responses/')) return String(w.homeResponseId);
    if (name === 'id' && op.path.startsWith('/api/officer/officers/')) return String(w.homeAdminId);
    throw new Error(`No home value for {${name}} in ${op.path}: say here which of home's things it names.`);
  };
  return op.path.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(value(n)));
}

/** What of home's must never appear in an answer to north. */
const HOME_MARKS = [RESIDENT, 'admin@home.invalid', 'analyst@home.invalid', DEMO_COUNCIL.councilName, 'Allington', 'E05004982', 'Home school link'];

/** What of north's must never appear in an answer to home. */
const NORTH_MARKS = ['North test', 'E05999901', 'E05999902', 'E01999901', 'youth-safety', 'admin@north.invalid'];

export function isolationSuite(name: string, open: () => Promise<{ store: Store; dir: string; close(): Promise<void> | void }>) {
  describe(`partnerships on ${name}`, () => {
    let w: World;
    let close: () => Promise<void> | void;

    beforeAll(async () => {
      const opened = await open();
      close = opened.close;
      w = await buildWorld(opened.store, opened.dir);
    }, 120_000);

    afterAll(async () => {
      await close?.();
    });

    it('sets the partnerships side by side for a county reader, each as its own officers see it, and for no one else', async () => {
      const res = await w.app.request('/api/officer/county', { headers: w.county });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        partnerships: [
          {
            slug: 'default',
            name: 'Our partnership',
            wards: 26,
            surveys: [{ slug: RESIDENT, title: 'Maidstone Community Safety Survey', waves: [{ name: WAVE, status: 'open', responses: 3 }] }],
            crime: { months: ['2019-01', '2019-02'], crimes: MAIDSTONE_ROWS + 3 },
          },
          {
            slug: 'north',
            name: 'North test partnership (made up)',
            wards: 2,
            surveys: [{ slug: 'youth-safety', title: 'Maidstone Youth Safety Survey', waves: [{ name: '2026-north', status: 'open', responses: 0 }] }],
            crime: { months: ['2019-02'], crimes: 4 },
          },
        ],
      });
      const refused = await w.app.request('/api/officer/county', { headers: w.north });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as { error: string }).error).toBe(
        'Only a county reader compares the partnerships. Ask the operator (`cli partnership county`).',
      );
    });

    it("refuses every officer route naming home's survey, wave, link, officer, job or year to north's admin, and changes nothing of home's", async () => {
      const before = await homeRows(w.store);
      const ops = await officerOperations(w.app);
      // Every officer operation with a parameter in its path but a year (49 today): a new one is checked too,
      // and one whose parameter this file does not know yet fails until homePath says what it names.
      const named = ops.filter((op) => homePath(op, w) !== null);
      expect(named.length).toBe(49);
      const answered: string[] = [];
      for (const op of named) {
        const path = homePath(op, w)!;
        const init: RequestInit = { method: op.method, headers: { ...w.north, 'content-type': 'application/json' } };
        if (op.method !== 'GET' && op.method !== 'DELETE') init.body = '{}';
        const res = await w.app.request(path, init);
        const text = await res.text();
        if (res.status < 400 || res.status >= 500 || HOME_MARKS.some((m) => text.includes(m) && !path.includes(encodeURIComponent(m))))
          answered.push(`${op.method} ${path}: ${res.status} ${text.slice(0, 120)}`);
      }
      expect(answered).toEqual([]);
      expect(await homeRows(w.store)).toBe(before);
    }, 120_000);

    it("answers north's own lists (surveys, wards, crime, officers, audit, jobs, settings, priorities) without a trace of home's", async () => {
      const ops = (await officerOperations(w.app))
        .filter((op) => op.method === 'GET' && homePath(op, w) === null)
        .map((op) => ({ ...op, path: op.path.replace('{year}', '2026') }));
      expect(ops.map((op) => op.path)).toContain('/api/officer/audit');
      expect(ops.map((op) => op.path)).toContain('/api/officer/priorities/2026');
      const leaks: string[] = [];
      for (const op of ops) {
        const res = await w.app.request(op.path, { headers: w.north });
        const text = await res.text();
        const marks = HOME_MARKS.filter((m) => text.includes(m));
        if (res.status >= 500 || marks.length) leaks.push(`${op.path}: ${res.status} mentions ${marks.join(', ')}`);
      }
      expect(leaks).toEqual([]);
      const surveys = (await (await w.app.request('/api/officer/surveys', { headers: w.north })).json()) as { slug: string }[];
      expect(surveys.map((s) => s.slug)).toEqual(['youth-safety']);
    });

    it("refuses north's admin the same writes, with valid bodies, to home's link, wave, officer and replies that work on north's own", async () => {
      const before = await homeRows(w.store);
      const northLink = await inPartnership(w.northId, () => createLink(w.store.db, { slug: 'youth-safety', wave: '2026-north', label: 'North school' }));
      const northOfficer = await inPartnership(w.northId, () =>
        createOfficer(w.store.db, { email: 'analyst@north.invalid', password: PASSWORD, role: 'analyst' }),
      );
      const reason = { reason: 'A test of partnership isolation' };
      // [method, home's path, north's own path, body]
      const writes: [string, string, string, unknown][] = [
        ['PATCH', `/api/officer/links/${w.homeToken}`, `/api/officer/links/${northLink.token}`, { label: 'Renamed' }],
        ['POST', `/api/officer/links/${w.homeToken}/end`, `/api/officer/links/${northLink.token}/end`, {}],
        ['PATCH', `/api/officer/surveys/${RESIDENT}/waves/${WAVE}`, '/api/officer/surveys/youth-safety/waves/2026-north', { status: 'closed' }],
        ['POST', `/api/officer/officers/${w.homeAdminId}/password-reset`, `/api/officer/officers/${northOfficer.id}/password-reset`, {}],
        ['PATCH', `/api/officer/officers/${w.homeAdminId}`, `/api/officer/officers/${northOfficer.id}`, { disabled: true }],
        [
          'DELETE',
          `/api/officer/surveys/${RESIDENT}/waves/${WAVE}/responses`,
          '/api/officer/surveys/youth-safety/waves/2026-north/responses',
          { ...reason, confirm: WAVE },
        ],
        ['DELETE', `/api/officer/links/${w.homeToken}`, `/api/officer/links/${northLink.token}`, undefined],
      ];
      const send = (method: string, path: string, body: unknown) =>
        w.app.request(path, {
          method,
          headers: { ...w.north, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const statuses: string[] = [];
      for (const [method, home, own, body] of writes) {
        const refused = await send(method, home, body);
        const ownBody = method === 'DELETE' && body && 'confirm' in (body as object) ? { ...reason, confirm: '2026-north' } : body;
        const done = await send(method, own, ownBody);
        statuses.push(`${method} ${home.replace(/\/api\/officer/, '')}: home ${refused.status}, own ${done.status < 300 ? '2xx' : done.status}`);
      }
      expect(statuses).toEqual(writes.map(([method, home]) => `${method} ${home.replace(/\/api\/officer/, '')}: home 404, own 2xx`));
      expect(await homeRows(w.store)).toBe(before);
    });

    it("answers home's officers, on every page they read, without a trace of north's wards or survey", async () => {
      const gets = (await officerOperations(w.app)).filter((op) => op.method === 'GET');
      const leaks: string[] = [];
      for (const op of gets) {
        const path = homePath(op, w) ?? op.path.replace('{year}', '2026');
        const res = await w.app.request(path, { headers: w.home });
        const text = await res.text();
        const marks = NORTH_MARKS.filter((m) => text.includes(m));
        if (res.status >= 500 || marks.length) leaks.push(`${path}: ${res.status} mentions ${marks.join(', ')}`);
      }
      expect(leaks).toEqual([]);
      // The returns page lists home's 26 wards, and no other.
      const returns = (await (await w.app.request(`/api/officer/surveys/${RESIDENT}/waves/${WAVE}/returns`, { headers: w.home })).json()) as {
        byWard: unknown[];
      };
      expect(returns.byWard).toHaveLength(26);
    });

    it("shows each questionnaire's respondents the details of the partnership running it", async () => {
      await inPartnership(w.northId, () =>
        updateCouncilSettings(w.store, { ...DEMO_COUNCIL, councilName: 'North Test Council (made up)' }, { now: new Date() }),
      );
      const council = async (query: string) => {
        const res = await w.app.request(`/api/council${query}`);
        return [res.status, ((await res.json()) as { name?: string; error?: string }).name ?? null];
      };
      expect(await council('?survey=youth-safety')).toEqual([200, 'North Test Council (made up)']);
      expect(await council(`?survey=${RESIDENT}`)).toEqual([200, DEMO_COUNCIL.councilName]);
      expect(await council('')).toEqual([200, DEMO_COUNCIL.councilName]);
      expect(await council('?survey=no-such-survey')).toEqual([404, null]);
      // North's admin sees and edits North's details, never home's.
      const settings = (await (await w.app.request('/api/officer/settings', { headers: w.north })).json()) as { councilName: string };
      expect(settings.councilName).toBe('North Test Council (made up)');
    });

    it('splits the force’s recorded crime, imported once, by each partnership’s wards', async () => {
      const months = async (h: Headers) =>
        ((await (await w.app.request('/api/officer/crime/months', { headers: h })).json()) as { months: { month: string; crimes: number }[] }).months.map(
          (m) => [m.month, m.crimes],
        );
      expect(await months(w.home)).toEqual([
        ['2019-01', MAIDSTONE_ROWS],
        ['2019-02', 3],
      ]);
      expect(await months(w.north)).toEqual([['2019-02', 4]]);
    });

    it("tells an admin adding an account another partnership has that it is the operator's to share", async () => {
      const res = await w.app.request('/api/officer/officers', {
        method: 'POST',
        headers: { ...w.north, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'analyst@home.invalid', password: 'a long new passphrase here', role: 'viewer' }),
      });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: string }).error).toBe(
        "An account with email analyst@home.invalid exists already, in another partnership. The deployment's operator can give it a role in this one (`cli partnership grant`).",
      );
    });

    it('refuses the sign-in of an account left with no role in any partnership, saying so', async () => {
      await createOfficer(w.store.db, { email: 'leaver@home.invalid', password: PASSWORD, role: 'viewer' });
      const officer = (await officerByEmail(w.store.db, 'leaver@home.invalid'))!;
      await removeRole(w.store.db, officer.id, DEFAULT_PARTNERSHIP);
      const res = await w.app.request('/api/officer/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'leaver@home.invalid', password: PASSWORD }),
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toBe('This account has no role in any partnership. Ask an admin to give it one.');
      expect(res.headers.getSetCookie()).toEqual([]);
    });

    it('lets a county reader read each partnership in turn, and change nothing', async () => {
      const list = (await (await w.app.request('/api/officer/partnerships', { headers: w.county })).json()) as {
        partnerships: { slug: string; role: string; current: boolean }[];
        countyReader: boolean;
      };
      expect(list.countyReader).toBe(true);
      expect(list.partnerships.map((p) => [p.slug, p.role, p.current])).toEqual([
        ['default', 'viewer', true],
        ['north', 'viewer', false],
      ]);
      const slugs = async () => ((await (await w.app.request('/api/officer/surveys', { headers: w.county })).json()) as { slug: string }[]).map((s) => s.slug);
      expect(await slugs()).toEqual([RESIDENT]);
      const chosen = await w.app.request('/api/officer/partnerships/current', {
        method: 'PUT',
        headers: { ...w.county, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'north' }),
      });
      expect(chosen.status).toBe(200);
      expect(await slugs()).toEqual(['youth-safety']);
      const write = await w.app.request('/api/officer/surveys/youth-safety/waves/2026-north', {
        method: 'PATCH',
        headers: { ...w.county, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'closed' }),
      });
      expect(write.status).toBe(403);
    });

    it("won't let an officer choose a partnership they have no role in; a role given later counts at the next request", async () => {
      const refused = await w.app.request('/api/officer/partnerships/current', {
        method: 'PUT',
        headers: { ...w.north, 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'default' }),
      });
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { error: string }).error).toBe("You have no role in a partnership called 'default'.");
      await grantRole(w.store, 'admin@north.invalid', 'default', 'viewer');
      const list = (await (await w.app.request('/api/officer/partnerships', { headers: w.north })).json()) as {
        partnerships: { slug: string; role: string }[];
      };
      expect(list.partnerships.map((p) => [p.slug, p.role])).toEqual([
        ['default', 'viewer'],
        ['north', 'admin'],
      ]);
    });
  });
}
