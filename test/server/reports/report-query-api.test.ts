/**
 * The report's choice of questions, filters and cross-tabs, its contents list and its size, on the
 * test store (SQLite or Postgres) holding the demo (2,200 synthetic replies in wave 2026, 1,800 in 2025).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { type TestStore, testApp, testStore } from '../../helpers/store.js';
import { signIn } from '../../helpers/officer.js';

let t: TestStore;
let get: (path: string) => Promise<Response>;
beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  const a = testApp(t.store);
  const viewer = await signIn(a, t.store, 'viewer');
  get = (path) => Promise.resolve(a.request(path, { headers: viewer }));
}, 120_000);
afterAll(() => t.cleanup());

const REPORT = '/api/officer/surveys/resident-safety/waves/2026/report';
type Est = {
  question: string;
  category: string;
  group: { variable: string; value: string; label: string } | null;
  n: number;
  estimate: number | null;
  se: number | null;
  ci: [number, number] | null;
  suppressed: boolean;
};
/** The report in full (`detail=full`): every row an object. */
async function json(path: string) {
  const res = await get(`${path}${path.includes('?') ? '&' : '?'}detail=full`);
  const body = await res.json();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}
const find = (r: { estimates: Est[] }, question: string, category: string, variable: string | null, value?: string) =>
  r.estimates.find(
    (e) =>
      e.question === question && e.category === category && (variable === null ? e.group === null : e.group?.variable === variable && e.group.value === value),
  );

describe('GET …/report/contents', () => {
  it('lists the questions in questionnaire order with their stems, sections, breakdowns, filters and n', async () => {
    const c = await json(`${REPORT}/contents`);
    expect(c.wave).toBe('2026');
    expect(c.n).toBe((await json(`${REPORT}?question=safe_home`)).n);
    const names = c.questions.map((q: { name: string }) => q.name);
    expect(names.slice(0, 3)).toEqual(['safe_home', 'safe_day_local', 'safe_dark_local']);
    expect(names.indexOf('worry_burglary')).toBeLessThan(names.indexOf('unsafe_places'));
    // An item of the page "How worried are you about each of the following?" carries the stem…
    expect(c.questions.find((q: { name: string }) => q.name === 'worry_burglary')).toEqual({
      name: 'worry_burglary',
      title: 'How worried are you about: Someone breaking into your home',
      kind: 'single',
      section: 'Worries about crime',
    });
    // …a question on the same page that asks its own question does not.
    expect(c.questions.find((q: { name: string }) => q.name === 'has_car').title).toBe('Do you or your household have a car or van?');
    expect(c.questions.find((q: { name: string }) => q.name === 'unsafe_places')).toMatchObject({
      kind: 'multi',
      section: 'Places, experience of crime and confidence',
    });
    expect(c.questions.find((q: { name: string }) => q.name === 'household_size')).toMatchObject({ kind: 'numeric' });
    const sex = c.breakdowns.find((b: { name: string }) => b.name === 'sex');
    // "Prefer not to say" is out of the sex question's base, so it is no group to break down by.
    expect(sex.categories.map((x: { value: string }) => x.value)).toEqual(['female', 'male']);
    expect(c.filters.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['ward', 'victim_12m', 'unsafe_places', 'ethnicity_group']));
  });

  it('gives the same stems in the survey list the Results page titles its questions from', async () => {
    const surveys = await json('/api/officer/surveys');
    const resident =
      surveys.surveys?.find?.((s: { slug: string }) => s.slug === 'resident-safety') ?? surveys.find((s: { slug: string }) => s.slug === 'resident-safety');
    expect(resident.questions.find((q: { name: string }) => q.name === 'worry_knife').title).toBe('How worried are you about: Knife crime');
  });

  it('is for signed-in officers, and 404s for an unknown wave', async () => {
    expect((await testApp(t.store).request(`${REPORT}/contents`)).status).toBe(401);
    const res = await get('/api/officer/surveys/resident-safety/waves/1999/report/contents');
    expect(res.status).toBe(404);
  });
});

