/**
 * Translating a questionnaire on the Surveys page, end to end: the real server on a temporary data
 * folder (the bundled resident questionnaire, English only), an admin and a viewer, and headless
 * Chromium. The admin downloads the CSV sheet, uploads it with a string missing (the problem is
 * listed, nothing stored), then complete as XLSX (the strings side by side and the questionnaire in
 * Welsh), stores it: the version goes up and the respondent page offers Cymraeg. The "Welsh" here
 * is MADE UP for the test ("CY " before the English). A viewer sees the languages (a demonstration
 * translation marked as one), no upload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSheet, sheetCsv, sheetXlsx } from '../../server/surveys/translation-sheet.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';

const ADMIN = 'admin@test.invalid';
const VIEWER = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const TITLE = 'Maidstone Community Safety Survey';

/** A questionnaire MADE UP for the test whose Welsh is marked as a demonstration translation. */
const MARKED_TITLE = 'Marked check (made up, test)';
const marked = {
  title: MARKED_TITLE,
  demoTranslations: ['cy'],
  pages: [{ name: 'p1', elements: [{ type: 'comment', name: 'say', title: { default: 'Anything else?', cy: 'Unrhyw beth arall?' } }] }],
};
const fixtures = mkdtempSync(join(tmpdir(), 'officer-translations-'));
writeFileSync(join(fixtures, 'marked.survey.json'), JSON.stringify(marked));

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** The stored version of the resident questionnaire, read straight from the SQLite file. */
function storedVersion(): number {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select version from surveys where slug = 'resident-safety'").get() as { version: number }).version;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([
    startServer([
      ['survey', 'add', '--file', 'surveys/resident-safety.survey.json'],
      ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
      ['wave', 'open', '--survey', 'resident-safety', '--name', '2026'],
      ['survey', 'add', '--file', join(fixtures, 'marked.survey.json'), '--slug', 'marked-check'],
    ]),
    launchBrowser(),
  ]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), {
    officers: [
      { email: ADMIN, password: PASSWORD, role: 'admin' },
      { email: VIEWER, password: PASSWORD, role: 'viewer' },
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(fixtures, { recursive: true, force: true });
}, 30_000);

async function signedInPage(email: string): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.context.newPage();
  await page.goto(`${srv().url}/officer/surveys`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  return page;
}

const section = (page: Page, title = TITLE) => page.getByRole('region', { name: `Translations of ${title}` });
/** Each language listed, as read without its preview link. */
const languagesOf = (page: Page, title = TITLE) =>
  section(page, title)
    .getByRole('list', { name: `Languages of ${title}` })
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) => {
        const copy = li.cloneNode(true) as HTMLElement;
        for (const a of copy.querySelectorAll('a')) a.remove();
        return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
      }),
    );
const csvFile = (name: string, csv: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });

