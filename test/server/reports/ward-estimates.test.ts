/**
 * Small-area (Fay–Herriot) ward estimates on the demo: SYNTHETIC answers, ILLUSTRATIVE population,
 * and the REAL police.uk January 2019 Kent file (its Maidstone rows) for the crime covariate.
 * The model itself is checked against R in test/analysis/small-area/; here, that the service feeds
 * it the report's ward estimates and the crime rates, and the API and its refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fayHerriot } from '../../../analysis/small-area/fay-herriot.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { crimeRates } from '../../../server/crime/rates-report.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { createApp } from '../../../server/http/app.js';
import { perceptionReport } from '../../../server/reports/perception.js';
import { wardEstimates, type WardEstimates } from '../../../server/reports/ward-estimates.js';
import { signIn } from '../../helpers/officer.js';
import { type TestStore, testStore } from '../../helpers/store.js';

const KENT = 'server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv';
const BURGLARY = { slug: 'resident-safety', wave: '2026', question: 'worry_burglary', category: 'worried' };
const JANUARY_2019 = { from: '2019-01', to: '2019-01' };
let t: TestStore;
let withCrime: WardEstimates;

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  await expect(wardEstimates(t.store, { ...BURGLARY, covariate: 'crime-rate' })).rejects.toThrow(/No recorded crime has been imported/);
  await importCrimeFiles(t.store, [KENT]);
  withCrime = await wardEstimates(t.store, { ...BURGLARY, covariate: 'crime-rate', ...JANUARY_2019 });
}, 60_000);

afterAll(() => t?.cleanup());

const fitOf = (r: WardEstimates) => {
  const used = r.wards.filter((w) => w.model !== null);
  return {
    used,
    fit: fayHerriot(
      used.map((w) => w.direct!),
      used.map((w) => w.directSe! ** 2),
      r.covariate === 'none' ? undefined : used.map((w) => w.x!),
    ),
  };
};

describe('wardEstimates on the demo', () => {
  it('models the perception report’s ward estimates, with their design variances', async () => {
    const item = (await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026', ...JANUARY_2019 })).items.find(
      (i) => i.question === 'worry_burglary',
    )!;
    expect(withCrime.wards).toHaveLength(26);
    expect(withCrime.wardsInModel).toBe(26);
    withCrime.wards.forEach((w, i) => {
      expect(w.ward).toBe(item.wards[i].wardCode);
      expect(w.name).toBe(item.wards[i].ward);
      expect(w.n).toBe(item.wards[i].worry.n);
      expect(w.direct).toBe(item.wards[i].worry.estimate);
    });
    expect(withCrime.wards[0]).toMatchObject({ ward: 'E05004982', name: 'Allington' });
  });

  it('uses the recorded burglary rate per 1,000 residents over the period as x', async () => {
    const rates = await crimeRates(t.store, { ...JANUARY_2019, crimeType: 'Burglary' });
    expect(withCrime).toMatchObject({ covariate: 'crime-rate', crimeTypes: ['Burglary'], period: { from: '2019-01', to: '2019-01', months: 1 } });
    expect(withCrime.covariateLabel).toBe('burglary per 1,000 residents, January 2019');
    for (const w of withCrime.wards) expect(w.x).toBe(rates.wards.find((r) => r.wardCode === w.ward)!.rate);
    expect(withCrime.illustrativePopulationNotice).toMatch(/ILLUSTRATIVE/);
    expect(withCrime.syntheticNotice).toMatch(/SYNTHETIC/);
  });

  it('gives the Fay–Herriot EBLUPs and Prasad–Rao RMSEs of those inputs', () => {
    const { used, fit } = fitOf(withCrime);
    expect(fit.fallback).toBeNull();
    expect(withCrime.fallback).toBeNull();
    expect(withCrime.sigma2u).toBe(fit.sigma2u);
    expect(withCrime.sigma2u).toBeGreaterThan(0);
    expect(withCrime.coefficients).toEqual(fit.coefficients);
    used.forEach((w, i) => {
      expect(w.model).toBe(fit.areas[i].eblup);
      expect(w.modelRmse).toBe(Math.sqrt(fit.areas[i].mse));
      // The model borrows strength: its RMSE is below the ward's own SE.
      expect(w.modelRmse!).toBeLessThan(w.directSe!);
    });
  });

  it('fits an intercept-only model without a covariate, and then gives no x', async () => {
    const r = await wardEstimates(t.store, BURGLARY);
    expect(r).toMatchObject({ covariate: 'none', covariateLabel: null, crimeTypes: [], period: null, illustrativePopulationNotice: null });
    expect(r.coefficients).toHaveLength(1);
    expect(r.wards.every((w) => !('x' in w))).toBe(true);
    const { fit } = fitOf(r);
    expect(r.sigma2u).toBe(fit.sigma2u);
    expect(r.wards.map((w) => w.model)).toEqual(fit.areas.map((a) => a.eblup));
  });

  it('counts every type but anti-social behaviour for all-crime', async () => {
    const r = await wardEstimates(t.store, { ...BURGLARY, covariate: 'all-crime', ...JANUARY_2019 });
    const rates = await crimeRates(t.store, JANUARY_2019);
    expect(r.crimeTypes).not.toContain('Anti-social behaviour');
    for (const w of r.wards) expect(w.x).toBeCloseTo(rates.wards.find((x) => x.wardCode === w.ward)!.rate!, 12);
  });

  it('falls back to the direct estimates, saying why, when the REML between-ward variance is 0', async () => {
    const r = await wardEstimates(t.store, { slug: 'resident-safety', wave: '2026', question: 'safe_dark_local', category: 'neither' });
    expect(r.sigma2u).toBe(0);
    expect(r.fallback).toMatch(/between-area variance is 0.*direct estimates are shown/);
    for (const w of r.wards) {
      expect(w.model).toBe(w.direct);
      expect(w.modelRmse).toBe(w.directSe);
    }
  });

  it('refuses a crime period with months not imported (they would count as no crime)', async () => {
    // The default period is the 12 months to the wave's last response; only January 2019 is imported.
    await expect(wardEstimates(t.store, { ...BURGLARY, covariate: 'crime-rate' })).rejects.toThrow(
      'Recorded crime is imported for only 1 of the 12 months of February 2018 to January 2019; a missing month would count as no crime',
    );
    await expect(wardEstimates(t.store, { ...BURGLARY, covariate: 'crime-rate', from: '2018-12', to: '2019-01' })).rejects.toThrow(/only 1 of the 2 months/);
  });

  it('says when the crime period is not from the time of the survey', () => {
    expect(withCrime.notes).toEqual([
      "The crime period (January 2019) ends before the 12 months to the wave's last response (October 2026): crime and survey figures are not from the same time.",
    ]);
  });
});

describe('GET /api/officer/surveys/{slug}/waves/{wave}/ward-estimates', () => {
  const url = (q: string) => `/api/officer/surveys/resident-safety/waves/2026/ward-estimates?${q}`;

  it('needs a session, then gives the service’s document', async () => {
    const app = createApp({ store: t.store });
    const q = 'question=worry_burglary&category=worried&covariate=crime-rate&from=2019-01&to=2019-01';
    expect((await app.request(url(q))).status).toBe(401);
    const viewer = await signIn(app, t.store, 'viewer');
    const res = await app.request(url(q), { headers: viewer });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(withCrime)));
  }, 30_000);

  it('refuses with a message a person understands', async () => {
    const app = createApp({ store: t.store });
    const viewer = await signIn(app, t.store, 'viewer');
    const refusal = async (q: string, path = url(q)) => {
      const res = await app.request(path, { headers: viewer });
      return { status: res.status, body: await res.json() };
    };
    expect(await refusal('question=worry_unicorns&category=worried')).toEqual({
      status: 400,
      body: { error: "resident-safety has no question 'worry_unicorns'.", field: 'question' },
    });
    const noCategory = await refusal('question=worry_burglary&category=terrified');
    expect(noCategory.status).toBe(400);
    expect(noCategory.body.error).toBe(
      "'worry_burglary' has no category or net 'terrified'. It has: very_worried, fairly_worried, not_very_worried, not_at_all_worried, worried, not_worried.",
    );
    expect((await refusal('question=worry_burglary&category=worried&covariate=crime-rate&crimeType=Piracy&from=2019-01&to=2019-01')).body.error).toMatch(
      /^No recorded crime of type 'Piracy' is stored\. Stored types: Anti-social behaviour, Bicycle theft/,
    );
    expect((await refusal('question=worry_burglary&category=worried&covariate=sometimes')).status).toBe(400);
    expect((await refusal('question=worry_burglary&category=worried&covariate=crime-rate&from=2019-1&to=2019-01')).body.error).toMatch(
      /from must be a month written YYYY-MM/,
    );
    const youth = await refusal('', '/api/officer/surveys/youth-safety/waves/2026/ward-estimates?question=worry_knife&category=worried');
    expect(youth).toEqual({ status: 400, body: { error: 'youth-safety has no ward question, so there are no ward estimates to model.' } });
    expect((await refusal('question=ward&category=E05004982')).body.error).toBe('The ward question itself cannot be estimated ward by ward.');
    expect(
      (
        await refusal(
          'question=worry_burglary&category=worried',
          '/api/officer/surveys/resident-safety/waves/1999/ward-estimates?question=worry_burglary&category=worried',
        )
      ).status,
    ).toBe(404);
  }, 30_000);

  it('refuses when too few wards have enough answers (422)', async () => {
    // Keep the 2025 wave's answers in three wards only.
    const ward = t.store.kind === 'postgres' ? "answers ->> 'ward'" : "json_extract(answers, '$.ward')";
    await t.sql.run(
      `DELETE FROM responses WHERE wave_id = (SELECT w.id FROM waves w JOIN surveys s ON s.id = w.survey_id WHERE s.slug = 'resident-safety' AND w.name = '2025') AND ${ward} NOT IN ('E05004982', 'E05004983', 'E05004984')`,
    );
    const app = createApp({ store: t.store });
    const viewer = await signIn(app, t.store, 'viewer');
    const res = await app.request('/api/officer/surveys/resident-safety/waves/2025/ward-estimates?question=worry_burglary&category=worried', {
      headers: viewer,
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toBe(
      'Only 3 of the 26 wards can go into the model, which needs at least 4. 23 wards: No respondents in this ward.',
    );
  }, 30_000);
});

describe('a ward without a population figure', () => {
  it('is left out of a model with a crime covariate, with the reason, and the others are fitted', async () => {
    // Runs last: it changes the store.
    await t.sql.run("DELETE FROM population WHERE area_code = 'E05004982'");
    const r = await wardEstimates(t.store, { ...BURGLARY, covariate: 'crime-rate', ...JANUARY_2019 });
    expect(r.wardsInModel).toBe(25);
    const allington = r.wards.find((w) => w.ward === 'E05004982')!;
    expect(allington).toMatchObject({ name: 'Allington', x: null, model: null, modelRmse: null });
    expect(allington.direct).toBe(withCrime.wards[0].direct);
    expect(allington.reason).toBe('No population figure, so no crime rate: the ward is not in the model.');
    expect(r.notes).toContain('1 of 26 wards are not in the model: Allington.');
    const { fit } = fitOf(r);
    expect(r.wards.filter((w) => w.model !== null).map((w) => w.model)).toEqual(fit.areas.map((a) => a.eblup));
    // Without a covariate the population does not matter.
    expect((await wardEstimates(t.store, BURGLARY)).wardsInModel).toBe(26);
  });
});
