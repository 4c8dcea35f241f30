/**
 * Crime rates per 1,000 residents and XmR charts of monthly crime, from a real (temporary) store:
 * the January 2019 Maidstone fixture with made-up (illustrative) ward populations, and a second
 * store holding synthetic monthly counts with a jump. Then the Hono router and the CLI commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poissonCI } from '../../../analysis/crime/poisson-ci.js';
import { crimeCommand } from '../../../server/cli/commands/crime.js';
import { UsageError, type CliIO } from '../../../server/cli/io.js';
import { ensureAreas } from '../../../server/areas/areas.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { parsePopulationCsv, replacePopulation } from '../../../server/areas/population.js';
import { crimeRates } from '../../../server/crime/rates-report.js';
import { crimeSpc } from '../../../server/crime/spc-report.js';
import type { Store } from '../../../server/store/open.js';
import { createApp } from '../../../server/http/app.js';
import { signIn } from '../../helpers/officer.js';
import { Conflict, HttpError } from '../../../server/errors.js';
import { sqlOf, testStore, type TestStore } from '../../helpers/store.js';
import { MAIDSTONE_BY_TYPE, MAIDSTONE_ROWS, POLICE_UK_FILE as FIXTURE } from '../../helpers/police-uk.js';

/** fixture README: 1,588 Maidstone rows, of which 198 are anti-social behaviour */
const MAIDSTONE_ALL_CRIME = MAIDSTONE_ROWS - MAIDSTONE_BY_TYPE['Anti-social behaviour'];
const BURGLARY = MAIDSTONE_BY_TYPE.Burglary;

/** Made-up population: ward i (in code order) has 4,000 + 250·i residents. */
async function loadIllustrativePopulation(store: Store): Promise<Map<string, number>> {
  await ensureAreas(store);
  const codes = (await sqlOf(store).all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code")).map((r) => r.code);
  const pop = new Map(codes.map((c, i) => [c, 4000 + 250 * i]));
  const csv = ['area_code,sex,age_band,count', ...[...pop].map(([c, n]) => `${c},*,*,${n}`)].join('\n');
  await replacePopulation(store, parsePopulationCsv(csv, { source: 'made up for tests', illustrative: true }));
  return pop;
}

function captured(store: Store) {
  const io = { out: [] as string[], err: [] as string[] };
  const cli: CliIO = { store, out: (s) => io.out.push(s), err: (s) => io.err.push(s) };
  return { io, cli };
}

let police: TestStore;
let population: Map<string, number>;
let synthetic: TestStore;

// Synthetic store: Burglary in ward A, 2017-01 … 2018-12; stable in 2017, a jump in 2018.
const YEAR_2017 = [10, 12, 9, 11, 10, 13, 9, 11, 12, 10, 11, 10];
const YEAR_2018 = [20, 21, 19, 20, 22, 20, 21, 19, 20, 21, 20, 22];
const MONTHS = [
  ...Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 12 }, (_, i) => `2018-${String(i + 1).padStart(2, '0')}`),
];
let wardA: string;
let wardB: string;

beforeAll(async () => {
  police = await testStore();
  await ensureAreas(police.store);
  await importCrimeFiles(police.store, [FIXTURE]);
  population = await loadIllustrativePopulation(police.store);

  synthetic = await testStore();
  await ensureAreas(synthetic.store);
  [wardA, wardB] = (await synthetic.sql.all<{ code: string }>("SELECT code FROM areas WHERE kind = 'ward' ORDER BY code LIMIT 2")).map((r) => r.code);
  const insert = (...row: unknown[]) =>
    synthetic.sql.run('INSERT INTO crime (month, area_code, crime_type, count, source_file) VALUES (?, ?, ?, ?, ?)', ...row);
  for (const [i, n] of [...YEAR_2017, ...YEAR_2018].entries()) {
    await insert(MONTHS[i], wardA, 'Burglary', n, 'synthetic');
    // anti-social behaviour every month: never part of "all crime"
    await insert(MONTHS[i], wardA, 'Anti-social behaviour', 50, 'synthetic');
  }
  // ward B has burglaries in two months only: the other months must read 0
  await insert('2017-03', wardB, 'Burglary', 4, 'synthetic');
  await insert('2018-07', wardB, 'Burglary', 6, 'synthetic');
});
afterAll(async () => {
  await police?.cleanup();
  await synthetic?.cleanup();
});