describe('GET …/report?question=', () => {
  it('returns only the questions asked, with estimates and changes equal to the full report', async () => {
    const full = await json(`${REPORT}?by=sex&compareWave=2025`);
    const one = await json(`${REPORT}?by=sex&compareWave=2025&question=worry_knife&question=safe_home`);
    expect([...new Set(one.estimates.map((e: Est) => e.question))].sort()).toEqual(['safe_home', 'worry_knife']);
    expect(one.estimates).toEqual(full.estimates.filter((e: Est) => e.question === 'worry_knife' || e.question === 'safe_home'));
    expect(one.comparisons).toEqual(full.comparisons.filter((e: Est) => e.question === 'worry_knife' || e.question === 'safe_home'));
    // The changes are BH-adjusted across all the report's changes: pAdjusted is the full report's.
    const changes = full.changes.filter((e: Est) => e.question === 'worry_knife' || e.question === 'safe_home');
    expect(changes.length).toBeGreaterThan(4);
    expect(one.changes).toEqual(changes);
  });

  it('400s naming the questions for an unknown one', async () => {
    const res = await get(`${REPORT}?question=worry_aliens`);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatch(/'worry_aliens' is not a question/);
    expect(error).toMatch(/safe_home/);
  });
});

describe('GET …/report?filter=', () => {
  it('estimates within a ward on the full design: the overall figure is the by-ward figure for that ward, with the same SE', async () => {
    const byWard = await json(`${REPORT}?by=ward&question=safe_dark_local`);
    const ward = byWard.estimates.find((e: Est) => e.group?.variable === 'ward' && !e.suppressed).group;
    const filtered = await json(`${REPORT}?filter=ward:${ward.value}&question=safe_dark_local&by=sex`);
    for (const category of ['unsafe', 'very_safe']) {
      const want = find(byWard, 'safe_dark_local', category, 'ward', ward.value)!;
      const got = find(filtered, 'safe_dark_local', category, null)!;
      expect(got.n).toBe(want.n);
      // The same sums in another order: equal to the last bits of a double.
      expect(got.estimate).toBeCloseTo(want.estimate!, 14);
      expect(got.se).toBeCloseTo(want.se!, 14);
      expect(got.ci![0]).toBeCloseTo(want.ci![0], 14);
      expect(got.ci![1]).toBeCloseTo(want.ci![1], 14);
    }
    expect(filtered.filters).toEqual([
      { variable: 'ward', title: 'Which ward do you live in?', values: [{ value: ward.value, label: ward.label }], n: expect.any(Number) },
    ]);
    // n counts the respondents in the ward, whether or not they answered this question.
    expect(filtered.filters[0].n).toBeGreaterThanOrEqual(find(filtered, 'safe_dark_local', 'unsafe', null)!.n);
    // Suppression follows the filtered bases: a ward's men and women are bases of a few dozen at most.
    const bySex = filtered.estimates.filter((e: Est) => e.group?.variable === 'sex' && e.category === 'unsafe');
    const bases = bySex.map((e: Est) => e.n);
    expect(bases.reduce((a: number, b: number) => a + b, 0)).toBe(find(filtered, 'safe_dark_local', 'unsafe', null)!.n);
    for (const e of bySex) expect(e.suppressed).toBe(e.n < filtered.threshold);
  });

  it('takes several values of one variable, and several filters together', async () => {
    const bySex = await json(`${REPORT}?by=victim_12m&question=worry_knife`);
    const both = await json(`${REPORT}?filter=victim_12m:yes|no&question=worry_knife`);
    const yes = find(bySex, 'worry_knife', 'worried', 'victim_12m', 'yes')!;
    const no = find(bySex, 'worry_knife', 'worried', 'victim_12m', 'no')!;
    expect(find(both, 'worry_knife', 'worried', null)!.n).toBe(yes.n + no.n);
    const yesFemale = await json(`${REPORT}?filter=victim_12m:yes&filter=sex:female&question=worry_knife`);
    const crossed = await json(`${REPORT}?crosstab=victim_12m*sex&question=worry_knife`);
    const cell = find(crossed, 'worry_knife', 'worried', 'victim_12m*sex', 'yes*female')!;
    // The same numbers by two routes (a filtered overall table, a cross-tab's cell): equal to rounding.
    const filteredCell = find(yesFemale, 'worry_knife', 'worried', null)!;
    expect(filteredCell.n).toBe(cell.n);
    expect(Math.abs(filteredCell.estimate! - cell.estimate!)).toBeLessThan(1e-12 * cell.estimate!);
    expect(Math.abs(filteredCell.se! - cell.se!)).toBeLessThan(1e-12 * cell.se!);
    expect(yesFemale.filters.map((f: { variable: string }) => f.variable)).toEqual(['victim_12m', 'sex']);
  });

  it('filters the earlier wave alike for the change', async () => {
    const r = await json(`${REPORT}?filter=sex:female&compareWave=2025&question=safe_home`);
    const earlier = await json(`/api/officer/surveys/resident-safety/waves/2025/report?filter=sex:female&question=safe_home`);
    const change = r.changes.find((c: { category: string }) => c.category === 'safe');
    expect(change.from.n).toBe(find(earlier, 'safe_home', 'safe', null)!.n);
    expect(change.from.estimate).toBeCloseTo(find(earlier, 'safe_home', 'safe', null)!.estimate!, 12);
  });

  it('400s with a message for an unknown variable, value or form', async () => {
    for (const [filter, message] of [
      ['planet:mars', /'planet' cannot be used as a filter: choose from safe_home, /],
      ['sex:alien', /'alien' is not an answer to sex: choose from female, male/],
      ['sex', /must be written variable:value/],
      ['household_size:3', /'household_size' cannot be used as a filter/],
    ] as const) {
      const res = await get(`${REPORT}?filter=${encodeURIComponent(filter)}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(message);
    }
  });
});

describe('GET …/report?crosstab=', () => {
  it('breaks down by the combinations of two breakdowns, whose bases add up to each of the two', async () => {
    const r = await json(`${REPORT}?crosstab=sex*age_band&by=sex&question=safe_dark_local`);
    expect(r.by).toEqual(['sex']);
    expect(r.crosstabs).toEqual(['sex*age_band']);
    const cells = r.estimates.filter((e: Est) => e.group?.variable === 'sex*age_band' && e.category === 'unsafe');
    expect(cells.find((e: Est) => e.group!.value === 'female*25-34').group.label).toBe('Female · 25 to 34');
    for (const sex of ['female', 'male']) {
      const sum = cells.filter((e: Est) => e.group!.value.startsWith(`${sex}*`)).reduce((a: number, e: Est) => a + e.n, 0);
      expect(sum).toBe(find(r, 'safe_dark_local', 'unsafe', 'sex', sex)!.n);
    }
    // Compared and tested like any breakdown: more than 5 cells, so each against the rest of the sample.
    expect(
      r.comparisons.some((c: { variable: string; a: string; b: string }) => c.variable === 'sex*age_band' && c.a === 'female*18-24' && c.b === '_rest'),
    ).toBe(true);
    expect(r.associations.find((a: { variable: string }) => a.variable === 'sex*age_band')).toBeDefined();
  });

  it('400s for a cross-tab that is not two breakdowns', async () => {
    for (const x of ['sex', 'sex*sex', 'sex*planet', 'sex*age_band*ward']) {
      const res = await get(`${REPORT}?crosstab=${encodeURIComponent(x)}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/must be two different breakdowns joined by \*/);
    }
  });
});

