/**
 * Paper returns in the browser: the real server on a temporary data folder with the resident
 * questionnaire open, an analyst, headless Chromium. The analyst keys in one complete paper form
 * through the questionnaire, keys the same reference again and is told, imports a CSV with one bad
 * row (listed, nothing stored), then imports skipping it. Stored rows are read from the SQLite
 * file. Screenshots go to .tmp/screens/paper-*.png at 1280 and 768 wide.
 */
import { AxeBuilder } from '@axe-core/playwright';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { answerToTheEnd, completeButton, visibleQuestionNames } from './answer.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const EMAIL = 'analyst@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
/** How long to wait for the server's answer to show (a busy 2-core machine). */
const WAIT = { timeout: 20_000 };
const survey = join(root, 'surveys/resident-safety.survey.json');

let server: RunningServer | undefined;
let browser: Browser | undefined;
let page: Page;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

function query<T>(sql: string): T[] {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}
const bySource = () =>
  Object.fromEntries(query<{ source: string; n: number }>('SELECT source, count(*) AS n FROM responses GROUP BY source').map((r) => [r.source, r.n]));

/**
 * Nothing wider than the window (no sideways scrolling), then screenshots: the window (scrolled to
 * `at` if given) as paper-<name>-<width>.png, and the whole page as paper-<name>-<width>-full.png.
 */
async function shoot(name: string, width: number, at?: string) {
  await page.setViewportSize({ width, height: 1000 });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  if (at) await page.locator(at).first().scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screens, `paper-${name}-${width}.png`) });
  await page.screenshot({ path: join(screens, `paper-${name}-${width}-full.png`), fullPage: true });
}

