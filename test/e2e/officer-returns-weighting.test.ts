/**
 * The returns and weighting pages end to end: the real server on a temporary data folder holding
 * the demo content (SYNTHETIC responses, ILLUSTRATIVE population), plus one small school link
 * "(fictional, test)" with 3 returns so a suppressed count shows; an analyst and a viewer; headless
 * Chromium. Every figure checked on the page is compared with what the API answers.
 * Screenshots go to .tmp/screens/returns-*.png and weighting-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOfficer } from '../../server/accounts/officers.js';
import { openStore } from '../../server/store/open.js';
import { responses, surveys, waves } from '../../server/store/schema.js';
import { loadDemoIfEmpty } from '../../server/demo/load.js';
import type { ReturnsSummary } from '../../server/reports/returns.js';
import { createLink } from '../../server/links/links.js';
import { createWave } from '../../server/surveys/manage.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, startServer, type Browser, type RunningServer } from './harness.js';
import { inkedPixels, noSidewaysScroll } from './page-checks.js';

const ANALYST = 'analyst@test.invalid';
const VIEWER = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const TINY_SCHOOL = 'Tiny Test School (fictional, test)';
const screens = join(root, '.tmp/screens');
const RETURNS_API = '/api/officer/surveys/resident-safety/waves/2026/returns';
const WEIGHTING_API = '/api/officer/surveys/resident-safety/waves/2026/weighting';

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** Writes into the running server's data folder (SQLite WAL lets both open it). */
async function withStore<T>(fn: (store: ReturnType<typeof openStore>) => T | Promise<T>): Promise<T> {
  const store = openStore(srv().dataDir);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

const waveOf = (store: ReturnType<typeof openStore>, slug: string, name: string) =>
  store.db
    .select({ id: waves.id, version: surveys.version })
    .from(waves)
    .innerJoin(surveys, eq(waves.surveyId, surveys.id))
    .where(and(eq(surveys.slug, slug), eq(waves.name, name)))
    .get()!;

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  const store = openStore(srv().dataDir);
  try {
    await loadDemoIfEmpty(store);
    await createOfficer(store.db, { email: ANALYST, password: PASSWORD, role: 'analyst' });
    await createOfficer(store.db, { email: VIEWER, password: PASSWORD, role: 'viewer' });
    // A third youth school link with 3 returns: below the threshold of 10, so its count is suppressed.
    const youth = waveOf(store, 'youth-safety', '2026');
    const tiny = await createLink(store.db, { slug: 'youth-safety', wave: '2026', label: TINY_SCHOOL });
    store.db
      .insert(responses)
      .values(
        (['complete', 'complete', 'partial'] as const).map((status) => ({
          waveId: youth.id,
          linkId: tiny.id,
          status,
          answers: {},
          surveyVersion: youth.version,
          synthetic: true,
          source: 'demo' as const,
        })),
      )
      .run();
  } finally {
    store.close();
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in on a fresh session, then opens `path`. */
async function signedInAt(email: string, path: string, width = 1280): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.newPage(width);
  await page.goto(`${srv().url}/officer/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.locator('.who').getByText(email).waitFor();
  await page.goto(`${srv().url}${path}`);
  return page;
}

const getJson = <T>(page: Page, url: string) => page.evaluate((u) => fetch(u).then((r) => r.json()), url) as Promise<T>;

/** POST JSON from inside the page, with the CSRF token from its cookie: what the API answers. */
const postJson = (page: Page, url: string, body: unknown) =>
  page.evaluate(
    ([u, b]) => {
      const token = decodeURIComponent(document.cookie.match(/(?:^|;\s*)csp_csrf=([^;]*)/)?.[1] ?? '');
      return fetch(u as string, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify(b) }).then(
        async (r) => ({ status: r.status, body: await r.json() }),
      );
    },
    [url, body] as const,
  );

const n = (x: number) => x.toLocaleString('en-GB');
/** A multiple of the average weight as the page writes it: two decimals below 1, one below 10, else whole. */
const mult = (x: number) => (x < 1 ? x.toFixed(2) : x < 10 ? x.toFixed(1) : n(Math.round(x)));

describe('returns page', () => {
  it('shows totals equal to the API, the ward table in order of under-representation, and where to push', async () => {
    const page = await signedInAt(VIEWER, '/officer/returns?survey=resident-safety&wave=2026');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('heading', { name: 'Returns', exact: true }).waitFor();
    await page.locator('#total-returns').waitFor();
    const api = await getJson<ReturnsSummary>(page, RETURNS_API);
    expect(api.total).toBeGreaterThan(1000);
    expect(await page.locator('#total-returns').textContent()).toBe(n(api.total));
    expect(await page.locator('#total-complete').textContent()).toBe(n(api.complete));
    expect(await page.locator('#total-partial').textContent()).toBe(n(api.partial));
    expect(await page.locator('#total-no-ward').textContent()).toBe(n(api.wardNotGiven));
    await expect(page.locator('#last-updated').textContent()).resolves.toMatch(/^Last updated \d{2}:\d{2}:\d{2}$/);

    // The notices the API sends.
    const banner = await page.locator('.banner').textContent();
    expect(banner).toContain(api.syntheticNotice!);
    expect(banner).toContain(api.illustrativePopulationNotice!);

    // The ward table: every ward, most under-represented (share of returns − share of population) first.
    // Every demo ward has at least 10 returns, so none is hidden.
    expect(api.byWard.filter((w) => w.suppressed)).toEqual([]);
    const gaps = api.byWard.map((w) => ({ ward: w.ward, count: w.count!, gap: w.share! - w.populationShare! })).sort((a, b) => a.gap - b.gap);
    const rows = page.locator('#by-ward-table tbody tr');
    expect(await rows.count()).toBe(26);
    expect(await rows.locator('th').allTextContents()).toEqual(gaps.map((g) => g.ward));
    const first = await rows.first().locator('td').allTextContents();
    expect(first[0]).toBe(n(gaps[0].count));
    expect(first[3]).toBe(`−${Math.abs(gaps[0].gap * 100).toFixed(1)} points`);
    expect(await page.locator('#by-ward-table thead th').allTextContents()).toEqual([
      'Ward',
      'Returns',
      'Share of returns',
      'Share of population',
      'Gap',
      'More replies to close the gap',
    ]);
    // The sentence names the three most under-represented wards, most under first.
    const push = (await page.locator('#where-to-push').textContent())!;
    expect(push).toMatch(/^Push for more replies/);
    const at = gaps.slice(0, 3).map((g) => push.indexOf(`${g.ward} (`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // Ordered by name on request.
    await page.getByLabel('Order the wards').selectOption('name');
    expect(await rows.locator('th').allTextContents()).toEqual([...gaps.map((g) => g.ward)].sort((a, b) => a.localeCompare(b, 'en-GB')));
    await page.getByLabel('Order the wards').selectOption('gap');

    // The ward map: every ward drawn, the under-represented ones (the table's rows marked under) hatched, the legend counting all 26.
    const map = page.locator('#returns-ward-map');
    await map.locator('g.ward').nth(25).waitFor();
    expect(await map.locator('g.ward').count()).toBe(26);
    expect(await map.locator('svg[role="img"]').getAttribute('aria-labelledby')).toBe('returns-ward-map-title returns-ward-map-desc');
    const under = await page.locator('#by-ward-table tbody tr.under').count();
    expect(await map.locator('g.ward path[fill^="url("]').count()).toBe(under);
    const legendCounts = (await map.locator('.map-legend li').allTextContents()).map((t) => Number(t.match(/: (\d+) wards?$/)![1]));
    expect(legendCounts.reduce((a, b) => a + b, 0)).toBe(26);
    const most = api.byWard.find((w) => w.ward === gaps[0].ward)!;
    const pc = (x: number) => `${(x * 100).toFixed(1)}%`;
    expect(await map.locator('g.ward > title').allTextContents()).toContain(
      `${most.ward}: −${Math.abs(gaps[0].gap * 100).toFixed(1)} points (${pc(most.share!)} of returns, ${pc(most.populationShare!)} of the population)`,
    );
    expect(await map.locator('.map-attribution').textContent()).toMatch(/^Boundaries: Contains National Statistics data/);

    // Returns by day: a caption in words, the chart drawn, the table adding up to the total.
    await expect(page.locator('#by-day-caption').textContent()).resolves.toMatch(new RegExp(`^${n(api.total)} returns over \\d+ days`));
    expect((await inkedPixels(page.locator('.returns-section canvas'))).n).toBeGreaterThan(2000);
    await page.getByText(/^Returns by day as a table/).click();
    const dayCounts = (await page.locator('#by-day-table tbody tr td:nth-child(2)').allTextContents()).map((s) => Number(s.replace(/,/g, '')));
    expect(dayCounts.reduce((a, b) => a + b, 0)).toBe(api.total);
    expect(await page.locator('#by-day-table tbody tr:last-child td:last-child').textContent()).toBe(n(api.total));
    expect(await page.getByText('This wave has no school links').count()).toBe(1);

    await page.getByText(/^Returns by day as a table/).click();
    await page.screenshot({ path: join(screens, 'returns-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'returns-768.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes: a new partial return appears after Refresh', async () => {
    const page = await signedInAt(VIEWER, '/officer/returns?survey=resident-safety&wave=2026');
    await page.locator('#total-partial').waitFor();
    const before = await getJson<ReturnsSummary>(page, RETURNS_API);
    expect(await page.locator('#total-partial').textContent()).toBe(n(before.partial));
    await withStore((store) => {
      const w = waveOf(store, 'resident-safety', '2026');
      store.db
        .insert(responses)
        .values({ waveId: w.id, status: 'partial', answers: {}, surveyVersion: w.version, synthetic: true, source: 'demo' as const })
        .run();
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.locator('#total-partial').textContent()).toBe(n(before.partial + 1));
    expect(await page.locator('#total-returns').textContent()).toBe(n(before.total + 1));
    await page.close();
  });

  it('shows school counts, with a small one suppressed and why', async () => {
    const page = await signedInAt(VIEWER, '/officer/returns?survey=youth-safety&wave=2026');
    await page.locator('#by-school-table').waitFor();
    const api = await getJson<ReturnsSummary>(page, '/api/officer/surveys/youth-safety/waves/2026/returns');
    const rows = page.locator('#by-school-table tbody tr');
    expect(await rows.count()).toBe(api.bySchool.length);
    expect(api.bySchool).toHaveLength(3);
    for (const s of api.bySchool) {
      const cells = await page
        .locator('#by-school-table tbody tr', { has: page.getByRole('rowheader', { name: s.label, exact: true }) })
        .locator('td')
        .allTextContents();
      if (s.suppressed) {
        expect(cells[0]).toMatch(/^suppressed \(/);
        expect(cells[1].length).toBeGreaterThan(20);
      } else {
        expect(cells[0]).toBe(n(s.count!));
      }
    }
    const tiny = await page
      .locator('#by-school-table tbody tr', { has: page.getByRole('rowheader', { name: TINY_SCHOOL }) })
      .locator('td')
      .allTextContents();
    expect(tiny[0]).toBe('suppressed (fewer than 10)');
    expect(tiny[1]).toMatch(/^Fewer than 10 returns/);
    // One demo school is hidden too, so the small count cannot be derived from the total.
    expect(api.bySchool.filter((s) => s.suppressed)).toHaveLength(2);
    await page.locator('.returns-section', { has: page.locator('#by-school-heading') }).screenshot({ path: join(screens, 'returns-schools-1280.png') });
    await page.close();
  });

  it('shows a ward with fewer than 10 returns, and the second ward hidden with it, as suppressed with why; axe-clean', async () => {
    // A made-up wave: 40 returns in Allington, 25 in Barming and Teston, 4 in Bearsted.
    await withStore(async (store) => {
      await createWave(store.db, 'resident-safety', '2031');
      const made = waveOf(store, 'resident-safety', '2031');
      const spec: [string, number][] = [
        ['E05004982', 40],
        ['E05004983', 25],
        ['E05004984', 4],
      ];
      store.db
        .insert(responses)
        .values(spec.flatMap(([ward, k]) => Array.from({ length: k }, () => ({ waveId: made.id, answers: { ward }, surveyVersion: made.version }))))
        .run();
    });
    const page = await signedInAt(VIEWER, '/officer/returns?survey=resident-safety&wave=2031');
    await page.locator('#by-ward-table').waitFor();
    const rowOf = (ward: string) =>
      page
        .locator('#by-ward-table tbody tr', { has: page.getByRole('rowheader', { name: ward, exact: true }) })
        .locator('td')
        .allTextContents();
    await expect.poll(async () => (await rowOf('Bearsted'))[0], { timeout: 20_000 }).toBe('suppressed – Fewer than 10 returns, so hidden');
    expect((await rowOf('Barming and Teston'))[0]).toBe('suppressed – Hidden so a small group cannot be worked out');
    expect((await rowOf('Allington')).slice(0, 2)).toEqual(['40', '58.0%']);
    // The sentence says counts are hidden; the hidden rows give no count, share, gap or shortfall.
    const push = (await page.locator('#where-to-push').textContent()) ?? '';
    expect(push).toContain('2 wards’ counts are hidden');
    expect(push).not.toMatch(/\b(4|25|29)\b/);
    for (const ward of ['Bearsted', 'Barming and Teston']) {
      const cells = await rowOf(ward);
      // Suppressed (two columns), the population share, then no gap and no shortfall.
      expect(cells).toHaveLength(4);
      expect(cells.slice(2)).toEqual(['', '']);
      expect(cells.join(' | ')).not.toMatch(/points|\b(4|25|29)\b/);
    }
    await expectNoAxeViolations(page, 'returns page with hidden wards');
    await page.locator('.returns-section', { has: page.locator('#by-ward-heading') }).screenshot({ path: join(screens, 'returns-hidden-wards-1280.png') });
    await page.close();
  });
});

describe('weighting page', () => {
  it('lets an analyst weight to the population (leaving out respondents without a target) and shows the new diagnostics', async () => {
    const page = await signedInAt(ANALYST, '/officer/weighting?survey=resident-safety&wave=2026');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.locator('#diagnostics').waitFor();
    const before = await getJson<{ createdAt: string }>(page, WEIGHTING_API);
    // The population option says how the wave matches it.
    await expect(page.locator('#population-detail').textContent()).resolves.toMatch(/have no target for what they answered \(sex: prefer_not_say \(\d+\)\)/);
    await page.waitForTimeout(20); // a new run gets a later createdAt (millisecond clock)
    await page.getByLabel('The population table').check();
    await page.getByLabel('Leave them out of the weighted results').check();
    await page.getByRole('button', { name: 'Run weighting' }).click();
    const done = page.getByRole('status').filter({ hasText: 'Weighting done' });
    await done.waitFor({ timeout: 30_000 });

    const latest = await getJson<{
      createdAt: string;
      method: string;
      margins: { excluded: number; unmatched: string };
      diagnostics: {
        n: number;
        nEffective: number;
        marginOfError: number;
        iterations: number;
        converged: boolean;
        min: number;
        max: number;
        sumWeights: number;
      };
      illustrativeNotice: string | null;
    }>(page, WEIGHTING_API);
    expect(latest.createdAt > before.createdAt).toBe(true);
    expect(latest.margins.unmatched).toBe('exclude');
    expect(latest.margins.excluded).toBeGreaterThan(0);
    const d = latest.diagnostics;
    const nEff = Math.round(d.nEffective);
    await expect(done.textContent()).resolves.toContain(`effective base ${n(nEff)} of ${n(d.n)} responses`);
    await expect(done.textContent()).resolves.toContain('now use these weights');

    const diag = page.locator('#diagnostics');
    const item = (name: string) => diag.locator('div', { has: page.locator('dt', { hasText: name }) }).locator('dd');
    expect(await item('Effective base').textContent()).toContain(`${n(nEff)} of ${n(d.n)} responses`);
    expect(await item('Effective base').textContent()).toContain(`losing ${n(d.n - nEff)} responses`);
    expect(await item('Margin of error').textContent()).toContain(`±${(d.marginOfError * 100).toFixed(1)}% at 95%`);
    const mean = d.sumWeights / d.n;
    expect(await item('Weight range').textContent()).toContain(`${mult(d.min / mean)} to ${mult(d.max / mean)} times the average weight`);
    expect(d.converged).toBe(true);
    expect(await item('Convergence').textContent()).toContain(`Converged after ${d.iterations} iterations`);
    expect(await item('Responses weighted').textContent()).toContain(`${n(latest.margins.excluded)} more complete responses were left out`);
    await expect(page.locator('#run-method').textContent()).resolves.toMatch(/^Raking on sex, age band and ward, run .*left out \(\d+\)\.$/);
    // Illustrative targets say so.
    expect(latest.illustrativeNotice).toMatch(/ILLUSTRATIVE/);
    await expect(page.locator('.latest .banner').textContent()).resolves.toContain(latest.illustrativeNotice!);

    await page.screenshot({ path: join(screens, 'weighting-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'weighting-768.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the server's reason when an uploaded margins file leaves a category without a target, and changes nothing", async () => {
    const page = await signedInAt(ANALYST, '/officer/weighting?survey=resident-safety&wave=2026');
    await page.locator('#diagnostics').waitFor();
    const before = await getJson<{ createdAt: string }>(page, WEIGHTING_API);
    const csv = 'variable,category,target\nsex,female,60000\n';
    await page.getByLabel('A margins file you upload').check();
    await expect(page.locator('#margins-format').textContent()).resolves.toContain('variable,category,target');
    expect(await page.locator('#population-margins-download').getAttribute('download')).toBe('population-margins.csv');
    await page.getByLabel('Margins file (CSV)').setInputFiles({ name: 'margins-missing-male.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('Stop and tell me who they are').check();
    await page.getByRole('button', { name: 'Run weighting' }).click();
    const alert = page.locator('.run-error[role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    // What the API itself answers to the same request (also refused, so nothing changes).
    const direct = await postJson(page, WEIGHTING_API, { source: 'margins', margins: csv, unmatched: 'error' });
    expect(direct.status).toBe(422);
    expect(direct.body.error).toMatch(/no weighting target .*sex: male/);
    expect(await alert.locator('p').first().textContent()).toBe(direct.body.error);
    await expect.poll(() => alert.textContent()).toContain('Leave them out of the weighted results');
    // The keyboard focus is on the message.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    expect((await getJson<{ createdAt: string }>(page, WEIGHTING_API)).createdAt).toBe(before.createdAt);
    await page.locator('.run-weighting').screenshot({ path: join(screens, 'weighting-error-1280.png') });
    await page.close();
  });

  it('offers only a margins file for a questionnaire the population table does not fit (youth), and says it is not weighted yet', async () => {
    const page = await signedInAt(ANALYST, '/officer/weighting?survey=youth-safety&wave=2026');
    await page.locator('#not-weighted').waitFor();
    expect(await getJson(page, '/api/officer/surveys/youth-safety/waves/2026/weighting')).toBeNull();
    await expect.poll(() => page.locator('#population-detail').textContent()).toMatch(/does not ask sex, age band, ward/);
    expect(await page.getByLabel('The population table').isDisabled()).toBe(true);
    expect(await page.getByLabel('A margins file you upload').isChecked()).toBe(true);
    // Run without choosing a file: said in words, nothing sent.
    await page.getByRole('button', { name: 'Run weighting' }).click();
    await expect(page.locator('.run-error').textContent()).resolves.toMatch(/^Choose a margins file/);
    await page.screenshot({ path: join(screens, 'weighting-youth-1280.png'), fullPage: true });
    await page.close();
  });

  it('keeps respondents without a target by default (imputed a weighting cell), and says when calibration bounds cannot be met', async () => {
    const page = await signedInAt(ANALYST, '/officer/weighting?survey=resident-safety&wave=2026');
    await page.locator('#diagnostics').waitFor();
    await page.waitForTimeout(20);
    await page.getByLabel('The population table').check();
    // The default choice keeps them.
    await expect.poll(() => page.getByLabel('Keep them, placed in a weighting category by imputation').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Run weighting' }).click();
    await page.getByRole('status').filter({ hasText: 'Weighting done' }).waitFor({ timeout: 30_000 });
    const latest = await getJson<{ margins: { unmatched: string; imputed: Record<string, number>; excluded: number } }>(page, WEIGHTING_API);
    expect(latest.margins.unmatched).toBe('impute');
    expect(latest.margins.excluded).toBe(0);
    const k = latest.margins.imputed.sex;
    expect(k).toBeGreaterThan(0);
    const item = page.locator('#diagnostics div', { has: page.locator('dt', { hasText: 'Imputed for weighting' }) }).locator('dd');
    await expect.poll(() => item.textContent()).toContain(`${k} for sex`);
    await expect.poll(() => page.locator('#run-method').textContent()).toContain(`placed in a weighting category by imputation (${k} for sex)`);

    // Bounded linear calibration with bounds these margins cannot meet: the page says so in words.
    await page.waitForTimeout(20);
    await page.getByLabel('Linear calibration (GREG), bounded when bounds are given').check();
    await page.getByLabel('Lower bound (times the design weight)').fill('0.9');
    await page.getByLabel('Upper bound (times the design weight)').fill('1.1');
    await page.getByRole('button', { name: 'Run weighting' }).click();
    await expect.poll(() => page.locator('#run-method').textContent(), { timeout: 30_000 }).toMatch(/^Bounded linear calibration \(weights within 0\.9–1\.1/);
    await expect
      .poll(() => page.locator('#bounds-notice').textContent())
      .toMatch(/Bounds not met\..*could not keep every weight within 0\.9–1\.1.*Widen the bounds/);
    await page.screenshot({ path: join(screens, 'weighting-bounds-1280.png'), fullPage: true });
    await page.close();
  });

  it('shows a viewer the latest run with no run controls', async () => {
    const page = await signedInAt(VIEWER, '/officer/weighting?survey=resident-safety&wave=2026', 768);
    await page.locator('#diagnostics').waitFor();
    const latest = await getJson<{ diagnostics: { n: number; nEffective: number } }>(page, WEIGHTING_API);
    expect(await page.locator('#diagnostics').textContent()).toContain(
      `${n(Math.round(latest.diagnostics.nEffective))} of ${n(latest.diagnostics.n)} responses`,
    );
    expect(await page.getByRole('button', { name: 'Run weighting' }).count()).toBe(0);
    expect(await page.locator('form, input[type=radio], input[type=file]').count()).toBe(0);
    await expect(page.locator('.viewer-note').textContent()).resolves.toMatch(/needs an analyst or admin account/);
    // The API refuses the population targets to a viewer too.
    expect(await page.evaluate((u) => fetch(u).then((r) => r.status), `${WEIGHTING_API}/population-targets`)).toBe(403);
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'weighting-viewer-768.png'), fullPage: true });
    await page.close();
  });
});