describe('report sizes', () => {
  const MB2 = 2 * 1024 * 1024;
  it('keeps the full report by sex and age band with the change since 2025 within 2 MB', async () => {
    const res = await get(`${REPORT}?by=sex,age_band&compareWave=2025`);
    expect(res.status).toBe(200);
    const bytes = (await res.arrayBuffer()).byteLength;
    expect(bytes).toBeLessThanOrEqual(MB2);
  }, 120_000);

  it("gives one question's results as a small part of the full report (under 1 MB by ward, sex and age band; 100 kB without wards)", async () => {
    const res = await get(`${REPORT}?by=ward,sex,age_band&compareWave=2025&question=safe_dark_local`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeLessThanOrEqual(1_000_000);
    const one = await get(`${REPORT}?by=sex,age_band&compareWave=2025&question=safe_dark_local`);
    expect((await one.arrayBuffer()).byteLength).toBeLessThanOrEqual(100_000);
  }, 120_000);

  it('gives the numbers of comparisons, associations and changes to 13 significant digits, the estimates in full', async () => {
    const r = await json(`${REPORT}?by=sex&question=safe_home&question=worry_knife&compareWave=2025`);
    // Significant digits of a number: its digits without leading zeros or the exponent.
    const digits = (x: number) => String(x).replace(/e.*$/, '').replace(/[-.]/g, '').replace(/^0+/, '').length;
    const numbers = (rows: object[]) =>
      rows.flatMap((row) =>
        Object.values(row).flatMap((v) =>
          typeof v === 'number' ? [v] : v && typeof v === 'object' ? Object.values(v).filter((x) => typeof x === 'number') : [],
        ),
      );
    for (const rows of [r.comparisons, r.associations, r.changes]) {
      expect(Math.max(...numbers(rows).map(digits))).toBe(13);
    }
    expect(
      Math.max(
        ...r.estimates
          .map((e: Est) => e.se)
          .filter(Boolean)
          .map(digits),
      ),
    ).toBeGreaterThanOrEqual(16);
  });
});
