/**
 * The lean report (the API's default) on the demo (2,200 SYNTHETIC replies in wave 2026, 1,800 in
 * 2025) through the real app and its worker pool: the report by ward, sex and age band with the
 * change since 2025 fits in 2 MB (it is over 4 MB in full), and it holds every number and label of
 * the full report: the full rows rebuilt from it equal the full report's (`detail=full`).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallBaseCaution } from '../../../analysis/report/build-report.js';
import { REPORT_DIGITS } from '../../../server/reports/lean-report.js';
import type { SurveyReport, SurveyReportLean } from '../../../server/reports/schemas.js';
import { tablesOf } from '../../../server/store/dialect.js';
import { demoWorld, HEAVY, REPORT } from '../jobs/demo-world.js';

let w: Awaited<ReturnType<typeof demoWorld>>;
let leanBytes: number;
let fullBytes: number;
let lean: SurveyReportLean;
let full: SurveyReport;

beforeAll(async () => {
  w = await demoWorld({ workers: 1 });
  const [a, b] = await Promise.all([w.get(HEAVY), w.get(`${HEAVY}&detail=full`)]);
  expect([a.status, b.status]).toEqual([200, 200]);
  const [leanBody, fullBody] = await Promise.all([a.arrayBuffer(), b.arrayBuffer()]);
  leanBytes = leanBody.byteLength;
  fullBytes = fullBody.byteLength;
  lean = JSON.parse(new TextDecoder().decode(leanBody));
  full = JSON.parse(new TextDecoder().decode(fullBody));
}, 240_000);
afterAll(() => w?.cleanup());

/** A number as the lean report gives it (written here from the rule, not taken from the server's code). */
const digits = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(13)) : v);
const roundedRow = <T extends object>(row: T) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Array.isArray(v) ? v.map(digits) : digits(v)]));

/** JSON has no NaN or Infinity: they are null (t of a difference with no variance). */
const finite = (x: number | null) => (x !== null && Number.isFinite(x) ? x : null);

/** The full rows again from the lean columns, by the rules the lean report's schema states. */
function rebuilt(r: SurveyReportLean) {
  const e = r.estimates;
  const estimates = e.question.map((question, i) => {
    const q = r.labels.questions[question];
    const { label, net } = q.categories[e.category[i]];
    const variable = e.variable[i];
    const value = e.value[i];
    const nEffective = e.nEffective[i];
    return {
      question,
      construct: q.construct,
      category: e.category[i],
      label,
      net,
      group: variable === null || value === null ? null : { variable, value, label: r.labels.groups[variable][value] },
      n: e.n[i],
      nEffective,
      estimate: e.estimate[i],
      se: e.se[i],
      ci: e.ci[i],
      suppressed: e.suppressed[i],
      ...(e.reason[i] === null ? {} : { reason: e.reason[i] }),
      ...(nEffective !== null && nEffective < r.cautionBelow ? { caution: smallBaseCaution(nEffective) } : {}),
      ...(e.fixedByWeighting[i] === null ? {} : { fixedByWeighting: e.fixedByWeighting[i] }),
      ...(e.df[i] === null ? {} : { df: e.df[i] }),
    };
  });
  const estimateOf = new Map(estimates.map((x) => [`${x.question} ${x.category} ${x.group?.variable} ${x.group?.value}`, x.estimate]));
  const c = r.comparisons;
  const comparisons = c.question.map((question, i) => ({
    question,
    category: c.category[i],
    variable: c.variable[i],
    against: c.against[i],
    a: c.a[i],
    b: c.b[i],
    estimateA: estimateOf.get(`${question} ${c.category[i]} ${c.variable[i]} ${c.a[i]}`),
    estimateB: c.estimateB[i],
    difference: c.difference[i],
    se: c.se[i],
    t: finite(c.difference[i] === null || c.se[i] === null ? null : c.difference[i]! / c.se[i]!),
    p: c.p[i],
    pAdjusted: c.pAdjusted[i],
    significant: c.significant[i],
    suppressed: c.suppressed[i],
    ...(c.reason[i] === null ? {} : { reason: c.reason[i] }),
  }));
  return { estimates, comparisons };
}

