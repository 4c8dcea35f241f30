/**
 * GET /api/officer/crime/available: what recorded crime is stored (months, crime types, wards, whether a
 * population is loaded), so the officer pages offer only choices that exist. Through the real app
 * on the suite's store: the REAL police.uk January 2019 Maidstone file, and a made-up
 * (ILLUSTRATIVE) population.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../../server/accounts/officers.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { crimeAvailability, type CrimeAvailability } from '../../../server/crime/rates-report.js';
import { postJson, testApp, testStore, type TestStore } from '../../helpers/store.js';

const FIXTURE = new URL('../../../server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv', import.meta.url).pathname;
const PASSWORD = 'a long enough password';

let t: TestStore;
let app: ReturnType<typeof testApp>;
let viewer: Record<string, string>;

async function signIn(email: string) {
  const res = await postJson(app, '/api/officer/login', { email, password: PASSWORD });
  expect(res.status).toBe(200);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  return { cookie: cookies.join('; ') };
}

async function available(): Promise<CrimeAvailability> {
  const res = await app.request('/api/officer/crime/available', { headers: viewer });
  expect(res.status).toBe(200);
  return (await res.json()) as CrimeAvailability;
}

beforeAll(async () => {
  t = await testStore();
  app = testApp(t.store);
  await createOfficer(t.store.db, { email: 'viewer@test.invalid', password: PASSWORD, role: 'viewer' });
  viewer = await signIn('viewer@test.invalid');
});
afterAll(() => t?.cleanup());

describe('GET /api/officer/crime/available', () => {
  it('refuses anonymous callers with 401', async () => {
    const res = await app.request('/api/officer/crime/available');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: string }).error).toMatch(/sign in/i);
  });

  it('says nothing is stored on an empty store (for the lowest role, viewer)', async () => {
    const a = await available();
    expect(a.months).toEqual([]);
    expect(a.range).toEqual([]);
    expect(a.crimeTypes).toEqual([]);
    expect(a.population).toBe(false);
    expect(a.illustrativePopulationNotice).toBeNull();
    expect(a.allCrimeLabel).toMatch(/not counting anti-social behaviour/);
  });

  it('lists the month, the crime types and the wards of the real January 2019 file', async () => {
    await importCrimeFiles(t.store, [FIXTURE]);
    const a = await available();
    expect(a.months).toEqual(['2019-01']);
    expect(a.range).toEqual(['2019-01']);
    // The police.uk types present in the Maidstone rows (fixture README), anti-social behaviour included.
    expect(a.crimeTypes).toEqual(expect.arrayContaining(['Anti-social behaviour', 'Burglary', 'Vehicle crime', 'Violence and sexual offences']));
    expect([...a.crimeTypes].sort()).toEqual(a.crimeTypes);
    expect(a.wards).toHaveLength(26);
    expect(a.wards.find((w) => w.code === 'E05004982')?.name).toBe('Allington');
    expect(a.wards.map((w) => w.name)).toEqual([...a.wards.map((w) => w.name)].sort((x, y) => (x < y ? -1 : 1)));
    expect(a.population).toBe(false);
  });

  it('gives every month between the first and the last stored as the range, and flags an illustrative population', async () => {
    // SYNTHETIC test rows (not police.uk data): one burglary in Allington in 2019-04.
    await t.sql.run(
      "INSERT INTO crime (month, area_code, crime_type, count, source_file) VALUES ('2019-04', 'E05004982', 'Burglary', 1, 'synthetic test row')",
    );
    const codes = (await t.sql.all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward'")).map((r) => r.code);
    await replacePopulation(
      t.store,
      parsePopulationCsv(['area_code,sex,age_band,count', ...codes.map((c) => `${c},*,*,5000`)].join('\n'), {
        source: 'made up for tests',
        illustrative: true,
      }),
    );
    const a = await available();
    expect(a.months).toEqual(['2019-01', '2019-04']);
    expect(a.range).toEqual(['2019-01', '2019-02', '2019-03', '2019-04']);
    expect(a.population).toBe(true);
    expect(a.illustrativePopulationNotice).toMatch(/ILLUSTRATIVE/);
    // The same document as the function, and asking twice changes nothing.
    expect(await available()).toEqual(JSON.parse(JSON.stringify(await crimeAvailability(t.store))));
    expect(await t.sql.get('SELECT count(*) AS n FROM crime WHERE month = ?', '2019-04')).toEqual({ n: 1 });
  });
});
