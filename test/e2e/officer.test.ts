/**
 * The officer workspace end to end: the real server on a temporary data folder holding the demo
 * content (SYNTHETIC responses weighted to ILLUSTRATIVE targets), a viewer account, and headless
 * Chromium signing in and reading the results. Screenshots go to .tmp/screens/officer-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { loadAllQuestions } from './load-results.js';

const EMAIL = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  // The demo content and a viewer, written into the running server's data folder (SQLite WAL allows it).
  await seed(server, { demo: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'viewer' }] });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signInWith(page: Page, password: string) {
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(password);
  // Keyboard only: Enter in the password field submits.
  await page.getByLabel('Password').press('Enter');
}

describe('officer workspace', () => {
  it('sends an anonymous visit to the results back to sign-in', async () => {
    await browser!.context.clearCookies();
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer/results`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/officer/sign-in');
    await expect(page.locator('.notice').textContent()).resolves.toContain('Sign in to see survey results');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.close();
  });

  it('announces a wrong password and stays on sign-in', async () => {
    await browser!.context.clearCookies();
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer`);
    await signInWith(page, 'not the password at all');
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('Email or password is wrong');
    expect(new URL(page.url()).pathname).toBe('/officer/sign-in');
    // The cursor is back in the emptied password field for another try.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.screenshot({ path: join(screens, 'officer-sign-in-error.png') });
    await page.close();
  });

  it('signs in and shows charts, tables, captions, differences and the notices for resident-safety', async () => {
    await browser!.context.clearCookies();
    const page = await browser!.newPage(1280);
    await page.goto(`${srv().url}/officer`);
    await signInWith(page, PASSWORD);
    // Signing in lands on the headline figures; the results are one link away.
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/officer');
    await page.getByRole('navigation', { name: 'Officer pages' }).getByRole('link', { name: 'Results', exact: true }).click();
    await page.getByRole('heading', { name: 'Survey results' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/officer/results');
    await expect(page.locator('.who').textContent()).resolves.toContain(`${EMAIL} (viewer)`);

    await page.getByLabel('Survey').selectOption('resident-safety');
    await page.getByLabel('Wave').selectOption('2026');
    await page.getByLabel('What is your sex?').check();
    await page.getByRole('button', { name: 'Show results' }).click();
    const first = page.locator('section.question').first();
    await first.locator('canvas').waitFor({ timeout: 15_000 });

    // The notices are shown whenever the report carries them.
    const banner = page.locator('.banner');
    await expect(banner.textContent()).resolves.toMatch(/SYNTHETIC demo data/);
    await expect(banner.textContent()).resolves.toMatch(/ILLUSTRATIVE population figures/);

    // A caption in words, a table of the same numbers with groups, and the chart actually drawn.
    await expect(first.locator('.caption').textContent()).resolves.toMatch(/^\d+\.\d% [a-z ]+ \(95% CI \d+\.\d–\d+\.\d%\), base [\d,]+$/);
    const headers = await first.locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Answer', 'All respondents', 'Female', 'Male']));
    const cells = await first.locator('tbody td.num').allTextContents();
    expect(cells.length).toBeGreaterThan(5);
    // A figure on an effective base below 100 says it is rough.
    for (const c of cells) expect(c).toMatch(/^\d+\.\d% \(\d+\.\d–\d+\.\d%\) n=[\d,]+(; rough \(effective base \d+\))?$/);
    // "Prefer not to say" is out of the sex question's base: no group of the breakdown, no empty column.
    expect(headers).not.toContain('Prefer not to say');
    const inked = await first.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return { n, width: canvas.width };
    });
    expect(inked.width).toBeGreaterThan(300);
    expect(inked.n).toBeGreaterThan(2000);
    expect(await first.locator('canvas').getAttribute('aria-label')).toMatch(/Bar chart of .+ \d+\.\d%/);

    // Significant differences between groups in words.
    const differences = await page.locator('.differences li').allTextContents();
    expect(differences.length).toBeGreaterThan(0);
    expect(differences[0]).toMatch(
      /^Comparing pairs of groups \(Benjamini–Hochberg adjusted\): (Female|Male) respondents are (less|more) likely than (female|male) respondents to say “.+” \(\d+\.\d% vs \d+\.\d%\)\.$/i,
    );

    await page.screenshot({ path: join(screens, 'officer-results-1280.png') });
    await first.screenshot({ path: join(screens, 'officer-question-1280.png') });
    await page.screenshot({ path: join(screens, 'officer-results-1280-full.png'), fullPage: true });
    for (const width of [1024, 768]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.waitForTimeout(300);
      // Nothing wider than the window: no sideways scrolling of the page itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screens, `officer-results-${width}.png`) });
    }
    await page.close();
  }, 60_000); // two pages now (the headline figures, then the results): more than the default time on a busy machine

  it('shows youth-safety (design weights only) with every question, and no illustrative-targets notice', async () => {
    const page = await browser!.newPage(1024);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer/results`);
    await page.getByLabel('Survey').selectOption('youth-safety');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.locator('section.question canvas').first().waitFor({ timeout: 15_000 });
    const report = await page.evaluate(() => fetch('/api/officer/surveys/youth-safety/waves/2026/report?detail=full').then((r) => r.json()));
    const questions = new Set((report.estimates as { question: string }[]).map((e) => e.question));
    // Each question is fetched as it comes into view: all slots first, then every one loaded.
    const slots = page.locator('.results-controls-slot');
    await expect.poll(() => slots.count()).toBe(questions.size);
    await loadAllQuestions(page);
    await expect.poll(() => page.locator('section.question').count()).toBe(questions.size);
    await expect(page.locator('.banner').textContent()).resolves.toMatch(/SYNTHETIC/);
    await expect(page.locator('.banner').textContent()).resolves.not.toMatch(/ILLUSTRATIVE/);
    await expect(page.locator('.method').textContent()).resolves.toContain('design weights only');
    expect(errors).toEqual([]);
    // A multi-choice question: each option as a share of those who answered.
    await page.locator('section.question', { has: page.locator('#q-unsafe_places') }).screenshot({ path: join(screens, 'officer-youth-multi-1024.png') });
    await page.close();
  }, 90_000);

  it('signs out back to the sign-in page', async () => {
    const page = await browser!.newPage(1024);
    await page.goto(`${srv().url}/officer/results`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('You are signed out');
    // The session is gone on the server too.
    expect(await page.evaluate(() => fetch('/api/officer/me').then((r) => r.status))).toBe(401);
    await page.close();
  });
});
