/**
 * Perception vs reality and recorded crime in the officer workspace, end to end: the real server
 * on a temporary data folder with the demo content (SYNTHETIC responses, ILLUSTRATIVE population)
 * and the REAL police.uk January 2019 Maidstone file, a viewer account, and headless Chromium.
 * For the SPC chart the test writes further months as SYNTHETIC test input (see below).
 * Screenshots go to .tmp/screens/perception-*.png and crime-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRIME_FILE } from '../../server/demo/load.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { inkedPixels, noSidewaysScroll } from './page-checks.js';

const EMAIL = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;
let syntheticDir: string | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, { demo: true, demoCrime: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'viewer' }] });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (syntheticDir) rmSync(syntheticDir, { recursive: true, force: true });
});

async function openSignedIn(path: string, width = 1280): Promise<Page> {
  const page = await browser!.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${srv().url}${path}`);
  const signIn = page.getByRole('heading', { name: 'Sign in' });
  const heading = page.locator('main .page-heading');
  await heading.waitFor();
  if (await signIn.isVisible()) {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached' });
  }
  return page;
}

/** JSON from the API with the page's session (status and body). */
async function apiGet(page: Page, url: string): Promise<{ status: number; body: any }> {
  return page.evaluate(async (u) => {
    const r = await fetch(u);
    return { status: r.status, body: await r.json() };
  }, url);
}

// The test's own formatting of the API's numbers (en-GB, as an officer reads them).
const pct1 = (p: number) => `${(p * 100).toFixed(1)}%`;
const rateText = (x: number) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const thousands = (n: number) => n.toLocaleString('en-GB');

