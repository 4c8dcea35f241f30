/**
 * How the report compares groups, on the test store (SQLite or Postgres) holding the demo: every pair for a small
 * breakdown, each group against the rest of the sample for one of many groups (26 wards), and the
 * `comparisons` option on the API and the CLI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../../server/cli/commands/report.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { committeeReportHtml } from '../../../server/reports/committee/report-html.js';
import { type TestStore, testApp, testStore } from '../../helpers/store.js';
import { signIn } from '../../helpers/officer.js';

let t: TestStore;
let get: (path: string) => Promise<Response>;
beforeAll(async () => {
  t = await testStore();
  await loadDemoIfEmpty(t.store);
  const a = testApp(t.store);
  const viewer = await signIn(a, t.store, 'viewer');
  get = async (path: string) => a.request(`/api/officer/surveys/resident-safety/waves/2026/report${path}`, { headers: viewer });
});
afterAll(() => t.cleanup());

type Comparison = { question: string; category: string; variable: string; against: string; a: string; b: string } & Record<string, unknown>;
type Rule = { variable: string; groups: number; against: string; text: string };
/** The groups of a breakdown, in the report's order. */
const groupsOf = (r: { estimates: { question: string; category: string; group: { variable: string; value: string } | null }[] }, variable: string) =>
  r.estimates.filter((e) => e.question === 'safe_dark_local' && e.category === 'unsafe' && e.group?.variable === variable).map((e) => e.group!.value);
const row = (r: { comparisons: Comparison[] }, variable: string) =>
  r.comparisons.filter((c) => c.question === 'safe_dark_local' && c.category === 'unsafe' && c.variable === variable);

describe('comparisons in the report API', () => {
  it('compares each of the 26 wards with the rest of the sample, and every pair of the sexes', { timeout: 120_000 }, async () => {
    const res = await get('?by=ward,sex&detail=full');
    expect(res.status).toBe(200);
    const r = await res.json();
    const wards = row(r, 'ward');
    expect(wards).toHaveLength(26);
    expect(new Set(wards.map((c) => c.a)).size).toBe(26);
    for (const c of wards) expect(c).toMatchObject({ against: 'rest', b: '_rest' });
    const tested = wards.filter((c) => !c.suppressed);
    expect(tested.length).toBeGreaterThan(13);
    for (const c of tested) {
      const ward = r.estimates.find(
        (e: any) => e.question === 'safe_dark_local' && e.category === 'unsafe' && e.group?.variable === 'ward' && e.group.value === c.a,
      );
      // The API sends comparisons to 13 significant digits (estimates in full).
      expect(c.estimateA as number).toBeCloseTo(ward.estimate, 12);
      expect(c.difference as number).toBeCloseTo((c.estimateA as number) - (c.estimateB as number), 12);
    }
    // Every pair of the sex groups (those the demo's sex question makes, in their order).
    const sexes = groupsOf(r, 'sex');
    expect(sexes.slice(0, 2)).toEqual(['female', 'male']);
    expect(sexes.length).toBeLessThanOrEqual(5);
    const pairs = sexes.flatMap((a, i) => sexes.slice(i + 1).map((b) => `${a}|${b}|group`));
    expect(row(r, 'sex').map((c) => `${c.a}|${c.b}|${c.against}`)).toEqual(pairs);
    const rules: Rule[] = r.comparisonRules;
    expect(rules.map((x) => [x.variable, x.groups, x.against])).toEqual([
      ['ward', 26, 'rest'],
      ['sex', sexes.length, 'group'],
    ]);
    expect(rules[0].text).toMatch(/each group is compared with the rest of the sample/);
    expect(r.comparisonMethod).toMatch(/up to 5 groups, every pair of groups is compared/);
  });

  it('gives every pair of the age bands on ?comparisons=pairs, but keeps 26 wards against the rest and says why', { timeout: 120_000 }, async () => {
    const r = await (await get('?by=age_band,ward&comparisons=pairs&detail=full')).json();
    // More than 5 age bands (so 'auto' compares each with the rest), at most 12 (so pairs are given).
    const ages = groupsOf(r, 'age_band').length;
    expect(ages).toBeGreaterThan(5);
    expect(ages).toBeLessThanOrEqual(12);
    expect(row(r, 'age_band')).toHaveLength((ages * (ages - 1)) / 2);
    expect(row(r, 'age_band').every((c) => c.against === 'group')).toBe(true);
    expect(row(r, 'ward').every((c) => c.against === 'rest' && c.b === '_rest')).toBe(true);
    const ward: Rule = r.comparisonRules.find((x: Rule) => x.variable === 'ward');
    expect(ward.text).toMatch(/every pair of groups was asked for, but above 12 groups that would be 325 comparisons for each answer/);
    // The same breakdowns without the option: the default, not the cached 'pairs' report.
    const auto = await (await get('?by=age_band,ward&detail=full')).json();
    expect(row(auto, 'age_band').map((c) => c.b)).toEqual(Array(ages).fill('_rest'));
  });

  it('refuses an unknown comparisons value with a message', async () => {
    const res = await get('?by=ward&comparisons=everything');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/Unknown comparisons 'everything': use auto, pairs or rest/);
  });
});

describe('comparisons elsewhere', () => {
  function cli(args: string[]) {
    const err: string[] = [];
    const code = reportCommand(args, { store: t.store, out: () => {}, err: (s) => err.push(s) });
    return { code, err };
  }

  it('the CLI takes --comparisons rest and refuses another value', { timeout: 120_000 }, async () => {
    const file = join(t.dir, 'rest.json');
    const r = cli(['--survey', 'resident-safety', '--wave', '2026', '--by', 'sex', '--comparisons', 'rest', '--format', 'json', '--out', file]);
    expect(await r.code).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(row(report, 'sex').map((c) => `${c.a}|${c.b}`)).toEqual(groupsOf(report, 'sex').map((v) => `${v}|_rest`));
    expect(() => cli(['--survey', 'resident-safety', '--wave', '2026', '--comparisons', 'all', '--format', 'json'])).toThrow(
      "--comparisons must be auto, pairs or rest, not 'all'.",
    );
  });

  it("states the rule in the committee report's method", { timeout: 120_000 }, async () => {
    const html = await committeeReportHtml(t.store, { slug: 'resident-safety', wave: '2026' });
    const method = html.slice(html.indexOf('<h2 id="method"'), html.indexOf('</section>', html.indexOf('<h2 id="method"')));
    expect(method).toContain('<dt>Comparisons between groups</dt>');
    // The method also says what each BH family holds, and how a rough figure is marked.
    expect(method).toContain('the tests of association (Rao–Scott, one per question and breakdown) are one family across the report');
    expect(method).toContain('is below 100 is shown marked “(rough)”');
    expect(method).toMatch(
      /each group is compared with the rest of the sample \(everyone else who answered that breakdown\) rather than with every other group/,
    );
  });
});
