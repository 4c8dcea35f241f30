/**
 * The data and accounts pages end to end: the real server on a temporary data folder and headless
 * Chromium. An analyst uploads the bundled real police.uk file through the page and reads the
 * import report, then loads a MADE-UP population file marked illustrative and sees the notice; an
 * admin adds a viewer account and sees it and its audit entry; the analyst has no Accounts page.
 * Screenshots go to .tmp/screens/data-*.png and accounts-*.png.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maidstoneWards } from '../../surveys/areas/wards.js';
import { policeUkDownloadZip } from '../helpers/police-uk.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const PASSWORD = 'long enough pass';
const ANALYST = 'analyst@test.invalid';
const ADMIN = 'admin@test.invalid';
const NEW_VIEWER = 'new.viewer@test.invalid';
const FIXTURE_NAME = 'police-uk-2019-01-kent-street-maidstone.csv';
const FIXTURE = join(root, 'server/demo/police-uk', FIXTURE_NAME);
const BOUNDARIES = join(root, 'surveys/areas/maidstone-wards-2019.geojson');
const screens = join(root, '.tmp/screens');

/** Script errors in any page; none are expected. */
const pageErrors: string[] = [];
let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, {
    officers: [
      { email: ANALYST, password: PASSWORD, role: 'analyst' },
      { email: ADMIN, password: PASSWORD, role: 'admin' },
    ],
  });
  browser = await launchBrowser();
});

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedInPage(email: string, path: string, width = 1280): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(`${srv().url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.locator('main .page-heading').filter({ hasNotText: 'Sign in' }).waitFor();
  return page;
}

async function screenshotsAt(page: Page, name: string) {
  for (const width of [1280, 768]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(200);
    // Nothing wider than the window: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(screens, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const nav = (page: Page) => page.locator('nav.site-nav a').allTextContents();

describe('crime and population data (analyst)', () => {
  it("shows Data but not Accounts in the analyst's menu, and refuses the accounts page", async () => {
    const page = await signedInPage(ANALYST, '/officer/data');
    await page.getByRole('heading', { name: 'Crime and population data', level: 2 }).waitFor();
    const items = await nav(page);
    expect(items).toContain('Data');
    expect(items).not.toContain('Accounts');
    await page.goto(`${srv().url}/officer/accounts`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain("Your analyst account can't open this page");
    await page.close();
  });

  it('uploads the bundled police.uk file with its progress, imports it and shows the report in words and a table', async () => {
    const page = await signedInPage(ANALYST, '/officer/data');
    await expect.poll(() => page.locator('.data-section').first().textContent()).toContain('No recorded crime is stored yet');

    // A file that is not a police.uk file is refused, with the reason, and nothing is imported.
    await page.locator('#crime-files').setInputFiles({ name: 'not-police.csv', mimeType: 'text/csv', buffer: Buffer.from('ward,crimes\nAllington,3\n') });
    await page.getByRole('button', { name: 'Upload and import the file' }).click();
    const alert = page.locator('#crime-error [role=alert]');
    await expect.poll(() => alert.textContent()).toMatch(/not-police\.csv is not a police\.uk street-level crime file/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('crime-error');
    await expect.poll(() => page.locator('.upload-state').first().textContent()).toMatch(/^Refused: /);

    await page.locator('#crime-files').setInputFiles(FIXTURE);
    await expect.poll(() => page.locator('ul.uploads li').count()).toBe(1);
    // Record every state the file's row and the page's progress go through (a local upload is quick).
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { seen: Set<string> }).seen = seen;
      const note = () => {
        for (const el of document.querySelectorAll('.upload-state, main .progress span')) seen.add(el.textContent ?? '');
        const bar = document.querySelector<HTMLProgressElement>('ul.uploads progress');
        if (bar) seen.add(`bar ${bar.value} of ${bar.max}`);
      };
      new MutationObserver(note).observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Upload and import the file' }).click();
    const report = page.locator('section.import-report');
    await report.waitFor({ timeout: 20_000 });
    expect(await page.locator('.upload-state').count()).toBe(0);
    const seen = await page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
    const size = statSync(FIXTURE).size;
    expect(seen).toContain('Uploaded');
    expect(seen).toContain(`bar ${size} of ${size}`);
    expect(seen.some((t) => t.startsWith('Importing 1 file'))).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('import-report');

    const sentences = await report.locator('ul li').allTextContents();
    // The counts server/demo/police-uk/README.md states.
    expect(sentences).toEqual([
      `Read 1,666 rows from 1 file: ${FIXTURE_NAME}.`,
      "1,588 crimes counted in the borough's wards, for January 2019.",
      expect.stringMatching(/^Replaced the month January 2019: /),
      expect.stringMatching(/^78 rows were outside the borough and left out/),
    ]);
    await expect(report.textContent()).resolves.toContain('Every LSOA code of the borough in the files was found in the ward lookup');
    const byType = await report
      .locator('table tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]));
    expect(byType).toContainEqual(['Violence and sexual offences', '647']);
    expect(byType).toContainEqual(['Burglary', '110']);
    expect(byType).toHaveLength(14);
    expect(await report.locator('tfoot td').textContent()).toBe('1,588');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Import finished' }).textContent()).toContain('1,588 crimes counted for January 2019');

    // What is stored, month by month.
    const stored = page.locator('.data-section').first().locator('table').first();
    await expect.poll(() => stored.locator('tbody tr').first().textContent()).toContain('January 2019');
    const cells = await stored.locator('tbody tr').first().locator('th, td').allTextContents();
    expect(cells[0]).toBe('January 2019');
    expect(cells[1]).toBe('1,588');
    expect(cells[4]).toBe(FIXTURE_NAME);
    await screenshotsAt(page, 'data-crime-report');
    await page.close();
  });

  it('loads a made-up population file marked illustrative and shows the ILLUSTRATIVE notice', async () => {
    const page = await signedInPage(ANALYST, '/officer/data');
    await expect.poll(() => page.locator('.data-section').nth(1).textContent()).toContain('No population figures are loaded yet');
    // MADE UP for this test (not ONS data): 2,000 adults aged 18-24 in every ward, half of them women.
    const csv = [
      'area_code,sex,age_band,count,source',
      ...maidstoneWards().flatMap((w) => [`${w.code},female,18-24,1000,made up for a browser test`, `${w.code},male,18-24,1000,made up for a browser test`]),
    ].join('\n');
    await page.locator('#population-file').setInputFiles({ name: 'made-up-population.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('These figures are illustrative (made up, not official statistics)').check();
    await page.getByRole('button', { name: 'Replace the population figures' }).click();
    const result = page.locator('#population-result');
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toBe('Loaded 52 figures for 26 wards: all previous population figures were replaced, and they are marked ILLUSTRATIVE.');
    const banner = page.locator('.data-section').nth(1).locator('.banner');
    await expect(banner.textContent()).resolves.toMatch(/These population figures are ILLUSTRATIVE \(made up, not ONS data\)/);
    const summary = await page.locator('dl.summary').textContent();
    expect(summary).toContain('26 of 26');
    expect(summary).toContain('52,000');
    expect(summary).toContain('made up for a browser test');
    await page.locator('details.format summary').click();
    await screenshotsAt(page, 'data-population');

    // A bad file is refused with the line, and the figures stay as they were.
    await page
      .locator('#population-file')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('area_code,sex,age_band,count,source\nE05004982,*,*,lots,x\n') });
    await page.getByRole('button', { name: 'Replace the population figures' }).click();
    await expect
      .poll(() => page.locator('#population-error [role=alert]').textContent())
      .toMatch(/^Line 2: the count for E05004982 \* \* must be a number ≥ 0, not 'lots'\. Nothing was changed\.$/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('population-error');
    expect(await page.locator('dl.summary').textContent()).toContain('52,000');
    await page.close();
  });
});

describe('ward boundaries (analyst)', () => {
  it('shows the bundled ONS boundaries in use, refuses a file missing a ward with the reason, and loads one that fits', async () => {
    const page = await signedInPage(ANALYST, '/officer/data');
    const inUse = page.locator('#boundaries-in-use');
    await expect.poll(() => inUse.textContent()).toContain('ONS Wards (December 2019) Boundaries EW BGC (bundled)');
    expect(await inUse.textContent()).toContain('All 26 wards of the lookup');

    // MADE-UP change for this test: the real bundled boundaries with one ward left out.
    const bundled = JSON.parse(readFileSync(BOUNDARIES, 'utf8'));
    const missing = { ...bundled, features: bundled.features.filter((f: { properties: { wd19nm: string } }) => f.properties.wd19nm !== 'Headcorn') };
    await page
      .locator('#boundaries-file')
      .setInputFiles({ name: 'missing-one.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(missing)) });
    await page.getByRole('button', { name: 'Replace the ward boundaries' }).click();
    await expect.poll(() => page.locator('#boundaries-error [role=alert]').textContent()).toBe('The file has no boundary for 1 of the 26 wards: Headcorn.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('boundaries-error');
    expect(await inUse.textContent()).toContain('(bundled)');

    await page.locator('#boundaries-file').setInputFiles(BOUNDARIES);
    await page.getByRole('button', { name: 'Replace the ward boundaries' }).click();
    await expect
      .poll(() => page.locator('#boundaries-result').textContent(), { timeout: 15_000 })
      .toBe('Loaded the boundaries of all 26 wards: the maps now use them.');
    await expect.poll(() => inUse.textContent()).toContain('uploaded as maidstone-wards-2019.geojson');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('boundaries-result');
    await screenshotsAt(page, 'data-boundaries');
    await page.close();
  });
});

describe('accounts and the audit log (admin)', () => {
  it("adds a viewer account; the account, its audit entry and the analyst's import are listed, newest first", async () => {
    const page = await signedInPage(ADMIN, '/officer/accounts');
    await page.getByRole('heading', { name: 'Accounts and audit log', level: 2 }).waitFor();
    expect(await nav(page)).toContain('Accounts');
    const accounts = page.locator('table.accounts tbody tr');
    await expect.poll(() => accounts.count()).toBe(2);

    // The rule is explained, and a password that breaks it is refused with the server's reason, focused.
    await expect(page.locator('#new-password-hint').textContent()).resolves.toMatch(/^At least 12 characters/);
    await page.getByLabel('Email', { exact: true }).fill(NEW_VIEWER);
    await page.getByLabel('Password').fill('short');
    await page.getByLabel('Viewer').check();
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect.poll(() => page.locator('#add-account-error [role=alert]').textContent()).toMatch(/too short: use at least 12 characters/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-account-error');
    expect(await accounts.count()).toBe(2);

    // Each role says what it may do.
    await expect(page.locator('#role-viewer-hint').textContent()).resolves.toMatch(/^Can see the returns, results/);
    await expect(page.locator('#role-admin-hint').textContent()).resolves.toMatch(/^Everything an analyst can, and also .*add accounts and read the audit log/);

    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Account added' }).textContent())
      .toBe(`Account added: ${NEW_VIEWER} (viewer). They can sign in now.`);
    await expect.poll(() => accounts.count()).toBe(3);
    const row = accounts.filter({ hasText: NEW_VIEWER });
    // Email, role, status, last sign-in, two-factor, created (the last cell holds the change buttons).
    expect((await row.locator('th, td').allTextContents()).slice(0, 6)).toEqual([
      NEW_VIEWER,
      'Viewer',
      'Enabled',
      'Never',
      'Off',
      expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/),
    ]);
    // The form is cleared for the next account.
    await expect.poll(() => page.getByLabel('Email', { exact: true }).inputValue()).toBe('');

    const audit = page.locator('table.audit tbody tr');
    await expect
      .poll(async () => (await audit.first().locator('td, th').allTextContents()).slice(1))
      .toEqual([ADMIN, 'Added an account', `${NEW_VIEWER} as viewer`]);
    const rows = await audit.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent)));
    const whats = rows.map((r) => r[2]);
    expect(whats).toContain('Imported recorded crime');
    expect(whats).toContain('Replaced the population figures');
    // Newest first: the account creation, then the admin's sign-in, …, the analyst's import further down.
    expect(whats.indexOf('Added an account')).toBeLessThan(whats.indexOf('Replaced the population figures'));
    expect(whats.indexOf('Replaced the population figures')).toBeLessThan(whats.indexOf('Imported recorded crime'));
    const imported = rows.find((r) => r[2] === 'Imported recorded crime')!;
    expect(imported[1]).toBe(ANALYST);
    expect(imported[3]).toBe(`Jan 2019 from ${FIXTURE_NAME}: 1,666 rows read, 1,588 counted in a ward, 78 outside the borough`);
    const population = rows.find((r) => r[2] === 'Replaced the population figures')!;
    expect(population[3]).toBe('52 figures for 26 wards from made-up-population.csv, marked ILLUSTRATIVE (made up)');
    await screenshotsAt(page, 'accounts');
    await page.close();

    // The new account really signs in, as a viewer.
    const res = await fetch(`${srv().url}/api/officer/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: NEW_VIEWER, password: 'a long enough password' }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).role).toBe('viewer');
  });
});

