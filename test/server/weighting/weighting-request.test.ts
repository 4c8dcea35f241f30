/**
 * The weighting run's declared request and errors: the body checked by its schema (400 with the
 * field, nothing stored), the size limit, the OpenAPI document, and the analysis code's refusals
 * reaching the caller as a 422 of our own error family (not through createApp's legacy names).
 */
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { type HttpError, Unprocessable } from '../../../server/errors.js';
import { MAX_WEIGHTING_BODY_BYTES } from '../../../server/http/routes/officer-weighting.js';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { parseMargins } from '../../../server/weighting/margins.js';
import { runWeighting } from '../../../server/weighting/run.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
const { weightingRuns } = tablesOf(store.db);
await loadDemoIfEmpty(store);

const PATH = '/api/officer/surveys/resident-safety/waves/2026/weighting';
const runs = async () => (await first(store.db.select({ n: sql<number>`count(*)` }).from(weightingRuns)))!.n;
const weights = () => world.sql.all('SELECT weight FROM responses ORDER BY id');
const analyst = await signIn(app, EMAILS.analyst);

function post(body: string, headers: Record<string, string> = {}) {
  return app.request(PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...analyst.headers, ...headers }, body });
}

describe('the weighting run request', () => {
  it('refuses each bad field with 400, a sentence naming it, and the field; nothing is stored', async () => {
    const before = { runs: await runs(), weights: await weights() };
    const cases: [unknown, string, RegExp][] = [
      [{ source: 'census' }, 'source', /^"source" must be "population" or "margins"\. Send JSON/],
      [{ source: 'margins', margins: '   ' }, 'margins', /^"margins" must be the text of a CSV file/],
      [{ source: 'margins', margins: 42 }, 'margins', /^"margins" must be the text of a CSV file/],
      [{ source: 'population', unmatched: 'keep' }, 'unmatched', /^"unmatched" must be "impute", "error" or "exclude"\.$/],
      [{ source: 'population', method: 'raking' }, 'method', /^"method" must be "rake", "linear" or "logit"\.$/],
      [{ source: 'population', method: 'logit' }, 'bounds', /^Logit calibration needs "bounds"/],
      [{ source: 'population', method: 'linear', bounds: [1.2, 2] }, 'bounds', /^"bounds" must have the lower above 0 and below 1/],
      [{ source: 'population', method: 'linear', bounds: [0, 2] }, 'bounds', /^"bounds" must have the lower above 0 and below 1/],
      [{ source: 'population', method: 'linear', bounds: [0.5] }, 'bounds', /^"bounds" must be two numbers/],
      [{ source: 'population', bounds: [0.5, 2] }, 'bounds', /^"bounds" are for linear or logit calibration/],
      [{ source: 'population', method: 'logit', bounds: [0.5, 2], trimUpper: 3 }, 'trimUpper', /^Trimming is for raking/],
      [{ source: 'population', trimRounds: 5 }, 'trimRounds', /^"trimRounds" needs "trimUpper" or "trimLower"\.$/],
      [{ source: 'population', trimUpper: 3, trimRounds: 0 }, 'trimRounds', /^"trimRounds" must be a whole number from 1 to 100\.$/],
      [{ source: 'population', trimUpper: 'five' }, 'trimUpper', /^"trimUpper" must be a positive number \(a multiple of the mean weight\), not "five"\.$/],
      [{ source: 'population', trimUpper: -2 }, 'trimUpper', /not -2\.$/],
      [{ source: 'population', trimUpper: 0.5 }, 'trimUpper', /^"trimUpper" must be above 1/],
      [{ source: 'population', trimLower: 1.5 }, 'trimLower', /^"trimLower" must be below 1/],
      [{ source: 'population', illustrative: false }, 'illustrative', /only for an uploaded margins file/],
      [{ source: 'margins', margins: 'x', illustrative: 'yes' }, 'illustrative', /^"illustrative" must be true or false\.$/],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(JSON.stringify(body));
      expect(res.status, JSON.stringify(body)).toBe(400);
      const json = await res.json();
      expect(json.error, JSON.stringify(body)).toMatch(message);
      expect(json.field, JSON.stringify(body)).toBe(field);
    }
    expect({ runs: await runs(), weights: await weights() }).toEqual(before);
  });

  it('says how to call it when the body is not an object, is not JSON, or is not sent as JSON', async () => {
    const array = await post('[]');
    expect(array.status).toBe(400);
    expect((await array.json()).error).toMatch(/^Send JSON \{"source": "population"\}/);
    const broken = await post('{"source": ');
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toMatch(/not valid JSON/);
    const text = await post('source=population', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect((await text.json()).error).toMatch(/Content-Type: application\/json/);
  });

  it('takes null trimming bounds as none', async () => {
    const res = await post(JSON.stringify({ source: 'population', unmatched: 'exclude', trimUpper: null, trimLower: null }));
    expect(res.status).toBe(200);
    const r = await res.json();
    expect(r).toMatchObject({ method: 'raking', variables: ['sex', 'age_band', 'ward'], trimmed: 0 });
    expect(r.respondents).toBe(r.diagnostics.n);
    const latest = await (await app.request(PATH, { headers: analyst.headers })).json();
    expect(latest.diagnostics.trim).toBeNull();
  });

  it('refuses a body over 256 KB with 413, and stores nothing', async () => {
    const before = await runs();
    const margins = `variable,category,target\n${'sex,female,1\n'.repeat(MAX_WEIGHTING_BODY_BYTES / 12)}`;
    const res = await post(JSON.stringify({ source: 'margins', margins }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 256 KB/);
    expect(await runs()).toBe(before);
  });

  it('answers a target cell without respondents with 422 from our own error family', async () => {
    // "other" has a target but nobody answered it: the analysis code refuses (WeightingError).
    const csv = 'variable,category,target\nsex,female,5000\nsex,male,4800\nsex,prefer_not_say,100\nsex,other,50\n';
    let thrown: unknown;
    try {
      await runWeighting(store, { slug: 'resident-safety', wave: '2026', margins: parseMargins(csv), unmatched: 'exclude' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Unprocessable);
    expect((thrown as HttpError).status).toBe(422);
    expect((thrown as Error).message).toMatch(/other/);
    const res = await post(JSON.stringify({ source: 'margins', margins: csv, unmatched: 'exclude' }));
    expect(res.status).toBe(422);
    expect((await res.json()).error).toBe((thrown as Error).message);
  });

  it('refuses a bad margins file with an Unprocessable', () => {
    expect(() => parseMargins('variable,category\nsex,female\n')).toThrow(Unprocessable);
  });
});

describe('the weighting operations in the OpenAPI document', () => {
  it('declares the run body, the responses of every status, and the roles', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    const run = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/weighting'].post;
    expect(run.summary).toMatch(/^Weight the wave/);
    expect(run.tags).toEqual(['weighting']);
    expect([...run['x-roles']].sort()).toEqual(['admin', 'analyst']);
    expect(run.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/WeightingRequest');
    expect(Object.keys(run.responses).sort()).toEqual(['200', '400', '401', '403', '404', '413', '415', '422', '503']);
    const body = doc.components.schemas.WeightingRequest;
    expect(body.required).toEqual(['source']);
    expect(body.properties.source.enum).toEqual(['population', 'margins']);
    const latest = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/weighting'].get;
    expect(Object.keys(latest.responses).sort()).toEqual(['200', '401', '403', '404']);
    const targets = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/weighting/population-targets'].get;
    expect(targets.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/PopulationTargets');
    expect(doc.components.schemas.LatestWeightingRun.properties.diagnostics.$ref).toBe('#/components/schemas/WeightingDiagnostics');
  });
});
