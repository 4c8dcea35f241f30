/**
 * Surveys and waves in the officer workspace, end to end: the real server on a temporary data
 * folder (the bundled resident questionnaire with one open wave, no responses), an admin and a
 * viewer, and headless Chromium. The admin adds a small questionnaire MADE UP for this test
 * (a park safety check; no real survey asks it), after a file that is not JSON and a broken
 * questionnaire are refused; previews it; creates and opens waves; and the respondent page then
 * serves it. A viewer sees the surveys but no controls. Screenshots: .tmp/screens/surveys-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parkWith } from '../helpers/park-survey.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const ADMIN = 'admin@test.invalid';
const VIEWER = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');

/** The made-up questionnaire the admin uploads (fictional, test): three of the park questions. */
const PARK = parkWith(['feel_safe', 'visits', 'dog']);
/** The same, broken: its second question has no name. */
const BROKEN = {
  title: 'Broken (test)',
  pages: [{ name: 'p1', elements: [PARK.pages[0].elements[0], { type: 'checkbox', title: 'No name here', choices: ['a', 'b'] }] }],
};

const file = (name: string, content: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(content) });

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer([
    ['survey', 'add', '--file', 'surveys/resident-safety.survey.json'],
    ['wave', 'create', '--survey', 'resident-safety', '--name', '2026'],
    ['wave', 'open', '--survey', 'resident-safety', '--name', '2026'],
  ]);
  await seed(server, {
    officers: [
      { email: ADMIN, password: PASSWORD, role: 'admin' },
      { email: VIEWER, password: PASSWORD, role: 'viewer' },
    ],
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedInPage(email: string, path: string, width = 1280): Promise<Page> {
  await browser!.context.clearCookies();
  const page = await browser!.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(`${srv().url}${path}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  return page;
}

async function shoot(page: Page, what: string, widths = [1280, 768]) {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250);
    // Nothing wider than the window: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${what} at ${width}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: join(screens, `surveys-${what}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const card = (page: Page, title: string) => page.locator('section.survey-card', { has: page.getByRole('heading', { name: title, exact: true }) });

describe('surveys and waves page', () => {
  it('lets an admin refuse, check, preview and add a questionnaire, then create and open its waves', async () => {
    const page = await signedInPage(ADMIN, '/officer/surveys');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const checks: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/officer/surveys/check')) checks.push(r.method());
    });
    await page.getByRole('heading', { name: 'Surveys and waves' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/officer/surveys');
    const resident = card(page, 'Maidstone Community Safety Survey');
    await expect(resident.locator('table.waves tbody tr').first().textContent()).resolves.toMatch(/2026.*Open: taking answers/);

    // 1. A file that is not JSON: a clear message, and nothing is sent.
    await page.getByLabel('Questionnaire file (SurveyJS JSON)').setInputFiles(file('notes.json', 'These are my notes, not a questionnaire.'));
    expect(await page.getByLabel('Name in addresses').inputValue()).toBe('notes');
    await page.getByRole('button', { name: 'Check the questionnaire' }).click();
    const alert = page.locator('.add-survey [role=alert]');
    await expect.poll(() => alert.textContent()).toMatch(/notes\.json is not a JSON file, so it cannot be a questionnaire/);
    expect(checks).toEqual([]);

    // 2. A broken questionnaire: the server's reason, in words.
    await page.getByLabel('Questionnaire file (SurveyJS JSON)').setInputFiles(file('broken.survey.json', JSON.stringify(BROKEN)));
    await page.getByRole('button', { name: 'Check the questionnaire' }).click();
    await expect
      .poll(() => alert.textContent())
      .toMatch(/The questionnaire cannot be used: The element 2 of page 'p1' \(type checkbox\) has no name; every question needs a unique "name"\./);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('add-survey-problem');
    expect(checks).toEqual(['POST']);
    await shoot(page, 'refused');

    // 3. Metadata that leaves a question out: each problem listed.
    await page.getByLabel('Questionnaire file (SurveyJS JSON)').setInputFiles(file('park-safety.survey.json', JSON.stringify(PARK)));
    expect(await page.getByLabel('Name in addresses').inputValue()).toBe('park-safety');
    const meta = {
      slug: 'park-safety',
      title: PARK.title,
      audience: 'resident',
      scales: {},
      questions: [
        { name: 'feel_safe', construct: 'safety.park' },
        { name: 'visits', construct: 'demographic.visits' },
      ],
    };
    await page.getByLabel('Question metadata file (optional)').setInputFiles(file('park-safety.meta.json', JSON.stringify(meta)));
    await page.getByRole('button', { name: 'Check the questionnaire' }).click();
    await expect.poll(() => alert.locator('p').first().textContent()).toBe('The question metadata does not fit the questionnaire:');
    await expect(alert.locator('li').allTextContents()).resolves.toEqual(["Question 'dog' has no metadata (every analysable question needs a construct id)."]);
    await page.getByLabel('Question metadata file (optional)').setInputFiles([]);

    // 4. The made-up questionnaire alone: a summary in words and the questionnaire as respondents see it.
    await page.getByLabel('Audience').selectOption('resident');
    await page.getByRole('button', { name: 'Check the questionnaire' }).click();
    const result = page.locator('.check-result');
    await expect.poll(() => result.locator('h4').first().textContent()).toBe('The questionnaire can be used. Adding it creates park-safety (version 1).');
    await expect(alert.count()).resolves.toBe(0);
    const facts = await result.locator('.survey-facts').textContent();
    expect(facts).toContain('TitlePark safety check (made up, test)Pages2');
    expect(facts).toContain('Questions3');
    await expect(result.locator('.banner[role=note]').first().textContent()).resolves.toMatch(/No question metadata/);
    // The yes/no question is reported (and is no longer listed as left out).
    await expect(result.locator('.banner[role=note]').allTextContents()).resolves.not.toContainEqual(expect.stringMatching(/Not in the results report/));
    await expect(result.locator('.check-lists').textContent()).resolves.toMatch(
      /In the results report \(3\)How safe do you feel in the park after dark\? feel_safeHow often do you visit\? visitsDo you walk a dog there\? dog/,
    );
    await expect(result.locator('.preview-banner').textContent()).resolves.toContain('Preview: answers are not saved.');
    const preview = result.locator('.preview-frame');
    await preview.getByText('How safe do you feel in the park after dark?').waitFor({ timeout: 15_000 });
    await shoot(page, 'checked');

    // 5. Add it: announced, and its card appears with no waves yet.
    await page.getByRole('button', { name: 'Add this questionnaire' }).click();
    const done = page.locator('#add-survey-done [role=status]');
    await expect
      .poll(() => done.textContent())
      .toBe("Added 'Park safety check (made up, test)' as park-safety (version 1). Create a wave and open it to take answers.");
    const park = card(page, 'Park safety check (made up, test)');
    await park.waitFor();
    await expect(park.textContent()).resolves.toMatch(/No waves yet: create one below\./);
    await expect(park.locator('.survey-facts').textContent()).resolves.toMatch(/Version1Question metadataNone/);

    // 6. A wave with dates (typed, as a keyboard user would), then opened after confirming.
    await park.getByLabel('Wave name').fill('2026');
    await park.getByLabel('Opens on').fill('2020-01-01');
    await park.getByLabel('Closes on').fill('2099-12-31');
    await park.getByRole('button', { name: 'Create wave' }).click();
    const feedback = park.locator('.feedback');
    await expect.poll(() => feedback.textContent()).toBe('Created wave 2026 of park-safety (a draft: open it to take answers).');
    const row = (name: string) => park.locator('table.waves tbody tr', { has: page.getByRole('rowheader', { name, exact: true }) });
    await expect(row('2026').textContent()).resolves.toBe('2026Draft: not open yet1 Jan 202031 Dec 20990OpenDates');
    expect(await park.getByLabel('Wave name').inputValue()).toBe('');
    expect((await fetch(`${srv().url}/api/surveys/park-safety`)).status).toBe(410);

    await park.getByRole('button', { name: 'Open wave 2026' }).click();
    const confirm = park.locator('.confirm');
    await expect
      .poll(() => confirm.textContent())
      .toMatch(
        /Open wave 2026 of Park safety check \(made up, test\)\?It will take answers from 1 Jan 2020, and close on 31 Dec 2099\.No other wave of this survey is open\./,
      );
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, open wave 2026');
    await page.keyboard.press('Enter');
    await expect.poll(() => feedback.textContent()).toBe('Wave 2026 of park-safety is now open.');
    await expect(row('2026').locator('td').first().textContent()).resolves.toBe('Open: taking answers');

    // The respondent page now serves the new questionnaire.
    const respondent = await browser!.context.newPage();
    await respondent.goto(`${srv().url}/s/park-safety`);
    await respondent.getByText('How safe do you feel in the park after dark?').waitFor({ timeout: 15_000 });
    await expect(respondent.title()).resolves.toBe('Park safety check (made up, test)');
    await respondent.close();

    // 7. A second wave: opening it asks first, saying the open one will close, and says it did.
    await park.getByLabel('Wave name').fill('2027');
    await park.getByRole('button', { name: 'Create wave' }).click();
    await expect.poll(() => feedback.textContent()).toMatch(/Created wave 2027/);
    await park.getByRole('button', { name: 'Open wave 2027' }).click();
    await expect.poll(() => confirm.textContent()).toMatch(/Wave 2026 is open now and will be closed: it stops taking answers/);
    await shoot(page, 'confirm', [1280]);
    await confirm.getByRole('button', { name: 'Yes, open wave 2027' }).click();
    await expect
      .poll(() => feedback.textContent())
      .toBe('Wave 2027 of park-safety is now open. Wave 2026 was closed, as only one wave of a survey takes answers at a time.');
    await expect(row('2026').locator('td').first().textContent()).resolves.toBe('Closed');
    await expect(row('2027').locator('td').first().textContent()).resolves.toBe('Open: taking answers');

    // 8. Dates on a wave: a closing date before the opening date is refused with the reason; then an
    // opening date still to come leaves the open wave not taking answers, and the page says so.
    await park.getByRole('button', { name: 'Dates of wave 2027' }).click();
    const datesForm = park.locator('form', { has: page.getByRole('heading', { name: 'Dates of wave 2027' }) });
    await datesForm.getByLabel('Opens on').fill('2098-01-10');
    await datesForm.getByLabel('Closes on').fill('2098-01-05');
    await datesForm.getByRole('button', { name: 'Save dates' }).click();
    await expect.poll(() => feedback.locator('[role=alert]').textContent()).toBe('The closing date (2098-01-05) must be after the opening date (2098-01-10).');
    await datesForm.getByLabel('Closes on').fill('2099-03-31');
    await datesForm.getByRole('button', { name: 'Save dates' }).click();
    await expect
      .poll(() => feedback.textContent())
      .toBe(
        'Wave 2027 of park-safety opens on 2098-01-10 and closes on 2099-03-31. It is open but not taking answers now: The 2027 survey opens on 2098-01-10.',
      );
    await expect(row('2027').textContent()).resolves.toMatch(/^2027Open, but not taking answers: The 2027 survey opens on 2098-01-10\.10 Jan 209831 Mar 20990/);
    await shoot(page, 'admin');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('previews a questionnaire with the "not saved" banner, and starts again', async () => {
    const page = await signedInPage(ADMIN, '/officer/surveys');
    await card(page, 'Park safety check (made up, test)')
      .getByRole('link', { name: /Preview the questionnaire/ })
      .click();
    await page.getByRole('heading', { name: 'Questionnaire preview' }).waitFor();
    expect(new URL(page.url()).search).toBe('?survey=park-safety');
    await expect(page.locator('.preview-banner').textContent()).resolves.toMatch(
      /^Preview: answers are not saved\. Park safety check \(made up, test\), version 1, for residents \(18 and over\)\.Start again$/,
    );
    const frame = page.locator('.preview-frame');
    await frame.getByText('How safe do you feel in the park after dark?').waitFor({ timeout: 15_000 });
    await frame.locator('.sd-selectbase__label', { hasText: /^Unsafe$/ }).click();
    await expect(frame.locator('input[value=unsafe]').isChecked()).resolves.toBe(true);
    await shoot(page, 'preview');
    await page.getByRole('button', { name: 'Start again' }).click();
    await frame.getByText('How safe do you feel in the park after dark?').waitFor();
    await expect(frame.locator('input[value=unsafe]').isChecked()).resolves.toBe(false);
    await expect(page.locator('[role=status]', { hasText: 'Started again' }).count()).resolves.toBe(1);
    await page.close();
  });

  it('shows a viewer every survey and its waves, with preview links but no controls', async () => {
    const page = await signedInPage(VIEWER, '/officer/surveys');
    await page.getByRole('heading', { name: 'Surveys and waves' }).waitFor();
    const park = card(page, 'Park safety check (made up, test)');
    await park.locator('table.waves').waitFor();
    await expect(park.locator('table.waves thead th').allTextContents()).resolves.toEqual(['Wave', 'Status', 'Opens', 'Closes', 'Responses']);
    await expect(page.getByRole('link', { name: /Preview the questionnaire/ }).count()).resolves.toBe(2);
    for (const name of [/Open wave/, /Close wave/, /Dates of wave/, 'Create wave', 'Check the questionnaire']) {
      await expect(page.getByRole('button', { name }).count(), String(name)).resolves.toBe(0);
    }
    await expect(page.getByRole('heading', { name: 'Add a questionnaire' }).count()).resolves.toBe(0);
    // The only box a viewer gets is each Translations section's language code, for the sheet to download.
    await expect(page.locator('input').count()).resolves.toBe(2);
    await expect(page.getByLabel('Language code').count()).resolves.toBe(2);
    await expect(page.locator('input[type=file]').count()).resolves.toBe(0);
    await shoot(page, 'viewer');
    await page.close();
  });
});
