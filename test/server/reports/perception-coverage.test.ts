/**
 * Perception vs recorded crime when the stored crime does not cover the crime period: the demo
 * (SYNTHETIC answers, ILLUSTRATIVE population) with recorded crime made for the test as SYNTHETIC
 * input — the rows of the real January 2019 Maidstone file copied into other months (see below).
 *
 * A month not imported is unknown, never zero: with any month of a wave's period missing (or the
 * period not the wave's own), the report says so at the top (`coverage.warning`), in the CLI and
 * draws no ward, correlation or trend finding. With every month held, those findings come back.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../../analysis/perception/periods.js';
import { reportPerceptionCommand } from '../../../server/cli/commands/report-perception.js';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { DEMO_CRIME_FILE, loadDemoIfEmpty } from '../../../server/demo/load.js';
import { perceptionReport, type PerceptionReport } from '../../../server/reports/perception.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { type TestStore, testStore } from '../../helpers/store.js';

let t: TestStore;

const perceptionKinds = (r: PerceptionReport) => r.keyFindings.filter((f) => f.kind.startsWith('perception-')).map((f) => f.kind);

/**
 * SYNTHETIC test input: the real January 2019 rows with the month changed; burglary rows
 * `burglaryCopies` times, and the other rows of the LSOAs in `more` `more.copies` times.
 */
function writeMonth(month: string, burglaryCopies = 1, more?: { lsoas: Set<string>; copies: number }): string {
  const [header, ...lines] = readFileSync(DEMO_CRIME_FILE, 'utf8').trim().split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const moved = line.replace(/^([^,]*),2019-01,/, `$1,${month},`);
    const burglary = line.includes(',Burglary,');
    const planted = !burglary && more && [...more.lsoas].some((l) => line.includes(`,${l},`));
    for (let k = 0; k < (burglary ? burglaryCopies : planted ? more.copies : 1); k++) out.push(moved);
  }
  const file = join(t.dir, `SYNTHETIC-test-${month}-kent-street.csv`);
  writeFileSync(file, `${[header, ...out].join('\n')}\n`);
  return file;
}

const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(from, i));

beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  // Only the real January 2019 file: both demo waves (2025, 2026) are years later.
  await importCrimeFiles(t.store, [DEMO_CRIME_FILE]);
}, 60_000);

afterAll(() => t?.cleanup());

describe('crime that does not cover the wave (the demo: 2026 answers, January 2019 crime)', () => {
  let r: PerceptionReport;
  beforeAll(async () => {
    r = await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026', compareWave: '2025' });
  }, 60_000);

  it('says at the top which months the wave wants, which are held and which are missing', () => {
    expect(r.coverage.complete).toBe(false);
    expect(r.coverage.latestMonth).toBe('2019-01');
    expect(r.coverage.latestMonthLabel).toBe('January 2019');
    expect(r.coverage.wave).toMatchObject({
      from: '2018-02',
      to: '2019-01',
      label: 'February 2018 to January 2019',
      window: { from: '2025-11', to: '2026-10', label: 'November 2025 to October 2026' },
      monthsHeld: ['2019-01'],
      matchesWave: false,
      complete: false,
    });
    expect(r.coverage.wave.monthsWanted).toEqual(months('2018-02', 12));
    expect(r.coverage.wave.missingMonths).toEqual(months('2018-02', 11));
    expect(r.coverage.warning).toContain('Recorded crime does not cover the crime period of wave 2026 (November 2025 to October 2026)');
    expect(r.coverage.warning).toContain('of which only January 2019 is held');
    expect(r.coverage.warning).toContain('no ward, correlation or trend finding is drawn');
    // The old note called the missing months "none".
    expect(r.periods.wave.note).not.toMatch(/count as none/);
    expect(r.periods.wave.note).toMatch(/not counted as zero/);
  });

  it('draws no ward, correlation or trend finding, but keeps the survey findings', () => {
    // The ward tables still test the wards (they are figures, not claims); no sentence is written from them.
    expect(r.items.some((i) => i.wards.some((w) => w.crimeVsBorough.clear))).toBe(true);
    expect(r.items.some((i) => i.wards.some((w) => w.worryVsBorough.clear))).toBe(true);
    expect(perceptionKinds(r)).toEqual([]);
    expect(r.keyFindings.some((f) => f.kind === 'change')).toBe(true);
  });

  it('says why there is no crime trend instead of naming one period twice', () => {
    const trend = r.items.find((i) => i.question === 'worry_burglary')!.trend!.crime!;
    expect(trend.earlier.label).toBe('February 2018 to January 2019');
    expect(trend.ratio).toBeNull();
    expect(trend.reason).toBe(
      "Both waves are set beside the same crime period (February 2018 to January 2019), so the crime periods overlap and there is no change to test; import recorded crime for each wave's own months.",
    );
  });

  it('puts the warning first in the CLI output and the findings file', async () => {
    const out: string[] = [];
    const err: string[] = [];
    await reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'csv'], {
      store: t.store,
      out: (s) => out.push(s),
      err: (s) => err.push(s),
    });
    expect(out.join('\n').split('\n')[0]).toContain('Recorded crime does not cover the crime period of wave 2026');
    expect(err[1]).toContain('Recorded crime does not cover the crime period of wave 2026');
    const file = join(t.dir, 'perception.csv');
    await reportPerceptionCommand(['--survey', 'resident-safety', '--wave', '2026', '--format', 'csv', '--out', file], {
      store: t.store,
      out: () => {},
      err: () => {},
    });
    expect(readFileSync(join(t.dir, 'perception-findings.csv'), 'utf8').split('\n')[0]).toContain('Recorded crime does not cover the crime period');
  }, 60_000);
});