describe('a police.uk custom download (analyst)', () => {
  it('uploads the ZIP as it comes, shows the import progress and the files inside, and the latest month held', async () => {
    const page = await signedInPage(ANALYST, '/officer/data');
    await expect.poll(() => page.locator('.latest-month').textContent()).toBe('Latest month of recorded crime held: January 2019.');
    // January 2019 is the bundled file; February 2019 is made up from it by rewriting the Month column; plus an outcomes file to skip.
    const zip = policeUkDownloadZip();
    await page.locator('#crime-files').setInputFiles({ name: 'kent-download.zip', mimeType: 'application/x-zip-compressed', buffer: zip });
    await expect.poll(() => page.locator('ul.uploads li').count()).toBe(1);
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { seen: Set<string> }).seen = seen;
      const note = () => {
        for (const el of document.querySelectorAll('.upload-state, main .progress span')) seen.add(el.textContent ?? '');
      };
      new MutationObserver(note).observe(document.querySelector('main')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Upload and import the file' }).click();
    const report = page.locator('section.import-report');
    await report.waitFor({ timeout: 20_000 });
    const seen = await page.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen]);
    expect(seen).toContain('Uploaded');
    expect(seen.some((t) => t.startsWith('Importing 1 file'))).toBe(true);

    const sentences = await report.locator('ul li').allTextContents();
    expect(sentences.slice(0, 2)).toEqual([
      'Read 3,332 rows from 1 file: kent-download.zip.',
      "3,176 crimes counted in the borough's wards, for January 2019 to February 2019.",
    ]);
    const inside = report.getByRole('list', { name: 'Files inside kent-download.zip' });
    expect(await inside.locator('li').allTextContents()).toEqual([
      '2019-01/2019-01-kent-street.csv: January 2019, 1,666 rows',
      '2019-02/2019-02-kent-street.csv: February 2019, 1,666 rows',
      expect.stringMatching(/^2019-01\/2019-01-kent-outcomes\.csv: skipped, an outcomes file/),
    ]);
    await expect.poll(() => page.locator('.latest-month').textContent()).toBe('Latest month of recorded crime held: February 2019.');
    const stored = page.locator('.data-section').first().locator('table').first();
    await expect.poll(() => stored.locator('tbody tr').count()).toBe(2);
    expect(await stored.locator('tbody tr').nth(1).locator('th, td').allTextContents()).toEqual([
      'February 2019',
      '1,588',
      expect.any(String),
      expect.any(String),
      '2019-02-kent-street.csv',
    ]);
    await screenshotsAt(page, 'data-crime-zip-report');
    await page.close();
  });
});
