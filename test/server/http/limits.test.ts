/**
 * Numbers beyond a sane magnitude and JSON nested too deeply are refused with a message (4xx),
 * storing nothing (server/limits.ts): the real app on a temporary store.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parsePopulationCsv } from '../../../server/areas/population.js';
import { TOO_DEEP } from '../../../server/http/middleware/json-body.js';
import { importResponses } from '../../../server/responses/import.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../server/formats/limits.js';
import { parseMargins } from '../../../server/weighting/margins.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store, sql } = t;
const app = testApp(store);
await withOpenWave(store, 'resident-safety', '2026');
const admin = await signIn(app, store, 'admin');
const count = async () => (await sql.get<{ n: number }>('SELECT count(*) AS n FROM responses'))!.n;
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON depth', () => {
  it('measures depth without recursion', () => {
    expect(jsonDepth(1)).toBe(0);
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(JSON.parse(nested(100_000)))).toBe(MAX_JSON_DEPTH + 1); // stops once past the limit
  });

  it('refuses an answer nested more than 64 levels deep (400), storing nothing', async () => {
    const before = await count();
    const res = await postJson(app, '/api/surveys/resident-safety/responses', `{"answers":{"safe_home":${nested(5000)}}}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: TOO_DEEP });
    expect(TOO_DEEP).toBe('The request body nests lists or objects more than 64 levels deep. Nothing was stored.');
    expect(await count()).toBe(before);
  });

  it('answers a questionnaire of panels nested thousands deep with a 4xx, not a 500, storing nothing', async () => {
    const depth = 4000;
    const panels = `${'{"type":"panel","name":"p","elements":['.repeat(depth)}{"type":"text","name":"q"}${']}'.repeat(depth)}`;
    const res = await postJson(app, '/api/officer/surveys', `{"slug":"deep-panels","audience":"resident","definition":{"elements":[${panels}]}}`, admin);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: TOO_DEEP });
    expect(await sql.get("SELECT count(*) AS n FROM surveys WHERE slug = 'deep-panels'")).toEqual({ n: 0 });
  });
});

describe('numbers of a sane magnitude', () => {
  it('refuses 1e308 as a weighting target, saying which line', () => {
    expect(() => parseMargins('variable,category,target\nsex,female,1e308\nsex,male,55000\n')).toThrow(
      "Line 2: the target for sex = female is '1e308', more than 100,000,000 people: check the figure.",
    );
  });

  it('refuses 1e308 as a population count, saying which line', () => {
    expect(() => parsePopulationCsv('area_code,sex,age_band,count,source\nE05004985,*,*,1e308,ONS\n')).toThrow(
      "Line 2: the count for E05004985 * * is '1e308', more than 100,000,000 people: check the figure.",
    );
  });

  it('refuses 1e308 as a design weight in an import, storing nothing', async () => {
    const before = await count();
    const report = await importResponses(store, {
      slug: 'resident-safety',
      wave: '2026',
      csv: 'ward,w\nE05004985,1e308\n',
      weightColumn: 'w',
      skipInvalid: true,
    });
    expect(report.rejected.map((r) => [r.line, r.errors[0]])).toEqual([
      [2, { question: null, message: "The design weight '1e308' is more than 1,000,000: check the figure." }],
    ]);
    expect(report.imported).toBe(0);
    expect(await count()).toBe(before);
  });

  it('refuses calibration bounds and a trimming cap of 1e308 (400, as every bad weighting request), storing no run', async () => {
    const path = '/api/officer/surveys/resident-safety/waves/2026/weighting';
    const bounds = await postJson(app, path, { source: 'population', method: 'linear', bounds: [0.5, 1e308] }, admin);
    expect(bounds.status).toBe(400);
    expect((await bounds.json()).error).toBe(
      '"bounds" must have the lower above 0 and below 1, and the upper above 1 and at most 1000 (multiples of the design weight scaled to the population), e.g. [0.5, 2].',
    );
    const trim = await postJson(app, path, { source: 'population', trimUpper: 1e308 }, admin);
    expect(trim.status).toBe(400);
    expect((await trim.json()).error).toBe('"trimUpper" must be at most 1000 times the mean weight.');
    expect(await sql.get('SELECT count(*) AS n FROM weighting_runs')).toEqual({ n: 0 });
  });
});