describe('crime for the waves’ own months', () => {
  let planted: { lsoas: Set<string>; copies: number; wardCode: string };
  beforeAll(async () => {
    // The 2025 wave closes on 1 July 2025 (last day of fieldwork 30 June): its period is July 2024 to June 2025.
    const { waves } = tablesOf(t.store.db);
    await t.store.db.update(waves).set({ closesAt: '2025-07-01T00:00:00.000Z' }).where(eq(waves.name, '2025'));
    // 2026 has no closing date: the 12 months to its last response (October 2026, the demo's), all
    // but October 2026 imported first. Burglary doubles between the two periods.
    // Recorded crime is over-dispersed, so no ward of the real month stands out enough on both worry
    // and crime; plant 4 times the crime (not burglary) in a ward whose worry clearly differs.
    const now = await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026' });
    const worried = now.items.find((i) => i.question === 'safe_dark_local' && i.crimeTypes.length > 1)!.wards.find((w) => w.worryVsBorough.clear)!;
    const lookup = readFileSync('surveys/areas/maidstone-lsoa11-ward19.csv', 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    planted = { lsoas: new Set(lookup.filter((c) => c[3] === worried.wardCode).map((c) => c[1])), copies: 4, wardCode: worried.wardCode };
    const earlier = months('2024-07', 12).map((m) => writeMonth(m, 1));
    const later = months('2025-11', 11).map((m) => writeMonth(m, 2, planted));
    await importCrimeFiles(t.store, [...earlier, ...later]);
  }, 120_000);

  it('uses the 12 months to the wave’s close, and counts a missing month as missing, not zero', async () => {
    const r = await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026', compareWave: '2025' });
    expect(r.coverage.compareWave).toMatchObject({
      from: '2024-07',
      to: '2025-06',
      label: 'July 2024 to June 2025',
      basis: 'the 12 months to the month the wave closed (its last day of fieldwork was 30 June 2025)',
      missingMonths: [],
      complete: true,
    });
    expect(r.coverage.wave).toMatchObject({ from: '2025-11', to: '2026-10', missingMonths: ['2026-10'], matchesWave: true, complete: false });
    expect(r.coverage.warning).toContain('1 of its 12 months are missing (October 2026)');
    expect(perceptionKinds(r)).toEqual([]);
    const trend = r.items.find((i) => i.question === 'worry_burglary')!.trend!.crime!;
    expect(trend.ratio).toBeNull();
    expect(trend.reason).toContain('only 11 of the 12 months of November 2025 to October 2026');
  }, 60_000);

  it('draws ward and trend findings again once every month is held, naming two distinct periods', async () => {
    await importCrimeFiles(t.store, [writeMonth('2026-10', 2, planted)]);
    const r = await perceptionReport(t.store, { slug: 'resident-safety', wave: '2026', compareWave: '2025' });
    expect(r.coverage).toMatchObject({ complete: true, warning: null, latestMonth: '2026-10', latestMonthLabel: 'October 2026' });
    expect(perceptionKinds(r)).toContain('perception-ward');
    const wardRefs = r.keyFindings.filter((f) => f.kind === 'perception-ward').flatMap((f) => f.figures);
    expect(wardRefs).toContainEqual(expect.objectContaining({ type: 'ward', wardCode: planted.wardCode }));
    const trend = r.keyFindings.find((f) => f.kind === 'perception-trend' && f.text.includes('of burglary'))!;
    // 110 burglaries a month in July 2024 to June 2025, 220 a month in November 2025 to October 2026.
    expect(trend.text).toMatch(/^The recorded count of burglary rose by 100% between July 2024 to June 2025 and November 2025 to October 2026 \(significant\)/);
  }, 60_000);
});
