/**
 * WCAG 2.2 AA in the real browser: axe-core finds no violation on any respondent page or any
 * officer page (the real server on the demo content, SYNTHETIC responses and ILLUSTRATIVE
 * population, in Chromium).
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToTheEnd, completeButton, goNext, answerCurrentPage, nextButton, openFresh } from './answer.js';
import { axeViolations } from './axe.js';
import { contrastRatio, controlEdges } from './contrast.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const EMAIL = 'admin@test.invalid';
// The statement's contact details, as a deployment sets them (the server inherits this environment).
process.env.ACCESSIBILITY_CONTACT_EMAIL = 'accessibility@test.invalid';
process.env.ACCESSIBILITY_CONTACT_PHONE = '01632 960000';
const PASSWORD = 'long enough pass';

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

interface SurveyJson {
  title: string;
  pages: { name: string; title: string; elements: { name: string; type: string; title: string; isRequired?: boolean }[] }[];
}
const resident = JSON.parse(readFileSync(join(root, 'surveys/resident-safety.survey.json'), 'utf8')) as SurveyJson;

/** A school link of the demo's youth survey, read from the SQLite file. */
function schoolLinkPath(): string {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('select token from links order by id limit 1').get() as { token: string };
    return `/y/${row.token}`;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), { demo: true, demoCrime: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'admin' }] });
  // A made-up questionnaire with every kind of required answer, for the error messages.
  await srv().cli('survey', 'add', '--file', 'test/fixtures/surveys/plain-errors.survey.json', '--slug', 'plain-errors');
  await srv().cli('wave', 'create', '--survey', 'plain-errors', '--name', '2026');
  await srv().cli('wave', 'open', '--survey', 'plain-errors', '--name', '2026');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

/** Every heading in the page's main region: level and text (a required mark dropped). */
function headingTree(page: Page): Promise<Array<[number, string]>> {
  return page.locator('main h1, main h2, main h3, main h4, main h5, main h6').evaluateAll((els) =>
    els
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map(
        (e) =>
          [
            Number(e.tagName[1]),
            (e as HTMLElement).innerText
              .replace(/\s*\*\s*$/, '')
              .replace(/\s+/g, ' ')
              .trim(),
          ] as [number, string],
      ),
  );
}

/** What has focus: its tag and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}: ${el.innerText.trim()}` : '';
  });
}

/** Every violation on every page visited in one test, so one run shows them all. */
let found: string[] = [];
async function check(page: Page, what: string) {
  for (const v of await axeViolations(page)) found.push(`${what}: ${v}`);
}