describe('translations on the Surveys page', { timeout: 120_000 }, () => {
  it('downloads the sheet, refuses one with a string missing, previews and stores a complete one', async () => {
    const page = await signedInPage(ADMIN);
    await expect.poll(() => languagesOf(page)).toEqual(['English en (the original)']);
    const code = section(page).getByLabel('Language code');
    await code.fill('c!');
    await expect.poll(() => section(page).getByText("'c!' is not a language code").count()).toBe(1);
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    await code.fill('cy');

    // The CSV sheet, downloaded as a person would: one row per string, with the ids the README names.
    const [download] = await Promise.all([page.waitForEvent('download'), section(page).getByRole('link', { name: 'Download the sheet (CSV) for cy' }).click()]);
    expect(download.suggestedFilename()).toBe('resident-safety-v1-cy.csv');
    const saved = join(srv().dataDir, 'downloaded-sheet.csv');
    await download.saveAs(saved);
    const sheet = readSheet(readFileSync(saved));
    expect(sheet.locale).toBe('cy');
    const ids = sheet.rows.map((r) => r.id);
    for (const id of ['survey/title', 'q:safe_home/title', 'q:safe_home/choices/very_safe']) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sheet.rows.every((r) => r.translation === '')).toBe(true);
    const filled = sheet.rows.map((r) => ({ id: r.id, english: r.english, translation: `CY ${r.english}` }));

    // A string missing: listed, nothing stored.
    const upload = section(page).getByLabel('Filled-in sheet (CSV or XLSX)');
    await upload.setInputFiles(
      csvFile(
        'missing.csv',
        sheetCsv(
          filled.filter((r) => r.id !== 'q:safe_home/title'),
          'cy',
        ),
      ),
    );
    await expect
      .poll(() => section(page).getByRole('list', { name: 'Problems with the sheet' }).getByRole('listitem').allInnerTexts())
      .toEqual(['1 string is missing from the sheet: q:safe_home/title.']);
    await expect.poll(() => section(page).getByText('Nothing was stored. Correct the sheet and upload it again.', { exact: true }).count()).toBe(1);
    expect(storedVersion()).toBe(1);

    // Every string beside the English, in a labelled region the keyboard can scroll.
    // Complete, and filled in as a spreadsheet (XLSX) this time.
    await upload.setInputFiles({
      name: 'cy.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: sheetXlsx(filled, 'cy', 'Made up for the test.'),
    });
    await expect.poll(() => section(page).getByRole('heading', { name: 'Cymraeg (cy): not stored yet' }).count()).toBe(1);
    const strings = section(page).getByRole('region', { name: `The Cymraeg strings beside the English (${filled.length})` });
    expect(await strings.getAttribute('tabindex')).toBe('0');
    const row = strings.getByRole('row', { name: /^q:safe_home\/title / });
    await expect
      .poll(() => row.getByRole('cell').allInnerTexts())
      .toEqual(['How safe do you feel in your own home?', 'CY How safe do you feel in your own home?']);
    expect(storedVersion()).toBe(1);

    await section(page).getByRole('button', { name: 'Preview the questionnaire in Cymraeg' }).click();
    const preview = section(page).getByRole('region', { name: `${TITLE} in Cymraeg: preview, answers are not saved` });
    await expect
      .poll(() => preview.locator('.sd-question[data-name="safe_home"] .sd-title').first().innerText())
      .toContain('CY How safe do you feel in your own home?');
    await expectNoAxeViolations(page, 'the Surveys page with a translation previewed');

    // By keyboard: the question's yes takes the focus; Cancel gives it back to Store translation.
    const storeButton = section(page).getByRole('button', { name: 'Store translation' });
    await storeButton.focus();
    await page.keyboard.press('Enter');
    const yes = section(page).getByRole('button', { name: 'Yes, store it' });
    await expect.poll(() => yes.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => storeButton.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(storedVersion()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => yes.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section(page).getByRole('status').innerText())
      .toBe(`Stored the Cymraeg translation of resident-safety (${filled.length} strings) as version 2. Respondents can now choose Cymraeg.`);
    expect(storedVersion()).toBe(2);
    await expect.poll(() => languagesOf(page)).toEqual(['English en (the original)', 'Cymraeg cy']);
    const card = page.getByRole('region', { name: TITLE, exact: true });
    await expect.poll(() => card.locator('.survey-facts div', { hasText: 'Version' }).locator('dd').innerText()).toBe('2');
    await expectNoAxeViolations(page, 'the Surveys page after storing a translation');

    // The stored translation previewed on the preview page, in Welsh.
    await section(page)
      .getByRole('link', { name: `Preview in Cymraeg ${TITLE}` })
      .click();
    await expect.poll(() => page.locator('.preview-banner').innerText()).toContain(`${TITLE}, version 2, for residents (18 and over), in Cymraeg.`);
    await expect
      .poll(() => page.locator('.sd-question[data-name="safe_home"] .sd-title').first().innerText())
      .toContain('CY How safe do you feel in your own home?');
    expect(await page.locator('.preview-banner').getByText('Demonstration translation').count()).toBe(0);
    await page.close();

    // The respondent page now offers Cymraeg.
    const respondent = await browser!.context.newPage();
    await respondent.goto(`${srv().url}/s/resident-safety`);
    const chooser = respondent.getByLabel('Language / Iaith');
    await expect.poll(() => chooser.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['en', 'cy']);
    await chooser.selectOption('cy');
    await expect
      .poll(() => respondent.locator('.sd-question[data-name="safe_home"] .sd-title').first().innerText())
      .toContain('CY How safe do you feel in your own home?');
    await respondent.close();
  });

  it('shows a viewer the languages and the sheet, with no upload', async () => {
    const page = await signedInPage(VIEWER);
    await expect.poll(() => languagesOf(page)).toEqual(['English en (the original)', 'Cymraeg cy']);
    await expect.poll(() => section(page).getByRole('link', { name: 'Download the sheet (XLSX) for cy' }).count()).toBe(1);
    expect(await section(page).getByLabel('Filled-in sheet (CSV or XLSX)').count()).toBe(0);
    await expect.poll(() => section(page).getByText('An admin uploads a filled-in sheet').count()).toBe(1);
    await expect
      .poll(() => languagesOf(page, MARKED_TITLE))
      .toEqual(['English en (the original)', 'Cymraeg cy — Demonstration translation — not reviewed by a translator']);
    await expectNoAxeViolations(page, 'the Surveys page as a viewer');
    await section(page, MARKED_TITLE)
      .getByRole('link', { name: `Preview in Cymraeg ${MARKED_TITLE}` })
      .click();
    await expect.poll(() => page.locator('.sd-question[data-name="say"] .sd-title').first().innerText()).toContain('Unrhyw beth arall?');
    await expect
      .poll(() => page.locator('.preview-banner').getByText('Demonstration translation — not reviewed by a translator.', { exact: true }).count())
      .toBe(1);
    await expectNoAxeViolations(page, 'the preview of a demonstration translation');
    await page.close();
  });
});