describe('crimeRates', () => {
  it('counts all crime except anti-social behaviour, and says so', async () => {
    const r = await crimeRates(police.store, { from: '2019-01', to: '2019-01' });
    expect(r.allCrime).toBe(true);
    expect(r.crimeType).toMatch(/not counting anti-social behaviour/);
    expect(r.borough.count).toBe(MAIDSTONE_ALL_CRIME);
    expect(r.wards.reduce((s, w) => s + w.count, 0)).toBe(MAIDSTONE_ALL_CRIME);
    expect(r.notes.join(' ')).toMatch(/anti-social behaviour/);
    expect(r.per).toBe(1000);
  });

  it('gives each ward count / population × 1000 with the exact Poisson interval around it', async () => {
    const r = await crimeRates(police.store, { from: '2019-01', to: '2019-01' });
    expect(r.wards).toHaveLength(26);
    for (const w of r.wards) {
      expect(w.population).toBe(population.get(w.wardCode));
      expect(w.rate).toBeCloseTo((w.count / w.population!) * 1000, 12);
      // R: poisson.test(count, population / 1000)$conf.int
      const ci = poissonCI(w.count, w.population! / 1000);
      expect(w.ci).toEqual([ci.lower, ci.upper]);
      expect(w.ci![0]).toBeLessThan(w.rate!);
      expect(w.ci![1]).toBeGreaterThan(w.rate!);
    }
    const total = [...population.values()].reduce((a, b) => a + b, 0);
    expect(r.borough.population).toBe(total);
    expect(r.borough.rate).toBeCloseTo((MAIDSTONE_ALL_CRIME / total) * 1000, 12);
    const b = poissonCI(MAIDSTONE_ALL_CRIME, total / 1000);
    expect(r.borough.ci).toEqual([b.lower, b.upper]);
  });

  it('flags illustrative populations, and has no year-on-year change without the year before', async () => {
    const r = await crimeRates(police.store, { from: '2019-01', to: '2019-01' });
    expect(r.illustrativePopulationNotice).toMatch(/ILLUSTRATIVE/);
    expect(r.previous).toBeNull();
    expect(r.change).toBeNull();
    expect(r.notes.join(' ')).toMatch(/one year earlier \(January 2018\) are not all stored/);
  });

  it('takes one crime type', async () => {
    const r = await crimeRates(police.store, { from: '2019-01', to: '2019-01', crimeType: 'Burglary' });
    expect(r.allCrime).toBe(false);
    expect(r.borough.count).toBe(BURGLARY);
  });

  it('compares with the same months a year earlier by the exact Poisson test', async () => {
    await loadIllustrativePopulation(synthetic.store);
    const r = await crimeRates(synthetic.store, { from: '2018-01', to: '2018-03' });
    expect(r.borough.count).toBe(20 + 21 + 19);
    expect(r.previous).toMatchObject({ period: { from: '2017-01', to: '2017-03' }, count: 10 + 12 + 9 + 4 });
    expect(r.previous!.rate).toBeCloseTo((35 / r.borough.population) * 1000, 12);
    // R: t <- poisson.test(c(60, 35), c(1, 1)); t$estimate; t$conf.int; t$p.value
    expect(r.change!.ratio).toBeCloseTo(1.714285714285714, 12);
    expect(r.change!.ci[0]).toBeCloseTo(1.1116169691202533, 9);
    expect(r.change!.ci[1]).toBeCloseTo(2.680329771041152, 9);
    expect(r.change!.p).toBeCloseTo(0.01337870302600391, 9);
    expect(r.change!.significant).toBe(true);
  });

  it('refuses bad months, unknown types, and periods or stores without data, clearly', async () => {
    const fails = async (f: () => Promise<unknown>, status: number, message: RegExp) => {
      try {
        await f();
      } catch (e) {
        expect(e).toBeInstanceOf(HttpError);
        expect((e as HttpError).status).toBe(status);
        expect((e as Error).message).toMatch(message);
        return;
      }
      throw new Error('expected an error');
    };
    await fails(() => crimeRates(police.store, { from: '2019-1', to: '2019-01' }), 400, /from must be a month written YYYY-MM/);
    await fails(() => crimeRates(police.store, { from: '2019-02', to: '2019-01' }), 400, /period is empty/);
    await fails(() => crimeRates(police.store, { from: '2019-01', to: '2019-01', crimeType: 'Arson' }), 400, /No recorded crime of type 'Arson'.*Burglary/);
    await fails(() => crimeRates(police.store, { from: '2020-01', to: '2020-12' }), 409, /No recorded crime is stored for January 2020 to December 2020/);
    const empty = await testStore();
    try {
      await ensureAreas(empty.store);
      await empty.sql.run("INSERT INTO crime (month, area_code, crime_type, count, source_file) VALUES ('2019-01', ?, 'Burglary', 3, 'x')", wardA);
      await fails(() => crimeRates(empty.store, { from: '2019-01', to: '2019-01' }), 409, /No population figures/);
    } finally {
      await empty.cleanup();
    }
  });
});

