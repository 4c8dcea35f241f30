/** GET …/findings: a wave's headline figures and key findings, on the test store (SQLite or Postgres) holding the demo (SYNTHETIC responses). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { signIn } from '../../helpers/officer.js';
import { type TestStore, testApp, testStore } from '../../helpers/store.js';

let t: TestStore;
let a: ReturnType<typeof testApp>;
let viewer: Record<string, string>;
beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  a = testApp(t.store);
  viewer = await signIn(a, t.store, 'viewer');
});
afterAll(() => t.cleanup());

const get = (path: string) => a.request(path, { headers: viewer });
const base = '/api/officer/surveys/resident-safety/waves/2026';

describe('GET /api/officer/surveys/:slug/waves/:wave/findings', () => {
  it('is for signed-in officers only', async () => {
    const res = await a.request(`${base}/findings`);
    expect(res.status).toBe(401);
  });

  it('gives the figures of the report a viewer sees, with the synthetic-data notice', async () => {
    const res = await get(`${base}/findings`);
    expect(res.status).toBe(200);
    const f = await res.json();
    const report = await (await get(`${base}/report`)).json();
    expect(f.survey).toEqual(report.survey);
    expect(f.wave).toBe('2026');
    expect(f.compareWave).toBeNull();
    expect(f.n).toBe(report.n);
    expect(f.nEffective).toBe(report.nEffective);
    expect(f.weighting).toEqual(report.weighting);
    expect(f.weighting).toMatchObject({ kind: 'calibrated', illustrativeTargets: true });
    // 95% margin at 50% on the effective base.
    expect(f.marginOfError).toBeCloseTo(1.96 * Math.sqrt(0.25 / f.nEffective), 12);
    expect(f.syntheticNotice).toMatch(/SYNTHETIC/);
    expect(f.findings.every((x: { kind: string }) => x.kind !== 'change')).toBe(true);
  });

  it('adds the changes since the wave compared with', async () => {
    const f = await (await get(`${base}/findings?compareWave=2025`)).json();
    expect(f.compareWave).toBe('2025');
    const changes = f.findings.filter((x: { kind: string }) => x.kind === 'change');
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(c.text).toMatch(/2025/);
  });

  it('says what is wrong with a bad request', async () => {
    const same = await get(`${base}/findings?compareWave=2026`);
    expect(same.status).toBe(400);
    expect((await same.json()).error).toBe('Compare with a different wave.');
    const missing = await get('/api/officer/surveys/resident-safety/waves/1999/findings');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/1999/);
  });
});
