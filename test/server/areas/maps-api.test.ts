/**
 * The ward map API (server/http/routes/officer-areas.ts) through the whole app on a temporary
 * store: the bundled boundaries by default, an upload checked before it replaces them
 * (refusals keep nothing and write no audit entry), who may do what, and a district whose lookup
 * the bundled boundaries do not fit.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { insertLookup } from '../../../server/areas/queries.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore } from '../../helpers/store.js';

const BUNDLED = readFileSync(new URL('../../../surveys/areas/maidstone-wards-2019.geojson', import.meta.url), 'utf8');
const ATTRIBUTION =
  'Contains National Statistics data © Crown copyright and database right; contains OS data © Crown copyright and database right (Open Government Licence v3.0).';

const t = await testStore();
const other = await testStore();
afterAll(async () => {
  await t.cleanup();
  await other.cleanup();
});
const { store, sql } = t;
const app = testApp(store);
const analyst = await signIn(app, store, 'analyst');
const viewer = await signIn(app, store, 'viewer');
const storedBoundaries = async () => (await sql.get<{ n: number }>('SELECT count(*) AS n FROM boundaries'))!.n;
const boundaryAudits = async () => (await recentAudit(store)).filter((e) => e.action === 'boundaries.import');

function put(body: string, headers: Record<string, string> = analyst, type = 'application/geo+json') {
  return app.request('/api/officer/areas/boundaries', {
    method: 'PUT',
    headers: { ...headers, 'content-type': type, 'x-file-name': 'wards-2019.geojson' },
    body,
  });
}

describe('the ward map', () => {
  it('is drawn from the bundled ONS boundaries until an officer uploads others, with their attribution', async () => {
    const res = await app.request('/api/officer/areas/map', { headers: viewer });
    expect(res.status).toBe(200);
    const map = (await res.json()) as { width: number; wards: { code: string; name: string; path: string }[]; source: string; attribution: string | null };
    expect(map.width).toBe(600);
    expect(map.wards).toHaveLength(26);
    expect(map.wards[0]).toMatchObject({ code: 'E05004982', name: 'Allington' });
    expect(map.source).toBe('ONS Wards (December 2019) Boundaries EW BGC (bundled)');
    expect(map.attribution).toBe(ATTRIBUTION);
    const summary = await (await app.request('/api/officer/areas/boundaries', { headers: analyst })).json();
    expect(summary).toEqual({
      available: true,
      source: 'ONS Wards (December 2019) Boundaries EW BGC (bundled)',
      bundled: true,
      uploadedAt: null,
      wards: 26,
      attribution: ATTRIBUTION,
    });
  });

  it('lets a viewer see the map but not change the boundaries', async () => {
    expect((await put(BUNDLED, viewer)).status).toBe(403);
    expect((await app.request('/api/officer/areas/boundaries', { headers: viewer })).status).toBe(403);
    expect((await app.request('/api/officer/areas/map')).status).toBe(401);
  });

  it('refuses a file that does not fit the wards, saying why, and keeps nothing', async () => {
    const file = JSON.parse(BUNDLED);
    file.features = file.features.filter((f: { properties: { wd19nm: string } }) => !['Allington', 'Bearsted'].includes(f.properties.wd19nm));
    const res = await put(JSON.stringify(file));
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ error: 'The file has no boundary for 2 of the 26 wards: Allington, Bearsted.' });

    const notGeo = await put(JSON.stringify({ type: 'Topology', objects: {} }));
    expect(notGeo.status).toBe(422);
    expect(((await notGeo.json()) as { error: string }).error).toBe(
      'The file is not a GeoJSON FeatureCollection: export the ward boundaries as GeoJSON, one feature per ward.',
    );
    const broken = await put('{"type": "FeatureCollection", "features": [');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'The request body is not valid JSON. Nothing was stored.' });
    const wrongType = await put(BUNDLED, analyst, 'text/plain');
    expect(wrongType.status).toBe(415);
    expect(await wrongType.json()).toEqual({
      error: 'Send the boundaries as GeoJSON with the header Content-Type: application/geo+json (or application/json).',
    });
    expect(await storedBoundaries()).toBe(0);
    expect(await boundaryAudits()).toEqual([]);
  });

  it('keeps a file that fits, draws from it, and records who uploaded it', async () => {
    const res = await put(BUNDLED);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { source: string; bundled: boolean; uploadedAt: string; wards: number; attribution: string | null };
    expect(summary).toMatchObject({ available: true, source: 'uploaded as wards-2019.geojson', bundled: false, wards: 26, attribution: null });
    expect(summary.uploadedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const map = (await (await app.request('/api/officer/areas/map', { headers: viewer })).json()) as { source: string; wards: unknown[] };
    expect(map.source).toBe('uploaded as wards-2019.geojson');
    expect(map.wards).toHaveLength(26);
    expect(await storedBoundaries()).toBe(1);
    expect((await boundaryAudits()).map((e) => e.details)).toEqual([{ file: 'wards-2019.geojson', wards: 26 }]);
  });
});

describe('another district', () => {
  it('has no map until its own boundaries are uploaded (the bundled ones are Maidstone’s)', async () => {
    await insertLookup(
      other.store.db,
      [
        { code: 'E05999901', name: 'Made-up North' },
        { code: 'E05999902', name: 'Made-up South' },
      ],
      [
        { lsoaCode: 'E01999901', wardCode: 'E05999901' },
        { lsoaCode: 'E01999902', wardCode: 'E05999902' },
      ],
    );
    const otherApp = testApp(other.store);
    const officer = await signIn(otherApp, other.store, 'analyst');
    const res = await otherApp.request('/api/officer/areas/map', { headers: officer });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'No ward boundaries fit the ward lookup yet: upload the GeoJSON boundaries of your wards on the Data page.' });
    const summary = await (await otherApp.request('/api/officer/areas/boundaries', { headers: officer })).json();
    expect(summary).toEqual({ available: false, source: null, bundled: false, uploadedAt: null, wards: 2, attribution: null });
  });
});