describe('crimeSpc', () => {
  it('flags every 2018 month above the 2017 limits and the shift, naming the months', async () => {
    const r = await crimeSpc(synthetic.store, { crimeType: 'Burglary', ward: wardA, baselineFrom: '2017-01', baselineTo: '2017-12' });
    expect(r.months.map((m) => m.month)).toEqual(MONTHS);
    expect(r.months.map((m) => m.count)).toEqual([...YEAR_2017, ...YEAR_2018]);
    // centre = 128 / 12; mean moving range = 22 / 11 = 2; limits = centre ± 2.66 · 2
    expect(r.centre).toBeCloseTo(128 / 12, 12);
    expect(r.meanMovingRange).toBeCloseTo(2, 12);
    expect(r.upperLimit).toBeCloseTo(128 / 12 + 5.32, 12);
    expect(r.lowerLimit).toBeCloseTo(128 / 12 - 5.32, 12);
    expect(r.baseline).toEqual({ from: '2017-01', to: '2017-12', points: 12 });
    const outside = r.signals.filter((s) => s.kind === 'outside-limits');
    expect(outside.map((s) => s.months[0])).toEqual(MONTHS.slice(12));
    expect(outside.every((s) => s.direction === 'high')).toBe(true);
    expect(r.signals.filter((s) => s.kind === 'shift')).toEqual([expect.objectContaining({ direction: 'high', months: MONTHS.slice(12) })]);
    expect(r.signals.filter((s) => s.kind === 'trend')).toEqual([]);
    expect(r.months.slice(0, 12).every((m) => !m.signals.includes('outside-limits'))).toBe(true);
    expect(r.note).toBeNull();
  });

  it('screens the jump out of the mean moving range when the baseline spans it', async () => {
    const r = await crimeSpc(synthetic.store, { crimeType: 'Burglary', ward: wardA });
    // moving ranges: 22 in 2017, 10 from 2017-12 to 2018-01, 16 in 2018 → mean 48 / 23 = 2.087;
    // 10 ≥ 3.267 × 2.087 = 6.82 is screened out, so mR̄ = 38 / 22
    expect(r.meanMovingRangeUnscreened).toBeCloseTo(48 / 23, 12);
    expect(r.screenedMovingRanges).toEqual(['2018-01']);
    expect(r.meanMovingRange).toBeCloseTo(38 / 22, 12);
    expect(r.upperLimit).toBeCloseTo(r.centre + (2.66 * 38) / 22, 12);
    expect(r.months.filter((m) => m.movingRangeScreened).map((m) => m.month)).toEqual(['2018-01']);
  });

  it('defaults to all crime except anti-social behaviour over the borough, with all months as baseline', async () => {
    const r = await crimeSpc(synthetic.store);
    const expected = [...YEAR_2017, ...YEAR_2018];
    expected[2] += 4; // ward B, 2017-03
    expected[18] += 6; // ward B, 2018-07
    expect(r.months.map((m) => m.count)).toEqual(expected);
    expect(r.ward).toBeNull();
    expect(r.baseline).toEqual({ from: '2017-01', to: '2018-12', points: 24 });
    expect(r.centre).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / 24, 12);
  });

  it('fills months without crime in the ward with 0, and warns when the baseline is short', async () => {
    const r = await crimeSpc(synthetic.store, { ward: wardB, baselineFrom: '2017-01', baselineTo: '2017-06' });
    expect(r.months).toHaveLength(24);
    expect(r.months.filter((m) => m.count > 0).map((m) => [m.month, m.count])).toEqual([
      ['2017-03', 4],
      ['2018-07', 6],
    ]);
    expect(r.notStored).toEqual([]);
    expect(r.note).toMatch(/only 6 months/);
  });

  it('refuses an unknown ward, a bad month, and a baseline outside the stored months', async () => {
    await expect(crimeSpc(synthetic.store, { ward: 'E99999999' })).rejects.toThrow(/no ward with code 'E99999999'/);
    await expect(crimeSpc(synthetic.store, { baselineFrom: '2017-13' })).rejects.toThrow(/baselineFrom must be a month written YYYY-MM/);
    await expect(crimeSpc(synthetic.store, { baselineFrom: '2016-01', baselineTo: '2017-12' })).rejects.toThrow(
      /outside the stored months \(2017-01 to 2018-12\)/,
    );
    // one month only: no chart
    await expect(crimeSpc(police.store)).rejects.toThrow(/an XmR chart needs at least 2 months/);
  });
});

