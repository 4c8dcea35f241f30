/**
 * What the zod declarations add to the respondent and paper routes: path and query parameters
 * checked (400, a readable message, nothing stored), and the OpenAPI document describing the
 * request bodies and every response.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../../helpers/officer.js';
import { RESIDENT, respondentWorld, responseCount, validResident, WAVE } from '../../helpers/respondent-fixtures.js';
import { postJson } from '../../helpers/store.js';

const world = await respondentWorld();
afterAll(() => world.cleanup());
const analyst = await signIn(world.app, world.store, 'analyst');

describe('parameters checked by the route schemas', () => {
  it('refuses a survey name longer than any survey has with 400 and stores nothing', async () => {
    const before = await responseCount(world.store);
    const res = await postJson(world.app, `/api/surveys/${'s'.repeat(101)}/responses`, { answers: validResident() });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/slug/);
    expect(await responseCount(world.store)).toBe(before);
  });

  it('refuses a bad skipInvalid on an import with 400 and stores nothing', async () => {
    const before = await responseCount(world.store);
    const res = await world.app.request(`/api/officer/surveys/${RESIDENT}/waves/${WAVE}/imports?skipInvalid=maybe`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...analyst },
      body: 'safe_home\nvery_safe\n',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("'skipInvalid' must be 1 or 0.");
    expect(await responseCount(world.store)).toBe(before);
  });

  it('answers a refused paper form with the 422 body the page reads (errors with wording)', async () => {
    const res = await postJson(world.app, `/api/officer/surveys/${RESIDENT}/waves/${WAVE}/paper`, { answers: { safe_home: 'nope' } }, analyst);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error).toMatch(/Nothing was stored/);
    expect(body.errors.find((e: { question: string }) => e.question === 'safe_home').title).toEqual(expect.any(String));
  });
});

describe('the OpenAPI document', () => {
  it('describes the submission body and each response of both submission routes', async () => {
    const doc = await (await world.app.request('/api/openapi.json')).json();
    for (const path of ['/api/surveys/{slug}/responses', '/api/links/{token}/responses']) {
      const op = doc.paths[path].post;
      expect(op.summary, path).not.toMatch(/^POST /);
      const schema = op.requestBody.content['application/json'].schema;
      const resolved = schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      expect(Object.keys(resolved.properties)).toEqual(['answers', 'idempotencyKey', 'status', 'page', 'locale']);
      // The public address refuses young people's questionnaires (403): they are answered through links only.
      const refused = path.includes('links') ? [] : ['403'];
      expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '400', ...refused, '404', '410', '413', '415', '422']);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual([path.includes('links') ? 'token' : 'slug']);
    }
    const imports = doc.paths['/api/officer/surveys/{slug}/waves/{wave}/imports'].post;
    expect(imports.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['slug', 'wave', 'skipInvalid', 'weightColumn']));
    expect(Object.keys(imports.responses)).toEqual(expect.arrayContaining(['201', '413', '415', '422']));
    expect(Object.keys(doc.paths['/api/officer/surveys/{slug}/import-guide.csv'].get.responses['200'].content)).toEqual(['text/csv']);
  });
});