describe('axe-core finds no WCAG 2.2 AA violation', { timeout: 300_000 }, () => {
  it('on every respondent page, on a phone', async () => {
    found = [];
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    await check(page, 'the resident survey, first page');

    // The error state: Next without answering shows the questionnaire's own messages.
    await nextButton(page).click();
    await page.locator('.sd-question__erbox').first().waitFor();
    await check(page, 'the resident survey, first page with errors');

    await answerCurrentPage(page);
    await goNext(page);
    await check(page, 'the resident survey, second page');

    await answerToTheEnd(page);
    await completeButton(page).click();
    await page.locator('.sd-completedpage').waitFor({ timeout: 15_000 });
    // Focus goes to the thank-you heading, so it is read out at once.
    await expect.poll(() => focused(page)).toBe('h3: Thank you for taking part');
    await check(page, 'the thank-you page');

    await openFresh(page, srv().url + schoolLinkPath());
    await check(page, 'a school link');

    for (const [path, heading] of [
      ['/s/resident-safety/privacy', 'Privacy notice'],
      ['/s/youth-safety/privacy', 'Privacy notice'],
      ['/s/youth-safety', 'This survey is answered through a link'],
      ['/s/no-such-survey', 'We cannot find this survey'],
    ]) {
      await page.goto(srv().url + path);
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe(heading);
      await check(page, path);
    }

    // Every respondent page links to the accessibility statement from its footer.
    await page.locator('footer a', { hasText: 'Accessibility statement' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Accessibility statement for the community safety surveys');
    await check(page, '/accessibility');
    expect(found).toEqual([]);
    await page.close();
  });

  const officerPages: Array<[string, string]> = [
    ['/officer', 'Headline figures'],
    ['/officer/surveys', 'Surveys and waves'],
    ['/officer/surveys/preview?survey=resident-safety', 'Questionnaire preview'],
    ['/officer/links', 'Links and posters'],
    ['/officer/returns', 'Returns'],
    ['/officer/paper', 'Paper returns'],
    ['/officer/weighting', 'Weighting'],
    ['/officer/results?survey=resident-safety&wave=2026&by=sex&show=1', 'Survey results'],
    ['/officer/perception', 'Perception vs reality'],
    ['/officer/crime', 'Recorded crime'],
    ['/officer/exports', 'Downloads and committee report'],
    ['/officer/data', 'Crime and population data'],
    ['/officer/accounts', 'Accounts and audit log'],
  ];

  async function signIn(page: Page) {
    await page.goto(`${srv().url}/officer`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await check(page, 'officer sign-in');
    expect(await page.getByRole('link', { name: 'Accessibility statement' }).getAttribute('href')).toBe('/accessibility');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
  }

  it('on every officer page', async () => {
    found = [];
    const page = await browser!.newPage(1280, 900);
    await signIn(page);
    for (const [path, title] of officerPages) {
      await page.goto(srv().url + path, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { name: title, exact: true }).first().waitFor({ timeout: 20_000 });
      if (path.includes('show=1')) await page.locator('section.question canvas').first().waitFor({ timeout: 30_000 });
      if (path.includes('preview')) {
        await page.locator('.sd-question').first().waitFor({ timeout: 20_000 });
        // The questionnaire's titles are headings below the page's own.
        expect(await page.locator('.preview-frame h3').first().textContent()).toBe(resident.title);
        expect(await page.locator('.preview-frame h4').first().textContent()).toBe(resident.pages[0].title);
      }
      await page.waitForLoadState('networkidle');
      await check(page, path);
    }
    expect(found).toEqual([]);
    await page.close();
  });
});

describe('the questionnaire for keyboard and screen-reader users', { timeout: 90_000 }, () => {
  it('the survey title is the h1, the page title an h2, each question an h3 (1.3.1)', async () => {
    const page = await browser!.newPage(1280, 900);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    const first = resident.pages[0];
    await expect.poll(() => headingTree(page)).toEqual([[1, resident.title], [2, first.title], ...first.elements.map((q) => [3, q.title] as [number, string])]);
    await page.close();
  });

  it('after Next and Previous, focus is on the new page heading and the change is announced (2.4.3, 4.1.3)', async () => {
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    const live = page.getByTestId('page-announcement');
    expect(await live.getAttribute('role')).toBe('status');
    await answerCurrentPage(page);
    await goNext(page);
    const n = resident.pages.length;
    await expect.poll(() => focused(page)).toBe(`h2: ${resident.pages[1].title}`);
    await expect.poll(() => live.textContent()).toBe(`Page 2 of ${n}: ${resident.pages[1].title}`);
    await page.locator('input.sd-navigation__prev-btn:visible').click();
    await expect.poll(() => focused(page)).toBe(`h2: ${resident.pages[0].title}`);
    await expect.poll(() => live.textContent()).toBe(`Page 1 of ${n}: ${resident.pages[0].title}`);
    // The keyboard goes on from the heading into the page's first question.
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name')))
      .toBe(resident.pages[0].elements[0].name);
    await page.close();
  });

  it("every control's edge is at least 3:1 against what is behind it (1.4.11)", async () => {
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    const onWhite = contrastRatio('#737373', '#ffffff');
    const radios = await controlEdges(page, '.sd-item:not(.sd-item--checked) .sd-item__decorator');
    expect(radios.length).toBe(resident.pages[0].elements.reduce((n, q) => n + (q as unknown as { choices: unknown[] }).choices.length, 0));
    for (const e of radios)
      expect(e, e.what).toMatchObject({ border: 'rgb(115, 115, 115)', borderWidth: '2px', background: 'rgb(255, 255, 255)', ratio: onWhite });
    // The last page: the ward list, the number box and checkboxes of other pages are the same controls.
    for (let i = 0; i < resident.pages.length - 1; i++) {
      await answerCurrentPage(page);
      await goNext(page);
    }
    await page.screenshot({ path: join(root, '.tmp/screens/a11y-control-edges.png'), fullPage: true });
    const boxes = await controlEdges(page, '.sd-input');
    expect(boxes.map((b) => b.what.split(' ').pop())).toEqual(['(ward)', '(ethnicity)', '(household_size)']);
    for (const e of boxes)
      expect(e, e.what).toMatchObject({ border: 'rgb(115, 115, 115)', borderWidth: '2px', background: 'rgb(255, 255, 255)', ratio: onWhite });
    await page.close();

    // Officer pages: text boxes, lists and buttons with a dark 2 px edge on white.
    // Signed out (an earlier test signed in), so the sign-in form shows.
    await browser!.context.clearCookies();
    const officer = await browser!.newPage(1280, 900);
    await officer.goto(`${srv().url}/officer/sign-in`);
    await officer.getByRole('heading', { name: 'Sign in' }).waitFor();
    const fields = await controlEdges(officer, 'input, select, button');
    expect(fields.length).toBe(3);
    for (const e of fields) expect(e, e.what).toMatchObject({ border: 'rgb(27, 27, 27)', borderWidth: '2px', ratio: contrastRatio('#1b1b1b', '#ffffff') });
    await officer.close();
  });

  it('error messages say what to do, in plain English', async () => {
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}/s/resident-safety`);
    await nextButton(page).click();
    const errors = page.locator('.sd-body__page .sd-question__erbox');
    // Every question on the first page is a required choice of one answer.
    await expect.poll(() => errors.allInnerTexts()).toEqual(resident.pages[0].elements.map(() => 'Choose one answer'));

    await openFresh(page, `${srv().url}/s/plain-errors`);
    const messageOf = (name: string, timeout?: number) => page.locator(`.sd-question[data-name="${name}"] .sd-question__erbox`).innerText({ timeout });
    // On a slow machine the number can be typed while the survey is still drawing its page (the input
    // is then replaced and the number lost): type it again until the survey has it.
    await expect
      .poll(
        async () => {
          await page.locator('.sd-question[data-name="score"] input').fill('11');
          await completeButton(page).click();
          return await messageOf('score', 3000).catch(() => '');
        },
        { timeout: 60_000 },
      )
      .toBe('Enter a number between 0 and 10');
    await expect.poll(() => messageOf('one')).toBe('Choose one answer');
    expect(await messageOf('any')).toBe('Choose at least one answer');
    expect(await messageOf('list')).toBe('Choose one answer');
    expect(await messageOf('words')).toBe('Enter your answer');
    expect(await messageOf('score')).toBe('Enter a number between 0 and 10');
    await page.close();
  });

  it('on a touch phone (360 × 740) the ward list works with the keyboard alone (2.1.1)', async () => {
    // A phone: touch, no mouse, so SurveyJS opens its lists full screen with options that take focus.
    const context = await browser!.context.browser()!.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    try {
      const page = await context.newPage();
      await openFresh(page, `${srv().url}/s/resident-safety`);
      for (let i = 0; i < resident.pages.length - 1; i++) {
        await answerCurrentPage(page);
        await goNext(page);
      }
      const last = resident.pages[resident.pages.length - 1];
      const ward = last.elements[0] as unknown as { name: string; choices: { text: string }[] };
      expect(ward.name).toBe('ward');
      await expect.poll(() => focused(page)).toBe(`h2: ${last.title}`);
      // From the page heading: Tab to the list, arrows to the third ward, Enter.
      await page.keyboard.press('Tab');
      const box = page.locator('.sd-question[data-name="ward"] [role="combobox"]');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('ArrowDown');
      const option = () =>
        page.evaluate(() => (document.activeElement?.getAttribute('role') === 'option' ? (document.activeElement as HTMLElement).innerText.trim() : ''));
      await expect.poll(option).toBe(ward.choices[0].text);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await expect.poll(option).toBe(ward.choices[2].text);
      await page.keyboard.press('Enter');
      const chosen = page.locator('.sd-question[data-name="ward"] .sd-dropdown__value');
      await expect.poll(async () => (await chosen.textContent())?.trim()).toBe(ward.choices[2].text);
      // Focus is back on the list's box, closed, to go on with Tab.
      await expect.poll(() => box.evaluate((el) => el === document.activeElement && el.getAttribute('aria-expanded'))).toBe('false');
      // Escape closes the list without changing the answer.
      await page.keyboard.press('ArrowDown');
      await expect.poll(option).toBe(ward.choices[2].text);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement && el.getAttribute('aria-expanded'))).toBe('false');
      expect((await chosen.textContent())?.trim()).toBe(ward.choices[2].text);
      await page.keyboard.press('Tab');
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-name]')?.getAttribute('data-name'))).toBe(last.elements[1].name);
    } finally {
      await context.close();
    }
  });

  it('the accessibility statement: contacts from the settings, linked from the survey and its error pages', async () => {
    const page = await browser!.newPage(360, 740);
    for (const path of ['/s/resident-safety', '/s/no-such-survey']) {
      await page.goto(srv().url + path);
      await expect.poll(() => page.locator('footer a').getAttribute('href'), { timeout: 10_000 }).toBe('/accessibility');
    }
    await page.goto(`${srv().url}/accessibility`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('link', { name: 'accessibility@test.invalid' }).first().getAttribute('href')).toBe('mailto:accessibility@test.invalid');
    expect(await page.getByRole('link', { name: '01632 960000' }).first().getAttribute('href')).toBe('tel:01632960000');
    expect(await page.locator('h3', { hasText: 'Compliance status' }).count()).toBe(1);
    // Nothing wider than a small phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