/** The crime API as the product serves it, to a signed-in viewer: GET /api/officer/crime/… */
async function viewerApi(store: Store) {
  const app = createApp({ store });
  const headers = await signIn(app, store, 'viewer');
  return { request: (path: string) => app.request(`/api/officer${path}`, { headers }), anonymous: (path: string) => app.request(`/api/officer${path}`) };
}

describe('crimeRoutes', () => {
  it('refuses anonymous callers', async () => {
    const api = await viewerApi(police.store);
    for (const path of ['/crime/rates?from=2019-01&to=2019-01', '/crime/spc', '/crime/available']) expect((await api.anonymous(path)).status, path).toBe(401);
  });

  it('returns the same JSON as the functions', async () => {
    const app = await viewerApi(police.store);
    const res = await app.request('/crime/rates?from=2019-01&to=2019-01');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(await crimeRates(police.store, { from: '2019-01', to: '2019-01' }))));
    const spc = await (await viewerApi(synthetic.store)).request(`/crime/spc?crimeType=Burglary&ward=${wardA}&baselineFrom=2017-01&baselineTo=2017-12`);
    expect(spc.status).toBe(200);
    const body = await spc.json();
    expect(body.signals.find((s: { kind: string }) => s.kind === 'shift').months).toEqual(MONTHS.slice(12));
  });

  it('answers 400 for malformed months and 409 when nothing is stored', async () => {
    const app = await viewerApi(police.store);
    for (const url of ['/crime/rates?from=2019-1&to=2019-01', '/crime/rates?to=2019-01', '/crime/spc?baselineFrom=Jan-2017']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect((await res.json()).error).toMatch(/month written YYYY-MM/);
    }
    const res = await app.request('/crime/rates?from=2021-01&to=2021-02');
    expect(res.status).toBe(409);
  });

  it('refuses a missing or malformed month with the sentence naming the parameter', async () => {
    const app = await viewerApi(police.store);
    const cases: [string, string][] = [
      ['/crime/rates?from=2019-01', 'Give to as a month written YYYY-MM.'],
      ['/crime/rates?from=2019-13&to=2019-01', "from must be a month written YYYY-MM (e.g. 2019-01), not '2019-13'."],
      ['/crime/spc?baselineTo=2019', "baselineTo must be a month written YYYY-MM (e.g. 2019-01), not '2019'."],
    ];
    for (const [url, error] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect((await res.json()).error, url).toBe(error);
    }
  });

  it('declares from and to as required month query parameters in the OpenAPI document', async () => {
    const doc = await (await createApp({ store: police.store }).request('/api/openapi.json')).json();
    const params = doc.paths['/api/officer/crime/rates'].get.parameters as { name: string; in: string; required?: boolean }[];
    expect(params.filter((p) => p.in === 'query' && p.required).map((p) => p.name)).toEqual(['from', 'to']);
    expect(doc.paths['/api/officer/crime/rates'].get.tags).toEqual(['crime']);
  });
});

