/**
 * Results an officer can read, and the first page, end to end: the real server on a temporary
 * data folder holding the demo content (SYNTHETIC responses weighted to ILLUSTRATIVE targets), a
 * viewer account, and headless Chromium. At 1280 and 768 px a question's table scrolls sideways in
 * its own focusable region with the answer column held in view, and the page never scrolls
 * sideways; the first page shows the open wave's headline figures as the API gives them, with the
 * made-up-data notice. Screenshots go to .tmp/screens/officer-results-look-*.png and officer-home-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';

const EMAIL = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;
let landedOn = '';

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, { demo: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'viewer' }] });
  browser = await launchBrowser();
  // One sign-in for the whole file (the session cookie lives in the browser context); where it lands is checked below.
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/officer`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Headline figures', level: 2 }).waitFor();
  landedOn = new URL(page.url()).pathname;
  await page.close();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** 0.0264 → "±2.6 percentage points" (written here independently of the client's formatter). */
const margin = (moe: number) => `±${(moe * 100).toFixed(1)} percentage points`;

describe('the first page: headline figures of the open wave', () => {
  it('lands there on signing in, with the figures and findings the API gives and the made-up-data notice', async () => {
    const page = await browser!.newPage(1280, 800);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    expect(landedOn).toBe('/officer');
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Headline figures', level: 2 }).waitFor();

    const card = page.locator('section.home-card', { has: page.getByRole('heading', { name: /wave 2026 \(open\)/ }) }).first();
    await card.waitFor();
    // The demo's open resident wave: 2,200 synthetic responses so far.
    await expect.poll(() => card.locator('.headline-figures').textContent()).toContain('Responses so far2,200');

    const api = await page.evaluate(() => fetch('/api/officer/surveys/resident-safety/waves/2026/findings?compareWave=2025').then((r) => r.json()));
    expect(api.syntheticNotice).toMatch(/SYNTHETIC/);
    expect(api.findings.length).toBeGreaterThan(0);
    // The findings arrive after the survey list: poll until they are shown.
    await expect.poll(() => card.locator('.key-findings li').allTextContents(), { timeout: 60_000 }).toEqual(api.findings.map((f: { text: string }) => f.text));
    await expect.poll(() => card.locator('.banner').textContent()).toContain(api.syntheticNotice);
    await expect.poll(() => card.locator('.banner').textContent()).toMatch(/^Made-up demo data\./);
    await expect.poll(() => card.locator('.headline-figures').textContent()).toContain(margin(api.marginOfError));
    await expect.poll(() => card.locator('.headline-figures').textContent()).toContain('Weighted to the population');
    await expect.poll(() => card.locator('.headline-figures').textContent()).toContain('ILLUSTRATIVE');
    await expect.poll(() => card.getByRole('heading', { level: 4 }).first().textContent()).toBe('Key findings (changes since 2025)');

    // Links on to the detail carry the survey and wave.
    const results = card.getByRole('link', { name: /^Results/ });
    expect(await results.getAttribute('href')).toBe('/officer/results?survey=resident-safety&wave=2026');
    expect(await card.getByRole('link', { name: /^Returns/ }).getAttribute('href')).toBe('/officer/returns?survey=resident-safety&wave=2026');
    expect(await card.getByRole('link', { name: /^Perception vs reality/ }).getAttribute('href')).toBe('/officer/perception?survey=resident-safety&wave=2026');

    for (const [width, height] of [
      [1280, 800],
      [768, 1024],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await noSidewaysScroll(page, width, `home at ${width}`);
      await page.screenshot({ path: join(screens, `officer-home-${width}.png`), fullPage: true });
    }

    await results.click();
    await page.getByRole('heading', { name: 'Survey results' }).waitFor();
    expect(new URL(page.url()).search).toBe('?survey=resident-safety&wave=2026');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('results tables that fit', () => {
  for (const [width, height] of [
    [1280, 800],
    [768, 1024],
  ]) {
    it(`at ${width} px: the table scrolls in its own focusable region, the answer column stays in view, the page does not scroll sideways`, async () => {
      const page = await browser!.newPage(width, height);
      await page.goto(`${srv().url}/officer/results?survey=resident-safety&wave=2026`);
      await page.getByRole('heading', { name: 'Survey results' }).waitFor();
      await page.getByLabel('How old are you?').check();
      await page.getByLabel('Compare with').selectOption('2025');
      await page.getByRole('button', { name: 'Show results' }).click();
      const first = page.locator('section.question').first();
      await first.locator('canvas').waitFor({ timeout: 60_000 });
      const title = (await first.locator('h3').textContent())!;

      const region = page.getByRole('region', { name: `Table: ${title}, scrolls sideways` });
      await expect.poll(() => region.count()).toBe(1);
      expect(await region.getAttribute('tabindex')).toBe('0');
      // Estimate and CI first after the answer, then the change, then the groups.
      const headers = await region.locator('thead th').allTextContents();
      expect(headers.slice(0, 4)).toEqual(['Answer', 'All respondents', '2025 (all respondents)', 'Change since 2025']);
      expect(headers).toEqual(expect.arrayContaining(['18 to 24', '75 or over']));

      // Seven age bands and the change do not fit: the region (not the page) scrolls.
      const size = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(size.scroll).toBeGreaterThan(size.client);
      await noSidewaysScroll(page, width, `results at ${width}`);

      // Tab reaches the region; its focus ring shows.
      await page.getByRole('button', { name: 'Show results' }).focus();
      for (let i = 0; i < 40; i++) {
        if (await region.evaluate((el) => el === document.activeElement)) break;
        await page.keyboard.press('Tab');
      }
      await expect.poll(() => region.evaluate((el) => el === document.activeElement)).toBe(true);
      await expect.poll(() => region.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
      await expect.poll(() => region.evaluate((el) => Number.parseFloat(getComputedStyle(el).outlineWidth))).toBeGreaterThanOrEqual(2);

      // Scrolled by the keyboard to the far end, the answer column is still at the region's left edge.
      for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
      await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(100);
      await region.evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
      });
      const edges = () =>
        region.evaluate((el) => {
          const box = el.getBoundingClientRect();
          const answer = el.querySelector('tbody tr th')!.getBoundingClientRect();
          const all = el.querySelector('tbody tr td')!.getBoundingClientRect();
          return { offset: Math.round(answer.left - box.left), answerRight: answer.right, allRight: all.right };
        });
      await expect.poll(async () => (await edges()).offset).toBeLessThanOrEqual(2);
      await expect.poll(async () => (await edges()).offset).toBeGreaterThanOrEqual(0);
      // The first figures column has gone under the answer column.
      await expect.poll(async () => (await edges()).allRight < (await edges()).answerRight + 1).toBe(true);
      await noSidewaysScroll(page, width, `results at ${width}, table scrolled`);
      await region.screenshot({ path: join(screens, `officer-results-look-table-${width}.png`) });
      await first.screenshot({ path: join(screens, `officer-results-look-question-${width}.png`) });

      // The statements say which test they come from.
      await expect
        .poll(() => first.locator('.associations li').first().textContent())
        .toMatch(/^Rao–Scott test of association across the groups \(age band\): /);
      for (const d of await first.locator('.differences li').allTextContents())
        expect(d).toMatch(/^Comparing (pairs of groups|each group with the rest of the sample) \(Benjamini–Hochberg adjusted\): /);
      await page.close();
    });
  }
});