describe('the lean report of the demo wave by ward, sex and age band with the change since 2025', () => {
  it('is at most 2,000,000 bytes, under half the full report', () => {
    console.log(`lean ${leanBytes} bytes, full ${fullBytes} bytes`);
    expect(lean.detail).toBe('lean');
    expect(full.detail).toBe('full');
    expect(leanBytes).toBeLessThanOrEqual(2_000_000);
    expect(leanBytes).toBeLessThan(fullBytes / 2);
  });

  it('gives every estimate of the full report, each field as in full (numbers to 13 significant digits)', () => {
    const { estimates } = rebuilt(lean);
    expect(estimates).toHaveLength(full.estimates.length);
    expect(estimates.length).toBeGreaterThan(5000);
    // Row by row, so a difference names its row.
    for (const [i, e] of estimates.entries()) expect(e, `estimate ${i}`).toEqual(roundedRow(full.estimates[i]));
  });

  it('gives every comparison of the full report: estimateA is the estimate of group a, t is difference / se', () => {
    const { comparisons } = rebuilt(lean);
    expect(comparisons).toHaveLength(full.comparisons.length);
    expect(new Set(comparisons.map((c) => c.variable))).toEqual(new Set(['ward', 'sex', 'age_band']));
    for (const [i, c] of comparisons.entries()) {
      const f = full.comparisons[i];
      // The full report gives t to 13 digits; difference / se from the 13-digit lean figures agrees to about 12.
      if (f.t === null) expect(c.t).toBeNull();
      else expect(Math.abs(c.t! - f.t), `t of comparison ${i}`).toBeLessThanOrEqual(Math.abs(f.t) * 10 ** (2 - REPORT_DIGITS));
      // The full report's estimateA (given there to 13 digits) is the group's estimate.
      expect({ ...c, t: f.t, estimateA: digits(c.estimateA) }, `comparison ${i}`).toEqual(f);
    }
  });

  it('gives everything else as in full: method, bases, rules, associations and changes', () => {
    const { detail: _l, labels: _x, cautionBelow, estimates: _e, comparisons: _c, ...leanRest } = lean;
    const { detail: _f, estimates: _fe, comparisons: _fc, ...fullRest } = full;
    expect(cautionBelow).toBe(100);
    expect(leanRest).toEqual(fullRest);
    expect(lean.changes!.length).toBeGreaterThan(100);
    expect(lean.syntheticNotice).toMatch(/SYNTHETIC/);
  });

  it('has the known cells: weighted shares worked out here from the stored answers and weights', async () => {
    const { responses, surveys, waves } = tablesOf(w.store.db);
    const rows = await w.store.db
      .select({ answers: responses.answers, weight: responses.weight })
      .from(responses)
      .innerJoin(waves, eq(waves.id, responses.waveId))
      .innerJoin(surveys, eq(surveys.id, waves.surveyId))
      .where(and(eq(surveys.slug, 'resident-safety'), eq(waves.name, '2026'), eq(responses.status, 'complete')));
    // Those left out of the weighting (no target for their answer) have no weight and are not in the report.
    const people = rows.filter((r) => r.weight !== null && r.weight > 0).map((r) => ({ a: r.answers, weight: r.weight }));
    expect(people.length).toBe(lean.n);
    expect(rows.length - people.length).toBe(lean.weighting.excluded);
    const excluded = new Set(lean.bases.find((b) => b.question === 'safe_home')?.excluded ?? []);
    const share = (inGroup: (a: Record<string, unknown>) => boolean) => {
      const base = people.filter((p) => inGroup(p.a) && typeof p.a.safe_home === 'string' && !excluded.has(p.a.safe_home));
      const total = base.reduce((s, p) => s + p.weight!, 0);
      return base.filter((p) => p.a.safe_home === 'very_safe').reduce((s, p) => s + p.weight!, 0) / total;
    };
    const e = lean.estimates;
    const cell = (variable: string | null, value: string | null) =>
      e.question.findIndex((q, i) => q === 'safe_home' && e.category[i] === 'very_safe' && e.variable[i] === variable && e.value[i] === value);
    const overall = cell(null, null);
    const ward = cell('ward', 'E05004982');
    const female = cell('sex', 'female');
    expect([overall, ward, female].every((i) => i >= 0)).toBe(true);
    expect(e.estimate[overall]).toBeCloseTo(
      share(() => true),
      12,
    );
    expect(e.estimate[ward]).toBeCloseTo(
      share((a) => a.ward === 'E05004982'),
      12,
    );
    expect(e.estimate[female]).toBeCloseTo(
      share((a) => a.sex === 'female'),
      12,
    );
    expect(lean.labels.groups.ward.E05004982).toBe('Allington');
    expect(lean.labels.questions.safe_home.categories.very_safe).toEqual({ label: 'Very safe', net: false });
    // The ward against the rest of the sample: its estimate and the rest's, and their difference.
    const c = lean.comparisons;
    const vsRest = c.question.findIndex((q, i) => q === 'safe_home' && c.category[i] === 'very_safe' && c.variable[i] === 'ward' && c.a[i] === 'E05004982');
    expect(c.b[vsRest]).toBe('_rest');
    expect(c.estimateB[vsRest]).toBeCloseTo(
      share((a) => typeof a.ward === 'string' && a.ward !== 'E05004982'),
      12,
    );
    expect(c.difference[vsRest]).toBeCloseTo(e.estimate[ward]! - c.estimateB[vsRest]!, 12);
  });

  it('holds the full report of a cross-tab within a filter, and of a wave weighted by design only (no changes)', async () => {
    for (const path of [
      `${REPORT}?crosstab=sex*age_band&filter=ward:E05004982&question=safe_home&question=worry_knife&compareWave=2025`,
      '/api/officer/surveys/youth-safety/waves/2026/report?question=safe_school&by=gender',
    ]) {
      const [l, f] = await Promise.all([w.get(path).then((r) => r.json()), w.get(`${path}&detail=full`).then((r) => r.json())]);
      const { estimates, comparisons } = rebuilt(l);
      expect(estimates.length, path).toBeGreaterThan(0);
      expect(estimates, path).toEqual(f.estimates.map(roundedRow));
      expect(
        comparisons.map((c) => ({ ...c, t: null, estimateA: digits(c.estimateA) })),
        path,
      ).toEqual(f.comparisons.map((c: SurveyReport['comparisons'][number]) => ({ ...c, t: null })));
      expect(l.changes, path).toEqual(f.changes);
      expect(l.filters, path).toEqual(f.filters);
      if (path.includes('youth')) {
        expect(l.weighting.kind).toBe('design');
        expect(l.changes).toBeNull();
        expect(l.estimates.fixedByWeighting.every((x: boolean | null) => x === null)).toBe(true);
        expect(new Set(l.comparisons.variable)).toEqual(new Set(['gender']));
      } else {
        expect(l.filters.map((x: { variable: string }) => x.variable)).toEqual(['ward']);
        expect(new Set(l.comparisons.variable)).toEqual(new Set(['sex*age_band']));
      }
    }
  });

  it('is the full report when asked for (detail=full), and refuses an unknown detail', async () => {
    expect(full.estimates[0]).toMatchObject({ question: expect.any(String), label: expect.any(String), construct: expect.any(String) });
    const res = await w.get(`${REPORT}?by=sex&detail=everything`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe("Unknown detail 'everything': use lean or full.");
  });
});