/** A resident return's CSV: line 3 (the second form) has an answer that is not an option. */
const CSV = [
  'safe_home,safe_day_local,safe_dark_local,safe_day_town,safe_dark_town,unsafe_places,ward,sex,age_band,household_size',
  'very_safe,fairly_safe,fairly_unsafe,very_safe,very_unsafe,town_centre;car_parks,E05004984,female,45-54,3',
  'extremely_safe,fairly_safe,fairly_unsafe,very_safe,very_unsafe,,E05004984,male,25-34,2',
  'fairly_safe,fairly_safe,neither,very_safe,fairly_unsafe,parks,E05004985,male,65-74,1',
].join('\n');

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer([
    ['survey', 'add', '--file', survey],
    ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
    ['wave', 'open', '--survey', 'resident-safety', '--name', '2026'],
  ]);
  await seed(server, { officers: [{ email: EMAIL, password: PASSWORD, role: 'analyst' }] });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 1000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('paper returns page', () => {
  it('signs the analyst in and says which wave the forms go into', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${srv().url}/officer/paper?survey=resident-safety&wave=2026`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Paper returns' }).waitFor();
    await expect.poll(() => page.locator('.paper-into').textContent(), WAIT).toMatch(/Forms go into .*wave 2026 \(open\)\. This wave holds 0 returns so far/);
    // Open wave: no closed-wave warning.
    expect(await page.locator('.banner').count()).toBe(0);
    await page.locator('.sd-question[data-name="safe_home"]').waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  it('keys in one complete paper form through the questionnaire and announces it saved', async () => {
    await page.getByLabel('Form reference (optional)').fill('17');
    await answerToTheEnd(page);
    await completeButton(page).click();
    const status = page.locator('.paper-section [role=status].status');
    await expect.poll(() => status.textContent(), WAIT).toMatch(/^Form 17 saved \(response \d+\)/);
    // A fresh, empty form, and the cursor back in the reference box for the next one.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('form-reference');
    expect(await page.getByLabel('Form reference (optional)').inputValue()).toBe('');
    expect(await visibleQuestionNames(page)).toContain('safe_home');
    expect(await page.locator('.sd-question[data-name="safe_home"] input:checked').count()).toBe(0);
    const rows = await page.locator('.paper-session tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/17\d+Saved/);

    const stored = query<{ source: string; synthetic: number; status: string; answers: string; idempotency_key: string }>(
      'SELECT source, synthetic, status, answers, idempotency_key FROM responses',
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ source: 'paper', synthetic: 0, status: 'complete' });
    const answers = JSON.parse(stored[0].answers);
    // The answer helper picks each question's first option.
    expect(answers).toMatchObject({ safe_home: 'very_safe', sex: 'female', age_band: '18-24' });
    await expect.poll(() => page.locator('.paper-into').textContent(), WAIT).toMatch(/holds 1 return so far: 1 keyed in from paper/);
    await shoot('key-in', 1280);
    await shoot('key-in', 768);
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('keys the same reference again and is told it was already keyed in; nothing more is stored', async () => {
    await page.getByLabel('Form reference (optional)').fill('17');
    await answerToTheEnd(page);
    await completeButton(page).click();
    const status = page.locator('.paper-section [role=status].status');
    await expect.poll(() => status.textContent(), WAIT).toMatch(/Form 17 was already keyed in with these answers \(response \d+\); it is stored once/);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM responses')[0].n).toBe(1);
    const rows = await page.locator('.paper-session tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/17\d+Already keyed in/);
  });

  it('imports a CSV with one bad row: the row is listed with its line and question, nothing is stored', async () => {
    await page.getByLabel('Importing a CSV file of forms').check();
    await page.getByRole('heading', { name: 'Import a CSV file' }).waitFor();
    // The template link downloads the header row of question names.
    const href = await page.getByRole('link', { name: 'template (CSV)' }).getAttribute('href');
    const template = await page.evaluate(async (url) => {
      const r = await fetch(url!);
      return { type: r.headers.get('content-type'), text: await r.text() };
    }, href);
    expect(template.type).toMatch(/^text\/csv/);
    expect(template.text.split(',').slice(0, 3)).toEqual(['safe_home', 'safe_day_local', 'safe_dark_local']);

    // The column guide says what each column holds: wording, values with their meaning, when required.
    await page.getByText('The columns of the file, and what to write in each').click();
    const wardRow = page.locator('.paper-guide tbody tr', { has: page.locator('th code', { hasText: /^ward$/ }) });
    await expect.poll(() => wardRow.textContent(), WAIT).toMatch(/Which ward do you live in\?.*E05004982 = \S+.*yes$/);
    await shoot('import-guide', 768, '.paper-guide tbody tr:nth-child(20)');
    await page.setViewportSize({ width: 1280, height: 1000 });

    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'returns-batch-1.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByRole('button', { name: 'Import into wave 2026' }).click();
    const alert = page.locator('#import-outcome[role=alert]');
    await expect.poll(() => alert.textContent(), WAIT).toMatch(/returns-batch-1\.csv: 1 row was rejected \(of 3\), so nothing was stored/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('import-outcome');
    const cells = await page.locator('table.rejected tbody tr').first().locator('th, td').allTextContents();
    expect(cells[0]).toBe('3');
    // The question's wording from the questionnaire, with its column name.
    expect(cells[1]).toMatch(/^How safe .+ \(safe_home\)$/);
    expect(cells[2]).toMatch(/'extremely_safe' is not one of the answer options/);
    expect(bySource()).toEqual({ paper: 1 });
    await shoot('import-rejected', 1280, 'table.rejected');
    await shoot('import-rejected', 768, 'table.rejected');
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('imports again skipping the rejected row: only the good rows are stored, as imports', async () => {
    await page.getByRole('button', { name: 'Import the other 2 rows, skipping these' }).click();
    const done = page.locator('#import-outcome[role=status]');
    await expect
      .poll(() => done.textContent(), { timeout: 20_000 })
      .toMatch(/returns-batch-1\.csv: imported 2 of 3 rows into wave 2026; 1 rejected row skipped/);
    expect(await page.locator('table.rejected tbody th').allTextContents()).toEqual(['3']);
    expect(bySource()).toEqual({ paper: 1, import: 2 });
    const imported = query<{ answers: string; synthetic: number; design_weight: number }>(
      "SELECT answers, synthetic, design_weight FROM responses WHERE source = 'import' ORDER BY id",
    );
    expect(imported.map((r) => JSON.parse(r.answers).safe_home)).toEqual(['very_safe', 'fairly_safe']);
    expect(JSON.parse(imported[0].answers).unsafe_places).toEqual(['town_centre', 'car_parks']);
    expect(imported.every((r) => r.synthetic === 0 && r.design_weight === 1)).toBe(true);
    await shoot('import-stored', 1280, 'table.rejected');

    // The same file again adds nothing, and says so.
    await page.getByRole('button', { name: 'Import into wave 2026' }).click();
    await expect.poll(() => done.textContent(), WAIT).toMatch(/imported 0 of 3 rows .*2 already present/);
    expect(bySource()).toEqual({ paper: 1, import: 2 });
  });

  it('imports a ward-stratified, clustered sample: the design columns named on the page, a ward with one sector refused', async () => {
    const header = `${CSV.split('\n')[0]},sector,households`;
    const rows = (sectors: string[]) =>
      [
        header,
        ...['E05004984', 'E05004984', 'E05004985', 'E05004985'].map(
          (ward, i) => `fairly_safe,fairly_safe,neither,very_safe,fairly_unsafe,parks,${ward},male,65-74,1,${sectors[i]},${ward === 'E05004984' ? 3100 : 2900}`,
        ),
      ].join('\n');
    await page.getByLabel('Stratum column').fill('ward');
    await page.getByLabel('PSU (cluster) column').fill('sector');
    await page.getByLabel('Finite population correction column').fill('households');
    // The form with its design fields reads correctly to assistive technology (WCAG 2.2 AA as axe checks it).
    const axe = await new AxeBuilder({ page }).include('form').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'sample-lonely.csv', mimeType: 'text/csv', buffer: Buffer.from(rows(['A', 'B', 'C', 'C'])) });
    await page.getByRole('button', { name: 'Import into wave 2026' }).click();
    const alert = page.locator('#import-outcome[role=alert]');
    await expect.poll(() => alert.textContent(), WAIT).toMatch(/Stratum E05004985 has only one PSU \(cluster\).*Nothing was stored/);
    expect(bySource()).toEqual({ paper: 1, import: 2 });

    await page
      .getByLabel('CSV file', { exact: true })
      .setInputFiles({ name: 'sample.csv', mimeType: 'text/csv', buffer: Buffer.from(rows(['A', 'B', 'C', 'D'])) });
    await page.getByRole('button', { name: 'Import into wave 2026' }).click();
    await expect.poll(() => page.locator('#import-outcome[role=status]').textContent(), WAIT).toMatch(/sample\.csv: imported 4 of 4 rows into wave 2026/);
    const declared = query<{ stratum: string; psu: string; fpc: number }>('SELECT stratum, psu, fpc FROM responses WHERE stratum IS NOT NULL ORDER BY id');
    expect(declared.map((r) => `${r.stratum} ${r.psu} ${r.fpc}`)).toEqual(['E05004984 A 3100', 'E05004984 B 3100', 'E05004985 C 2900', 'E05004985 D 2900']);
    await shoot('import-design', 768, '#stratum-column');
    await page.setViewportSize({ width: 1280, height: 1000 });
  });

  it('warns when the wave is closed, and still takes a late paper form', async () => {
    await srv().cli('wave', 'close', '--survey', 'resident-safety', '--name', '2026');
    await page.goto(`${srv().url}/officer/paper?survey=resident-safety&wave=2026`);
    const banner = page.locator('.banner');
    await expect.poll(() => banner.textContent(), WAIT).toMatch(/The 2026 survey is closed\..*Late paper returns are normal/);
    await page.locator('.sd-question[data-name="safe_home"]').waitFor({ timeout: 20_000 });
    await page.getByLabel('Form reference (optional)').fill('18');
    await answerToTheEnd(page);
    await completeButton(page).click();
    await expect.poll(() => page.locator('.paper-section [role=status].status').textContent(), WAIT).toMatch(/^Form 18 saved/);
    expect(bySource()).toEqual({ paper: 2, import: 6 });
    await page.getByLabel('Form reference (optional)').focus();
    await shoot('closed-wave', 1280);
    await shoot('closed-wave', 768);
  });
});