describe('perception vs reality page', () => {
  it('lists the key findings, the notices and, per item, a scatter and a ward table with the API numbers', async () => {
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByRole('heading', { name: 'Perception vs reality', level: 2 }).waitFor();
    await page.locator('.key-findings li').first().waitFor({ timeout: 30_000 });
    const api = await apiGet(page, '/api/officer/surveys/resident-safety/waves/2026/perception');
    expect(api.status).toBe(200);
    const report = api.body;

    // The key findings first, each sentence exactly as the API gives it.
    const findings = await page.locator('.key-findings li').allTextContents();
    expect(findings).toEqual(report.keyFindings.map((f: { text: string }) => f.text));
    expect(findings.length).toBeGreaterThan(3);

    // The notices: synthetic answers, illustrative population, the police.uk source and licence, the period used and why.
    const banner = await page.locator('.banner').textContent();
    expect(banner).toMatch(/SYNTHETIC/);
    expect(banner).toMatch(/ILLUSTRATIVE/);
    await expect(page.locator('.crime-notes .source').textContent()).resolves.toBe(report.crimeNotice);
    expect(report.crimeNotice).toMatch(/police\.uk.*Open Government Licence v3\.0/);
    const period = await page.locator('.crime-notes .period-used').first().textContent();
    expect(period).toContain('February 2018 to January 2019');
    expect(period).toContain(report.periods.wave.note);

    // One section per item, headed in words.
    const sections = page.locator('section.perception-item');
    expect(await sections.count()).toBe(report.items.length);
    const headings = await sections.locator('h3').allTextContents();
    expect(headings).toContain('Worried about burglary vs recorded burglary');

    // The first item's ward table: one row per ward with the API's numbers formatted.
    const item = report.items[0];
    const first = sections.first();
    const rows = first.locator('table.ward-table tbody tr');
    expect(await rows.count()).toBe(item.wards.length);
    for (let i = 0; i < item.wards.length; i++) {
      const w = item.wards[i];
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      expect(cells[0]).toBe(w.ward);
      if (w.worry.suppressed) expect(cells[1]).toMatch(/^suppressed – /);
      else
        expect(cells[1]).toBe(`${pct1(w.worry.estimate)} (${(w.worry.ci[0] * 100).toFixed(1)}–${(w.worry.ci[1] * 100).toFixed(1)}%) n=${thousands(w.worry.n)}`);
      expect(cells[3]).toBe(
        `${rateText(w.crime.rate)} (${rateText(w.crime.ci[0])}–${rateText(w.crime.ci[1])}) ${thousands(w.crime.count)} ${w.crime.count === 1 ? 'crime' : 'crimes'}`,
      );
      expect(cells[5]).toBe(w.quadrant ?? '–');
      expect(cells[6]).toBe(w.marked ? 'Marked' : '');
    }
    // Marked wards are named beside the chart; the correlation is given in words with its p-value.
    // Recorded crime is over-dispersed, so on the demo a ward may be marked or none; either is said.
    const marked = item.wards.filter((w: { marked: boolean }) => w.marked);
    const text = (await first.textContent())!;
    if (marked.length) for (const w of marked) expect(text).toContain(`${w.ward} (${w.quadrant})`);
    else expect(text).toContain('No ward is marked');
    // How much more crime varies than chance, from the API's φ.
    expect(item.overdispersion.phi).not.toBeNull();
    await expect.poll(() => first.locator('p.overdispersion').textContent()).toMatch(/^Recorded .+ varies between wards /);
    const correlation = await first.locator('.correlation').allTextContents();
    expect(correlation[0]).toContain(`rho = ${item.spearman.rho.toFixed(2).replace('-', '−')}`);
    expect(correlation[0]).toMatch(/p = \d\.\d+|p < 0\.001/);
    expect(correlation[1]).toMatch(/association/);

    // The scatter is drawn.
    const canvas = first.locator('canvas');
    const inked = await inkedPixels(canvas);
    expect(inked.width).toBeGreaterThan(300);
    expect(inked.n).toBeGreaterThan(2000);
    expect(await canvas.getAttribute('aria-label')).toMatch(/^Scatter chart: .+ vs recorded .+ wards plotted, \d+ marked as clear/);

    // A suppressed ward is left out of the chart and listed (the vehicle crime item has one on the demo).
    const withSuppressed = report.items.findIndex((it: { wards: { worry: { suppressed: boolean } }[] }) => it.wards.some((w) => w.worry.suppressed));
    if (withSuppressed >= 0) {
      const ward = report.items[withSuppressed].wards.find((w: { worry: { suppressed: boolean } }) => w.worry.suppressed);
      await expect(sections.nth(withSuppressed).locator('.left-out').textContent()).resolves.toContain(
        `${ward.ward} (worry suppressed – ${ward.worry.reason})`,
      );
    }

    await page.screenshot({ path: join(screens, 'perception-top-1280.png') });
    await first.screenshot({ path: join(screens, 'perception-item-1280.png') });
    await first.locator('.chart').screenshot({ path: join(screens, 'perception-scatter-1280.png') });
    await noSidewaysScroll(page, 1280);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('adds the trend between waves when a comparison wave is chosen, and uses a chosen crime period', async () => {
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026', 768);
    await page.locator('.key-findings li').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Compare with').selectOption('2025');
    await page.getByLabel('Crime period from').fill('2019-01');
    await page.getByLabel('Crime period to').fill('2019-01');
    await page.getByRole('button', { name: 'Show perception vs reality' }).click();
    await page.locator('.perception-item .trend').first().waitFor({ timeout: 30_000 });
    const api = await apiGet(page, '/api/officer/surveys/resident-safety/waves/2026/perception?compareWave=2025&from=2019-01&to=2019-01');
    const item = api.body.items[0];
    const trend = await page.locator('section.perception-item').first().locator('.trend').allTextContents();
    const w = item.trend.worry;
    expect(trend[0]).toContain(`${pct1(w.from.estimate)} in 2025, ${pct1(w.to.estimate)} in 2026`);
    expect(trend[1]).toContain(item.trend.crime.reason);
    await expect(page.locator('.crime-notes .period-used').first().textContent()).resolves.toBe(
      'Crime period for wave 2026: January 2019 (1 month, 1 with recorded crime stored). Why: it is the period you chose.',
    );
    expect(await page.locator('.key-findings li').allTextContents()).toEqual(api.body.keyFindings.map((f: { text: string }) => f.text));
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'perception-top-768.png') });
    await page
      .locator('section.perception-item')
      .first()
      .screenshot({ path: join(screens, 'perception-item-768.png') });
    await page
      .locator('section.perception-item .chart')
      .nth(2)
      .screenshot({ path: join(screens, 'perception-scatter-768.png') });
    await page.close();
  }, 90_000);

  it('warns at the top when recorded crime does not cover the crime period, and draws no ward or trend finding from it', async () => {
    // The demo: 2026 and 2025 answers, recorded crime for January 2019 only.
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026');
    const warning = page.locator('.perception-report .crime-coverage');
    await expect
      .poll(() => warning.textContent(), { timeout: 30_000 })
      .toContain('does not cover the crime period of wave 2026 (November 2025 to October 2026)');
    const api = await apiGet(page, '/api/officer/surveys/resident-safety/waves/2026/perception');
    expect(api.body.coverage.complete).toBe(false);
    expect(await warning.textContent()).toContain(api.body.coverage.warning);
    expect(api.body.keyFindings.filter((f: { kind: string }) => f.kind.startsWith('perception-'))).toEqual([]);
    // The warning comes before the findings, which say why there is no ward finding.
    const order = await page.evaluate(() => {
      const w = document.querySelector('.crime-coverage');
      const f = document.querySelector('#key-findings-heading');
      return !!w && !!f && !!(w.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    await expect(page.locator('.coverage-note').textContent()).resolves.toContain('No ward, correlation or trend finding is drawn');
    await expect(page.locator('.perception-report .latest-month').textContent()).resolves.toBe('Latest month of recorded crime held: January 2019.');
    // With a comparison wave on the same months, the trend says why there is none, naming the period once.
    await page.getByLabel('Compare with').selectOption('2025');
    await page.getByRole('button', { name: 'Show perception vs reality' }).click();
    await page.locator('.perception-item .trend').first().waitFor({ timeout: 30_000 });
    const trend = await page.locator('section.perception-item').first().locator('.trend').allTextContents();
    expect(trend[1]).toMatch(/: no trend\. Both waves are set beside the same crime period \(February 2018 to January 2019\)/);
    expect(trend[1].split('February 2018 to January 2019')).toHaveLength(2);
    await page.screenshot({ path: join(screens, 'perception-stale-1280.png') });
    await page.close();
  }, 90_000);

  it('maps each item: worry only while crime is stale, then the quadrants, then the model-based estimate on request', async () => {
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const first = page.locator('section.perception-item').first();
    const map = first.locator('figure.ward-map');
    const legend = map.locator('.map-legend li');
    // Legend counts of the classes (not the small-base line, which counts wards already in a class).
    const classCounts = async () => (await legend.allTextContents()).filter((t) => !t.startsWith('Dotted:')).map((t) => Number(t.match(/: (\d+) wards?$/)![1]));
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

    // The demo's crime is stale (January 2019 only): worry only, and the map says why there are no quadrants.
    await expect.poll(() => map.locator('g.ward').count(), { timeout: 30_000 }).toBe(26);
    await expect.poll(() => map.locator('svg > title').textContent()).toMatch(/\(worry only\)$/);
    expect(await map.locator('svg > desc').textContent()).toContain('No quadrants are shown: recorded crime does not cover the crime period');
    expect(await legend.allTextContents()).not.toContainEqual(expect.stringContaining('mismatch'));
    expect(sum(await classCounts())).toBe(26);

    // A covered period: the quadrants, the mismatches hatched, small bases dotted, a tooltip with the API's figures.
    await page.getByLabel('Crime period from').fill('2019-01');
    await page.getByLabel('Crime period to').fill('2019-01');
    await page.getByRole('button', { name: 'Show perception vs reality' }).click();
    await expect
      .poll(() => legend.allTextContents(), { timeout: 30_000 })
      .toContainEqual(expect.stringMatching(/^High worry, low crime \(mismatch\) \(hatched\): /));
    const api = await apiGet(page, '/api/officer/surveys/resident-safety/waves/2026/perception?from=2019-01&to=2019-01');
    const item = api.body.items[0];
    const id = `item-0-${item.question}-map`;
    expect(await map.getAttribute('id')).toBe(id);
    expect(await map.locator('svg > title').textContent()).toMatch(/^Map of the perception–reality quadrants: /);
    expect(await classCounts()).toEqual(
      ['high worry, high crime', 'high worry, low crime', 'low worry, high crime', 'low worry, low crime']
        .map((q) => item.wards.filter((w: { quadrant: string | null }) => w.quadrant === q).length)
        .concat(
          item.wards.some((w: { quadrant: string | null }) => w.quadrant === null)
            ? [item.wards.filter((w: { quadrant: string | null }) => w.quadrant === null).length]
            : [],
        ),
    );
    expect(sum(await classCounts())).toBe(26);
    const mismatches = item.wards.filter((w: { quadrant: string | null }) => w.quadrant === 'high worry, low crime' || w.quadrant === 'low worry, high crime');
    expect(await map.locator(`g.ward path[fill="url(#${id}-hatch)"]`).count()).toBe(mismatches.length);
    const small = item.wards.filter((w: { worry: { n: number } }) => w.worry.n < 100);
    expect(await map.locator(`g.ward path.flagged[fill="url(#${id}-dots)"]`).count()).toBe(small.length);
    if (small.length)
      expect(await legend.allTextContents()).toContain(
        `Dotted: Fewer than 100 replies: read with care: ${small.length} ${small.length === 1 ? 'ward' : 'wards'}`,
      );
    const w = item.wards.find((x: { worry: { suppressed: boolean }; quadrant: string | null }) => !x.worry.suppressed && x.quadrant)!;
    const tooltip = `${w.ward}: worry ${pct1(w.worry.estimate)} (CI ${(w.worry.ci[0] * 100).toFixed(1)}–${(w.worry.ci[1] * 100).toFixed(1)}%), crime ${rateText(w.crime.rate)} per 1,000 — ${w.quadrant}`;
    expect(await map.locator(`g.ward[data-code="${w.wardCode}"] > title`).textContent()).toBe(tooltip);
    // Not 26 tab stops: nothing in the map takes the focus; the table beside it holds every figure.
    expect(await map.locator('a, button, input, [tabindex]').count()).toBe(0);
    await first.screenshot({ path: join(screens, 'perception-map-1280.png') });

    // Model-based on request: the column with its RMSE, the sentence saying what it borrows, the map by the model.
    const model = page.getByLabel('model-based (borrows strength from recorded crime)');
    // Focus order: the choice comes after the list of items and before the first item's content, the map taking no stop.
    await page.getByLabel('direct (survey only)').focus();
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.item-contents li:last-child') !== null)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('estimates-direct');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => model.isChecked()).toBe(true);
    const header = first.locator('table.ward-table thead th', { hasText: 'Model-based estimate (RMSE)' });
    await expect.poll(() => header.count(), { timeout: 60_000 }).toBe(1);
    const query = `question=${item.question}&category=${item.category}&covariate=all-crime&from=2019-01&to=2019-01`;
    const fh = await apiGet(page, `/api/officer/surveys/resident-safety/waves/2026/ward-estimates?${query}`);
    expect(fh.status).toBe(200);
    const note = (await first.locator('.model-note').textContent())!;
    expect(note).toContain(fh.body.fallback ? `The model does not fit: ${fh.body.fallback}` : fh.body.covariateLabel);
    const rows = first.locator('table.ward-table tbody tr');
    for (let i = 0; i < item.wards.length; i++) {
      const est = fh.body.wards.find((x: { ward: string }) => x.ward === item.wards[i].wardCode);
      const cell = await rows.nth(i).locator('td.model').textContent();
      if (est.model === null) expect(cell).toMatch(/^not in the model/);
      else expect(cell).toBe(`${pct1(est.model)} (RMSE ${(est.modelRmse * 100).toFixed(1)} points)`);
    }
    await expect.poll(() => map.locator('svg > title').textContent()).toMatch(/^Map of the model-based estimate of /);
    expect(await map.locator('svg > desc').textContent()).toContain(
      fh.body.fallback ? 'the model did not fit' : `borrowing strength from ${fh.body.covariateLabel}`,
    );
    expect(sum(await classCounts())).toBe(26);
    // Every item gets its estimates or the model's own reason, never a refusal for being busy (asked one at a time).
    const notes = page.locator('section.perception-item .model-note');
    await expect.poll(() => notes.last().textContent(), { timeout: 60_000 }).not.toContain('Fitting');
    for (const t of await notes.allTextContents()) expect(t).not.toMatch(/busy|Fitting/);

    // The legend's text against the page: WCAG AA contrast (4.5:1), computed from the styles in use.
    const contrast = await legend.first().evaluate((li) => {
      const rgb = (c: string) =>
        c
          .match(/\d+(\.\d+)?/g)!
          .slice(0, 3)
          .map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      let el: Element | null = li;
      let bg = 'rgb(255, 255, 255)';
      while (el) {
        const c = getComputedStyle(el).backgroundColor;
        if (c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0')) {
          bg = c;
          break;
        }
        el = el.parentElement;
      }
      const [a, b] = [lum(rgb(getComputedStyle(li).color)), lum(rgb(bg))].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);

    await first.screenshot({ path: join(screens, 'perception-map-model-1280.png') });
    await page.setViewportSize({ width: 768, height: 900 });
    await noSidewaysScroll(page, 768);
    await first.screenshot({ path: join(screens, 'perception-map-model-768.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('fits the model-based estimates with no covariate when recorded crime does not cover the period, and says so', async () => {
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026');
    const first = page.locator('section.perception-item').first();
    await expect.poll(() => first.locator('figure.ward-map g.ward').count(), { timeout: 30_000 }).toBe(26);
    const api = await apiGet(page, '/api/officer/surveys/resident-safety/waves/2026/perception');
    const item = api.body.items[0];
    await page.getByLabel('model-based (borrows strength from recorded crime)').check();
    const note = first.locator('.model-note');
    await expect.poll(() => note.textContent(), { timeout: 60_000 }).toContain('It uses no recorded crime: Recorded crime is imported for only');
    const fh = await apiGet(
      page,
      `/api/officer/surveys/resident-safety/waves/2026/ward-estimates?question=${item.question}&category=${item.category}&covariate=none`,
    );
    expect(fh.status).toBe(200);
    expect(fh.body.covariate).toBe('none');
    const rows = first.locator('table.ward-table tbody tr');
    await expect.poll(() => first.locator('table.ward-table thead th', { hasText: 'Model-based estimate (RMSE)' }).count()).toBe(1);
    const est = fh.body.wards.find((x: { ward: string }) => x.ward === item.wards[0].wardCode);
    const cell = await rows.first().locator('td.model').textContent();
    if (est.model === null) expect(cell).toMatch(/^not in the model/);
    else expect(cell).toBe(`${pct1(est.model)} (RMSE ${(est.modelRmse * 100).toFixed(1)} points)`);
    await page.close();
  });

  it('says what is wrong with a bad period, in an alert that gets the focus', async () => {
    const page = await openSignedIn('/officer/perception?survey=resident-safety&wave=2026');
    await page.locator('.key-findings li').first().waitFor({ timeout: 30_000 });
    await page.getByLabel('Crime period from').fill('2019-01');
    await page.getByRole('button', { name: 'Show perception vs reality' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Give both ends of the crime period');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await page.close();
  }, 60_000);
});

describe('recorded crime page', () => {
  it('shows rates by ward with their intervals, and says why there is no SPC chart with one month stored', async () => {
    const page = await openSignedIn('/officer/crime');
    await page.getByRole('heading', { name: 'Recorded crime', level: 2 }).waitFor();
    await page.locator('table.rates-table tbody tr').first().waitFor({ timeout: 20_000 });
    const rates = await apiGet(page, '/api/officer/crime/rates?from=2019-01&to=2019-01');
    expect(rates.status).toBe(200);
    const rows = page.locator('table.rates-table tbody tr');
    expect(await rows.count()).toBe(rates.body.wards.length);
    for (let i = 0; i < rates.body.wards.length; i++) {
      const w = rates.body.wards[i];
      const cells = await rows.nth(i).locator('th, td').allTextContents();
      expect(cells).toEqual([w.ward, thousands(w.count), thousands(w.population), `${rateText(w.rate)} (${rateText(w.ci[0])}–${rateText(w.ci[1])})`]);
    }
    const foot = await page.locator('table.rates-table tfoot tr').locator('th, td').allTextContents();
    expect(foot[1]).toBe(thousands(rates.body.borough.count));
    await expect(page.locator('.rates-result .banner').textContent()).resolves.toMatch(/ILLUSTRATIVE/);
    const inked = await inkedPixels(page.locator('.rates-result canvas'));
    expect(inked.n).toBeGreaterThan(2000);

    // One month only: the SPC API refuses, and the page says so in words.
    const spc = await apiGet(page, '/api/officer/crime/spc');
    expect(spc.status).toBe(409);
    expect(spc.body.error).toMatch(/needs at least 2 months/);
    // Said as guidance (what the chart needs), not as an alert on every visit.
    await expect.poll(() => page.locator('.crime-spc .spc-needs[role=status]').textContent()).toContain(spc.body.error);
    expect(spc.body.error).toMatch(/baseline of 12 months/);
    await expect(page.locator('.crime-spc [role=alert]').count()).resolves.toBe(0);
    await expect(page.locator('.latest-month').textContent()).resolves.toBe('Latest month of recorded crime held: January 2019.');
    await page.screenshot({ path: join(screens, 'crime-one-month-1280.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('draws the SPC chart once more months are imported, and describes each signal the API reports', async () => {
    // SYNTHETIC test input, not police.uk data: February to December 2019 made by copying the rows
    // of the real January 2019 file with the Month column changed and the counts varied (some rows
    // left out each month; from July every burglary row twice, so burglary jumps). Imported through
    // the real CLI like real files.
    syntheticDir = mkdtempSync(join(tmpdir(), 'csp-synthetic-crime-'));
    const [header, ...lines] = readFileSync(DEMO_CRIME_FILE, 'utf8').trim().split('\n');
    const files: string[] = [];
    for (let m = 2; m <= 12; m++) {
      const month = `2019-${String(m).padStart(2, '0')}`;
      const keepPercent = 82 + ((m * 7) % 17); // 82–98% of the rows, varying by month
      const out: string[] = [];
      lines.forEach((line, j) => {
        if ((j * 37 + m * 11) % 100 >= keepPercent) return;
        const moved = line.replace(/^([^,]*),2019-01,/, `$1,${month},`);
        out.push(moved);
        if (m >= 7 && line.includes(',Burglary,')) out.push(moved);
      });
      const file = join(syntheticDir, `SYNTHETIC-test-${month}-kent-street.csv`);
      writeFileSync(file, `${[header, ...out].join('\n')}\n`);
      files.push(file);
    }
    await srv().cli('crime', 'import', ...files.flatMap((f) => ['--file', f]));

    const page = await openSignedIn('/officer/crime');
    await page.locator('.spc-result canvas').waitFor({ timeout: 20_000 });
    await page.locator('#spc-type').selectOption('Burglary');
    await page.getByLabel('Baseline from').selectOption('2019-01');
    await page.getByLabel('Baseline to').selectOption('2019-06');
    await page.getByRole('button', { name: 'Show chart' }).click();
    await expect.poll(() => page.locator('.spc-result h4').first().textContent()).toContain('burglary');
    const spc = await apiGet(page, '/api/officer/crime/spc?crimeType=Burglary&baselineFrom=2019-01&baselineTo=2019-06');
    expect(spc.status).toBe(200);
    expect(spc.body.months).toHaveLength(12);
    expect(spc.body.signals.length).toBeGreaterThan(0);
    const high = spc.body.signals.find((s: { kind: string; direction: string }) => s.kind === 'outside-limits' && s.direction === 'high');
    expect(high).toBeDefined();
    const described = await page.locator('.signals li').allTextContents();
    expect(described).toHaveLength(spc.body.signals.length);
    expect(described).toContain(
      `${high.description}: ${new Date(`${high.months[0]}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}.`,
    );
    // The months of a signal are marked in the table too.
    const table = page.locator('table.spc-table tbody tr');
    expect(await table.count()).toBe(12);
    expect(await page.locator('table.spc-table tbody tr.signal').count()).toBe(spc.body.months.filter((m: { signals: string[] }) => m.signals.length).length);
    const inked = await inkedPixels(page.locator('.spc-result canvas'));
    expect(inked.n).toBeGreaterThan(2000);
    await page.locator('.crime-spc').screenshot({ path: join(screens, 'crime-spc-1280.png') });
    await page.screenshot({ path: join(screens, 'crime-1280.png') });
    await noSidewaysScroll(page, 1280);
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.waitForTimeout(300);
    await noSidewaysScroll(page, 768);
    await page.screenshot({ path: join(screens, 'crime-768.png') });
    await page.locator('.crime-spc').screenshot({ path: join(screens, 'crime-spc-768.png') });

    // A baseline over the whole year spans the jump: its moving range is screened out of the limits, and the page says so.
    await page.getByLabel('Baseline to').selectOption('2019-12');
    await page.getByRole('button', { name: 'Show chart' }).click();
    const year = await apiGet(page, '/api/officer/crime/spc?crimeType=Burglary&baselineFrom=2019-01&baselineTo=2019-12');
    expect(year.body.screenedMovingRanges).toEqual(['2019-07']);
    await expect.poll(() => page.locator('.spc-result .caption').textContent()).toContain('The jump into July 2019 was unusually large');
    await expect
      .poll(() => page.locator('table.spc-table tbody tr').nth(6).locator('td').nth(1).textContent())
      .toBe(`${year.body.months[6].movingRange} (screened out)`);
    await page.close();
  }, 120_000);
});
