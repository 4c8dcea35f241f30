/**
 * Perception vs recorded crime on the demo: SYNTHETIC survey answers, ILLUSTRATIVE population, and
 * the REAL police.uk January 2019 Kent street-level file (its Maidstone rows) as recorded crime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, testStore } from '../../helpers/store.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { perceptionReport, type PerceptionReport } from '../../../server/reports/perception.js';
import { createApp } from '../../../server/http/app.js';
import { signIn } from '../../helpers/officer.js';
import { reportPerceptionCommand } from '../../../server/cli/commands/report-perception.js';
import { loadWaveData } from '../../../server/reports/wave-data.js';
import { buildWaveReport } from '../../../analysis/report/build-report.js';
import { Conflict } from '../../../server/errors.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { readXlsx } from '../../../server/formats/xlsx.js';
import { poissonRateTest } from '../../../analysis/crime/yoy.js';
import { bhAdjust } from '../../../analysis/inference/bh.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const KENT = 'server/demo/police-uk/police-uk-2019-01-kent-street-maidstone.csv';
let t: TestStore;
let report: PerceptionReport;

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  await expect(perceptionReport(t.store, { slug: 'resident-safety', wave: '2026' })).rejects.toThrow(/No recorded crime has been imported/);
  await importCrimeFiles(t.store, [KENT]);
  report = await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026', compareWave: '2025' });
}, 60_000);

afterAll(() => t?.cleanup());

describe('perceptionReport on the demo with the real Kent file', () => {
  it('carries the synthetic-data and illustrative-population notices and the crime period used', () => {
    expect(report.syntheticNotice).toMatch(/SYNTHETIC/);
    expect(report.illustrativePopulationNotice).toMatch(/ILLUSTRATIVE/);
    // The demo waves are in 2025/2026; the only crime imported is January 2019.
    expect(report.periods.wave).toMatchObject({ from: '2018-02', to: '2019-01', monthsWithData: 1, matchesWave: false });
    expect(report.periods.wave.note).toMatch(/not from the same time/);
  });

  it('has one item per worry question with crime types, and safety after dark against all crime and violence', () => {
    const keys = report.items.map((i) => `${i.question}/${i.category}/${i.crimeTypes.join('+')}`);
    expect(keys).toContain('worry_burglary/worried/Burglary');
    expect(keys).toContain('worry_knife/worried/Possession of weapons+Robbery');
    expect(keys).toContain('safe_dark_local/unsafe/Violence and sexual offences');
    const all = report.items.find((i) => i.question === 'safe_dark_local' && i.crimeTypes.length > 1)!;
    expect(all.crimeTypes).not.toContain('Anti-social behaviour');
    expect(report.items.some((i) => i.question === 'worry_fraud')).toBe(false);
  });

  it('gives a row per ward with worry, crime and the comparisons', () => {
    const item = report.items.find((i) => i.question === 'worry_burglary')!;
    expect(item.wards).toHaveLength(26);
    const row = item.wards.find((w) => w.wardCode === 'E05004982')!;
    expect(row.ward).toBe('Allington');
    expect(row).toMatchObject({
      worry: { estimate: expect.any(Number), ci: [expect.any(Number), expect.any(Number)], n: expect.any(Number), suppressed: false },
      crime: { count: expect.any(Number), population: expect.any(Number), rate: expect.any(Number), ci: [expect.any(Number), expect.any(Number)] },
      worryVsBorough: { difference: expect.any(Number), p: expect.any(Number), clear: expect.any(Boolean) },
      crimeVsBorough: { ratio: expect.any(Number), p: expect.any(Number), clear: expect.any(Boolean) },
    });
    expect(item.borough.crime!.count).toBe(item.wards.reduce((s, w) => s + w.crime.count, 0));
  });

  it('counts the real January 2019 Maidstone crime as the fixture README gives it', () => {
    // server/demo/police-uk/README.md: 1,588 rows in a Maidstone ward, 198 of them anti-social
    // behaviour; Burglary 110, Violence and sexual offences 647.
    const count = (q: string, types: number) =>
      report.items.find((i) => i.question === q && (types > 1 ? i.crimeTypes.length > 1 : i.crimeTypes.length === 1))!.borough.crime!.count;
    expect(count('worry_burglary', 1)).toBe(110);
    expect(count('worry_assault', 1)).toBe(647);
    expect(count('safe_dark_local', 2)).toBe(1588 - 198);
  });

  it('gives ward worry estimates equal to the report’s ward breakdown', async () => {
    const data = await loadWaveData(t.store, 'resident-safety', '2026');
    const q = data.questions.find((x) => x.name === 'worry_burglary')!;
    const byWard = buildWaveReport({
      questions: [q],
      breakdowns: data.breakdowns.filter((b) => b.name === 'ward'),
      answers: data.answers,
      weights: data.weights,
      calibration: data.calibration,
    });
    const item = report.items.find((i) => i.question === 'worry_burglary')!;
    for (const row of item.wards) {
      const e = byWard.estimates.find((x) => x.category === 'worried' && x.group?.value === row.wardCode)!;
      expect(row.worry.suppressed).toBe(e.suppressed);
      if (e.estimate === null) continue;
      expect(row.worry.estimate).toBeCloseTo(e.estimate, 12);
      expect(row.worry.ci![0]).toBeCloseTo(e.ci![0], 10);
      expect(row.worry.ci![1]).toBeCloseTo(e.ci![1], 10);
    }
  });

  it('computes Spearman over the unsuppressed wards, with a permutation p', () => {
    for (const item of report.items) {
      if (!('rho' in item.spearman)) throw new Error(`no correlation for ${item.question}: ${item.spearman.reason}`);
      expect(item.spearman.wards).toBe(item.wards.filter((w) => !w.worry.suppressed && w.crime.rate !== null).length);
      expect(item.spearman.method).toBe('permutation');
      expect(item.spearman.pValue).toBeGreaterThan(0);
      expect(Math.abs(item.spearman.rho)).toBeLessThanOrEqual(1);
    }
  });

  it('marks a quadrant only where both differences are clear', () => {
    for (const item of report.items) {
      for (const w of item.wards) {
        expect(w.marked).toBe(w.quadrant !== null && w.worryVsBorough.clear && w.crimeVsBorough.clear);
        if (w.worry.suppressed) expect(w.quadrant).toBeNull();
      }
      const counted = Object.values(item.quadrants).reduce((s, q) => s + q.wards, 0);
      expect(counted).toBe(item.wards.filter((w) => w.quadrant).length);
      expect(Object.values(item.quadrants).reduce((s, q) => s + q.marked.length, 0)).toBe(item.wards.filter((w) => w.marked).length);
    }
  });

  it('allows for over-dispersion of the real recorded crime: far fewer wards clearly differ than pure Poisson says', () => {
    for (const item of report.items) {
      const od = item.overdispersion;
      expect(od).toMatchObject({ method: 'multiplicative', winsorised: 0.1, wards: 26 });
      expect(od.factor).toBe(Math.max(1, od.phi!));
      for (const w of item.wards) {
        const f = w.crimeVsBorough.funnel!;
        expect(f.zAdjusted).toBeCloseTo(f.z / Math.sqrt(od.factor), 12);
        expect(w.crimeVsBorough.p).toBe(f.p);
        expect(w.crimeVsBorough.clear).toBe(w.crimeVsBorough.pAdjusted! < 0.05);
      }
    }
    // All crime in a month of police.uk data: the wards differ far more than Poisson chance (φ̂ > 1),
    // and the pure Poisson test (ward against the rest, BH-adjusted) calls many more wards clear.
    const all = report.items.find((i) => i.question === 'safe_dark_local' && i.crimeTypes.length > 1)!;
    expect(all.overdispersion.phi).toBeGreaterThan(1);
    const total = all.wards.reduce((s, w) => s + w.crime.count, 0);
    const people = all.wards.reduce((s, w) => s + w.crime.population, 0);
    const poisson = bhAdjust(
      all.wards.map((w) => poissonRateTest(w.crime.count, w.crime.population, total - w.crime.count, people - w.crime.population).pValue),
    );
    const clear = all.wards.filter((w) => w.crimeVsBorough.clear).length;
    expect(clear).toBeLessThan(poisson.filter((p) => p < 0.05).length / 4);
    // every ward still clear stands outside its 99.8% funnel limits
    for (const w of all.wards.filter((x) => x.crimeVsBorough.clear)) {
      const [lo, hi] = w.crimeVsBorough.funnel!.limits998;
      expect(w.crime.rate! > hi || w.crime.rate! < lo).toBe(true);
    }
    expect(report.method.join(' ')).toMatch(/over-dispersion/i);
  });

  it('gives the worry trend between the waves, and no crime trend when the periods coincide', () => {
    const item = report.items.find((i) => i.question === 'safe_dark_local')!;
    expect(item.trend!.worry).toMatchObject({ question: 'safe_dark_local', category: 'unsafe', from: { wave: '2025' }, to: { wave: '2026' } });
    expect(item.trend!.crime).toMatchObject({ ratio: null, p: null, significant: false, reason: expect.stringMatching(/overlap/) });
  });

  it('writes key findings only from marked wards and significant results, each with its figures', () => {
    expect(report.keyFindings.length).toBeGreaterThan(0);
    for (const f of report.keyFindings) {
      expect(f.figures.length).toBeGreaterThan(0);
      for (const ref of f.figures) {
        if (ref.type === 'ward') {
          const item = report.items.find((i) => i.question === ref.question && i.category === ref.category && i.crimeLabel === ref.crimeLabel)!;
          expect(item.wards.find((w) => w.wardCode === ref.wardCode)!.marked).toBe(true);
        }
      }
    }
    expect(report.keyFindings.some((f) => f.kind === 'change')).toBe(true);
  });
});

describe('API, CLI and errors', () => {
  it('serves the same JSON over HTTP', async () => {
    const app = createApp({ store: t.store });
    expect((await app.request('/api/officer/surveys/resident-safety/waves/2026/perception')).status).toBe(401);
    const viewer = await signIn(app, t.store, 'viewer');
    const res = await app.request('/api/officer/surveys/resident-safety/waves/2026/perception', { headers: viewer });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PerceptionReport;
    expect(body.compareWave).toBeNull();
    expect(body.items.map((i) => i.question)).toEqual(report.items.map((i) => i.question));
    expect(body.items[0].wards[0].crime).toEqual(report.items[0].wards[0].crime);
  }, 30_000);

  it('prints CSV from the CLI with a period given, and rejects a bad format', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--from', '2019-01', '--to', '2019-01', '--format', 'csv'], {
      store: t.store,
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    expect(code).toBe(0);
    const lines = out.join('\n').split('\n');
    expect(lines[0]).toMatch(/SYNTHETIC/);
    expect(lines.find((l) => l.startsWith('question,'))).toMatch(/^question,category,crime,ward,ward_code,worry/);
    expect(lines.filter((l) => l.startsWith('worry_burglary,worried,'))).toHaveLength(26);
    expect(err.join('\n')).toMatch(/ILLUSTRATIVE/);
    await expect(async () =>
      reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'xml'], { store: t.store, out: () => {}, err: () => {} }),
    ).rejects.toThrow(/json, csv or xlsx/);
  }, 30_000);

  it('writes an xlsx workbook with the notices, the ward table and the findings', async () => {
    const file = join(t.dir, 'perception.xlsx');
    const code = await reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'xlsx', '--out', file], {
      store: t.store,
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    const sheets = readXlsx(readFileSync(file));
    expect(sheets.map((s) => s.name)).toEqual(['About', 'wards', 'findings']);
    expect(JSON.stringify(sheets[0])).toMatch(/ILLUSTRATIVE/);
    expect(JSON.stringify(sheets[0])).toMatch(/SYNTHETIC/);
    expect(JSON.stringify(sheets[1])).toMatch(/Allington/);
    await expect(async () =>
      reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'xlsx'], { store: t.store, out: () => {}, err: () => {} }),
    ).rejects.toThrow(/give --out/);
  }, 30_000);

  it('says clearly when there is no population', async () => {
    await t.store.db.delete(tablesOf(t.store.db).population);
    try {
      await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026' });
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(Conflict);
      expect((e as Conflict).status).toBe(409);
      expect((e as Error).message).toMatch(/No population figures/);
    }
  });
});