describe('crime rates / crime spc commands', () => {
  it('prints rates as JSON and CSV', async () => {
    const { io, cli } = captured(police.store);
    expect(await crimeCommand(['rates', '--from', '2019-01', '--to', '2019-01', '--format', 'json'], cli)).toBe(0);
    expect(JSON.parse(io.out.join('\n')).borough.count).toBe(MAIDSTONE_ALL_CRIME);

    const csv = captured(police.store);
    expect(await crimeCommand(['rates', '--from', '2019-01', '--to', '2019-01', '--crime-type', 'Burglary'], csv.cli)).toBe(0);
    const lines = csv.io.out.join('\n').split('\n');
    expect(lines[0]).toBe('area,area_code,crime_type,from,to,count,population,rate_per_1000,lower,upper');
    expect(lines).toHaveLength(1 + 26 + 1);
    expect(lines.at(-1)).toMatch(/^Borough,,Burglary,2019-01,2019-01,110,/);
    expect(csv.io.err.join('\n')).toMatch(/ILLUSTRATIVE/);
  });

  it('prints an SPC chart as CSV with the signals on stderr, and JSON', async () => {
    const { io, cli } = captured(synthetic.store);
    const args = ['spc', '--crime-type', 'Burglary', '--ward', wardA, '--baseline-from', '2017-01', '--baseline-to', '2017-12'];
    expect(await crimeCommand(args, cli)).toBe(0);
    const lines = io.out.join('\n').split('\n');
    expect(lines[0]).toBe('month,count,moving_range,in_baseline,centre,lower_limit,upper_limit,signals');
    expect(lines).toHaveLength(25);
    expect(lines[13]).toMatch(/^2018-01,20,10,false,.*outside-limits/);
    expect(io.err.join('\n')).toMatch(/Signal: 12 points in a row above the centre line \(2018-01, .*2018-12\)/);

    const json = captured(synthetic.store);
    expect(await crimeCommand([...args, '--format', 'json'], json.cli)).toBe(0);
    expect(JSON.parse(json.io.out.join('\n')).baseline.points).toBe(12);
  });

  it('turns bad input into usage errors', async () => {
    const { cli } = captured(police.store);
    await expect(crimeCommand(['rates', '--from', '2019-01'], cli)).rejects.toThrow(/Missing --to/);
    await expect(crimeCommand(['rates', '--from', '201901', '--to', '2019-01'], cli)).rejects.toThrow(UsageError);
    await expect(crimeCommand(['spc', '--format', 'xml'], cli)).rejects.toThrow(/--format must be json or csv/);
    await expect(crimeCommand(['rates', '--from', '2020-01', '--to', '2020-01'], cli)).rejects.toThrow(Conflict);
  });
});
