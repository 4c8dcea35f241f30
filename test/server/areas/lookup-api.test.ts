/**
 * A partnership's ward lookup uploaded through the API (PUT /api/officer/areas/lookup) on the test
 * store (SQLite or Postgres): a partnership made with no wards gets them from an ONS file of any
 * year's columns; a second file adds only what is new; a ward of another partnership, an LSOA
 * already in another ward, a bad file, the wrong type or a viewer are refused, and then nothing is
 * stored. The wards and LSOAs are made up (codes no real area has).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAreas } from '../../../server/areas/areas.js';
import { createPartnership, grantRole } from '../../../server/partnerships/partnerships.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store, sql } = t;
await ensureAreas(store);
await createPartnership(store, { slug: 'north', name: 'North test partnership (made up)' });
const app = testApp(store);

/** An officer working in north (their role there given by the operator, then chosen in the header). */
async function inNorth(role: 'analyst' | 'viewer') {
  const headers = await signIn(app, store, role);
  const email = (await sql.get<{ email: string }>('SELECT email FROM officers ORDER BY id DESC LIMIT 1'))!.email;
  await grantRole(store, email, 'north', role);
  const chose = await app.request('/api/officer/partnerships/current', {
    method: 'PUT',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ slug: 'north' }),
  });
  expect(chose.status).toBe(200);
  return headers;
}
const analyst = await inNorth('analyst');
const viewer = await inNorth('viewer');

const put = (body: string, headers: Record<string, string> = analyst, type = 'text/csv') =>
  app.request('/api/officer/areas/lookup', { method: 'PUT', headers: { ...headers, 'content-type': type, 'x-file-name': 'north.csv' }, body });
const summary = async () => (await app.request('/api/officer/areas/lookup', { headers: analyst })).json();
const stored = async () => ({
  wards: (await sql.all<{ code: string }>("SELECT code FROM areas WHERE code LIKE 'E059999%' ORDER BY code")).map((r) => r.code),
  lsoas: (await sql.all<{ lsoa_code: string }>("SELECT lsoa_code FROM lsoa_ward WHERE lsoa_code LIKE 'E019999%' ORDER BY lsoa_code")).map((r) => r.lsoa_code),
});

// 2021 LSOAs to 2023 wards, the columns as ONS names them that year; an extra column is ignored.
const LOOKUP_2023 = `LSOA21CD,LSOA21NM,WD23CD,WD23NM,LAD23CD
E01999901,North 001A (made up),E05999901,North ward A (made up),E07999999
E01999902,North 001B (made up),E05999901,North ward A (made up),E07999999
E01999903,North 002A (made up),E05999902,North ward B (made up),E07999999
`;

describe("a partnership's ward lookup", () => {
  it('starts with no wards in a partnership made without a lookup', async () => {
    expect(await summary()).toEqual({ wards: 0, lsoas: 0 });
  });

  it("makes a file's wards and LSOAs the partnership's, and a second file adds only what is new", async () => {
    const first = await put(LOOKUP_2023);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ wards: 2, lsoas: 3, added: { wards: 2, lsoas: 3 } });
    const again = await put(`${LOOKUP_2023}E01999904,North 003A (made up),E05999903,North ward C (made up),E07999999\n`);
    expect(await again.json()).toEqual({ wards: 3, lsoas: 4, added: { wards: 1, lsoas: 1 } });
    expect(await stored()).toEqual({ wards: ['E05999901', 'E05999902', 'E05999903'], lsoas: ['E01999901', 'E01999902', 'E01999903', 'E01999904'] });
    // The Data page's population summary now counts north's wards, and no other partnership's.
    const population = (await (await app.request('/api/officer/population', { headers: analyst })).json()) as { wardsKnown: number };
    expect(population.wardsKnown).toBe(3);
    const audits = (await sql.all<{ detail: string }>("SELECT detail FROM audit_log WHERE action = 'areas.lookup' ORDER BY id")).map((r) =>
      typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
    );
    expect(audits).toEqual([
      { file: 'north.csv', wards: 2, lsoas: 3 },
      { file: 'north.csv', wards: 1, lsoas: 1 },
    ]);
  });

  it.each([
    [
      "a ward of another partnership's (Allington, the default's)",
      'LSOA11CD,WD19CD,WD19NM\nE01999911,E05004982,Allington\n',
      409,
      "1 of the lookup's wards belongs to another partnership (E05004982): each ward belongs to one. Nothing was stored.",
    ],
    [
      'an LSOA already in another ward',
      'LSOA11CD,WD19CD,WD19NM\nE01999901,E05999902,North ward B (made up)\n',
      409,
      "1 of the lookup's LSOAs lies in another ward already (E01999901 in E05999901): an LSOA lies in one ward. Nothing was stored.",
    ],
    [
      'a file without a ward column',
      'LSOA11CD,LSOA11NM\nE01999921,North (made up)\n',
      422,
      'The file north.csv has no WD19CD (or another year’s WDyyCD), WD19NM column (it has LSOA11CD, LSOA11NM). Nothing was stored.',
    ],
    [
      'an LSOA twice',
      'LSOA11CD,WD19CD,WD19NM\nE01999931,E05999931,X (made up)\nE01999931,E05999931,X (made up)\n',
      422,
      'The file north.csv, line 3: the LSOA E01999931 appears twice (an LSOA lies in one ward). Nothing was stored.',
    ],
    [
      'a code that is not an ONS code',
      'LSOA11CD,WD19CD,WD19NM\nE01999941,ward-1,X (made up)\n',
      422,
      "The file north.csv, line 2: 'ward-1' is not an ONS area code (a letter and eight digits, e.g. E05004982). Nothing was stored.",
    ],
    ['a header and no LSOAs', 'LSOA11CD,WD19CD,WD19NM\n', 422, 'The lookup has a header but no LSOAs. Nothing was stored.'],
  ])('refuses %s, saying so, and stores nothing', async (_what, body, status, message) => {
    const before = await stored();
    const res = await put(body);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toBe(message);
    expect(await stored()).toEqual(before);
  });

  it('refuses a viewer and a file not sent as CSV, storing nothing', async () => {
    const before = await stored();
    const body = 'LSOA11CD,WD19CD,WD19NM\nE01999951,E05999951,Y (made up)\n';
    expect((await put(body, viewer)).status).toBe(403);
    const json = await put(body, analyst, 'application/json');
    expect(json.status).toBe(415);
    expect(((await json.json()) as { error: string }).error).toBe('Send the file as the request body with the header Content-Type: text/csv.');
    expect(await stored()).toEqual(before);
  });
});
