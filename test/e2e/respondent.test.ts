/**
 * The respondent pages end to end: the real server (child process, temporary SQLite), the real
 * CLI to set up surveys, waves and links, and headless Chromium answering the bundled
 * questionnaires the way people do. Screenshots go to .tmp/screens/ for a person to look at.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerCurrentPage, answerToTheEnd, completeButton, goNext, openFresh, visibleQuestionNames } from './answer.js';
import { launchBrowser, root, startServer, type Browser, type RunningServer } from './harness.js';

const RESIDENT = 'resident-safety';
const YOUTH = 'youth-safety';
const WAVE = '2026';
const SCHOOL = 'Example Valley School (fictional, test)';
const screens = join(root, '.tmp/screens');
const phone = { width: 360, height: 740 };
const desktop = { width: 1280, height: 900 };

let server: RunningServer | undefined;
let browser: Browser | undefined;
let schoolPath = '';
let expiredPath = '';
/** Every URL the browser asked for, across all tests (checked in the last test). */
const requested: string[] = [];

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** Path part of a URL the CLI printed (the CLI prints absolute links). */
function pathOf(cliOutput: string): string {
  const url = cliOutput.trim().split('\n').pop()!;
  return new URL(url).pathname;
}

/**
 * Stored complete responses of one survey, read straight from the SQLite file (read-only). Each
 * move to a next page also saves the answers so far as one partial return, which completing turns
 * into the complete one (test/e2e/partial-returns.test.ts); those are not counted here.
 */
function storedCount(slug: string): number {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        "select count(*) as n from responses r join waves w on r.wave_id = w.id join surveys s on w.survey_id = s.id where s.slug = ? and r.status = 'complete'",
      )
      .get(slug) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

async function exported(slug: string): Promise<Array<{ link: string | null; status: string; answers: Record<string, unknown> }>> {
  return JSON.parse(await srv().cli('responses', 'export', '--survey', slug, '--format', 'json'));
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(screens, `${name}.png`), fullPage });
}

/** The first words of the questionnaire's own thank-you text (completedHtml without tags). */
async function thankYouWords(page: Page, apiPath: string): Promise<string> {
  const def = await page.evaluate(async (p) => (await (await fetch(p)).json()).definition, apiPath);
  expect(typeof def.completedHtml, 'the questionnaire should have its own thank-you text').toBe('string');
  const text = (def.completedHtml as string).replace(/<[^>]+>/g, ' ').replace(/&[a-z]+;/g, ' ');
  return text.split(/\s+/).filter(Boolean).slice(0, 4).join(' ');
}

async function expectThankYou(page: Page, apiPath: string) {
  const done = page.locator('.sd-completedpage');
  await done.waitFor({ timeout: 15_000 });
  const words = await thankYouWords(page, apiPath);
  expect((await done.innerText()).replace(/\s+/g, ' ')).toContain(words);
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  // One CLI process sets up both questionnaires, their waves and links before the server starts.
  const setup = [
    ['survey', 'add', '--file', `surveys/${RESIDENT}.survey.json`],
    ['wave', 'create', '--survey', RESIDENT, '--name', WAVE],
    ['wave', 'open', '--survey', RESIDENT, '--name', WAVE],
    ['survey', 'add', '--file', `surveys/${YOUTH}.survey.json`],
    ['wave', 'create', '--survey', YOUTH, '--name', WAVE],
    ['wave', 'open', '--survey', YOUTH, '--name', WAVE],
    ['link', 'create', '--survey', YOUTH, '--wave', WAVE, '--label', SCHOOL, '--kind', 'school'],
    // Expired below: the CLI, like the Links page, only sets expiry days after today.
    ['link', 'create', '--survey', YOUTH, '--wave', WAVE, '--label', 'Old link'],
    // A questionnaire with no open wave: its page must say it is closed.
    ['survey', 'add', '--file', `surveys/${RESIDENT}.survey.json`, '--slug', 'closed-survey'],
  ];
  const [s, b] = await Promise.allSettled([startServer(setup), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  browser!.context.on('request', (r) => requested.push(r.url()));
  schoolPath = pathOf(srv().setupOutput[6]);
  expiredPath = pathOf(srv().setupOutput[7]);
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { fileMustExist: true });
  try {
    db.prepare("UPDATE links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE label = 'Old link'").run();
  } finally {
    db.close();
  }
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

// Generous: a loaded CI machine can make a real browser several times slower.
describe('respondent pages in a real browser', { timeout: 60_000 }, () => {
  it('a resident completes the questionnaire on a 360 px phone screen and the answers are stored', async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main').count()).toBe(1);
    // Nothing sticks out sideways on a small phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
    await shot(page, 'phone-resident-first-page');

    // First page by keyboard (focus an option, press space), the rest by tapping.
    await answerCurrentPage(page, { useKeyboard: true });
    expect(await page.locator('.sd-body__page input[type=radio]:checked').count()).toBeGreaterThan(0);
    await answerToTheEnd(page);
    const before = storedCount(RESIDENT);
    await completeButton(page).click();
    await expectThankYou(page, `/api/surveys/${RESIDENT}`);
    await shot(page, 'phone-resident-thank-you');

    expect(storedCount(RESIDENT)).toBe(before + 1);
    const rows = await exported(RESIDENT);
    const last = rows[rows.length - 1];
    expect(last.status).toBe('complete');
    expect(last.link).toBeNull();
    expect(Object.keys(last.answers).length).toBeGreaterThan(3);
    // Saved progress is cleared once the answers are stored.
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('csp-survey:')))).toEqual([]);
    await page.close();
  });

  it('a pupil on a school link answers half, reloads, finds the answers and page restored, and completes', async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    await openFresh(page, srv().url + schoolPath);
    const token = schoolPath.split('/').pop()!;
    const def = await page.evaluate(async (p) => (await (await fetch(p)).json()).definition, `/api/links/${token}`);
    const half = Math.max(1, Math.floor((def.pages as unknown[]).length / 2));
    for (let i = 0; i < half; i++) {
      await answerCurrentPage(page);
      await goNext(page);
    }
    const onScreen = await visibleQuestionNames(page);
    const answeredHere = await answerCurrentPage(page);
    expect(answeredHere.length).toBeGreaterThan(0);
    const checkedBefore = await page.locator('.sd-body__page input:checked').count();

    await page.reload();
    await page.locator('.sd-body__page .sd-question').first().waitFor();
    await page.getByText('your earlier answers on this device have been kept').waitFor();
    expect(await visibleQuestionNames(page)).toEqual(onScreen);
    expect(await page.locator('.sd-body__page input:checked').count()).toBe(checkedBefore);
    await shot(page, 'phone-youth-resumed');
    // Earlier pages kept their answers too.
    await page.locator('input.sd-navigation__prev-btn:visible').click();
    await page.waitForFunction((names) => !names.every((n) => document.querySelector(`[data-name="${n}"]`)), onScreen);
    expect(await page.locator('.sd-body__page input:checked, .sd-body__page .sd-dropdown:not(.sd-dropdown--empty)').count()).toBeGreaterThan(0);

    await answerToTheEnd(page);
    await completeButton(page).click();
    await expectThankYou(page, `/api/links/${token}`);
    await shot(page, 'phone-youth-thank-you', true);
    // On the end page every phone number can be tapped to call, and web addresses are links.
    const done = page.locator('.sd-completedpage');
    await expect.poll(() => done.locator('a[href^="tel:"]').count()).toBe(7);
    expect(await done.getByRole('link', { name: '0800 1111' }).getAttribute('href')).toBe('tel:08001111');
    expect(await done.getByRole('link', { name: 'www.wearewithyou.org.uk' }).getAttribute('href')).toBe('https://www.wearewithyou.org.uk');
    expect(await done.innerText()).toContain('We Are With You (formerly Young Addaction)');

    const rows = await exported(YOUTH);
    const fromSchool = rows.filter((r) => r.link === SCHOOL);
    expect(fromSchool).toHaveLength(1);
    expect(fromSchool[0].status).toBe('complete');
    await page.close();
  });

  it('on a shared school computer the next pupil starts afresh: link progress lives only in the tab', async () => {
    const first = await browser!.newPage(phone.width, phone.height);
    await openFresh(first, srv().url + schoolPath);
    await answerCurrentPage(first);
    await goNext(first);
    await answerCurrentPage(first);
    // Saved for this tab only (sessionStorage), never in the browser's long-lived storage.
    await expect.poll(() => first.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('csp-survey:link:')).length)).toBe(1);
    expect(await first.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('csp-survey:')))).toEqual([]);
    // The next pupil opens the link in a new window of the same browser.
    const next = await browser!.newPage(phone.width, phone.height);
    await next.goto(srv().url + schoolPath);
    await next.locator('.sd-body__page .sd-question').first().waitFor();
    expect(await next.getByText('your earlier answers on this device have been kept').count()).toBe(0);
    expect(await next.locator('.sd-body__page input:checked').count()).toBe(0);
    await first.close();
    await next.close();
  });

  it("a resident's saved progress is forgotten after 7 days", async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    await answerCurrentPage(page);
    await goNext(page);
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('csp-survey:survey:')).length)).toBe(1);
    // Eight days pass.
    await page.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('csp-survey:survey:'))!;
      const saved = JSON.parse(localStorage.getItem(key)!);
      localStorage.setItem(key, JSON.stringify({ ...saved, savedAt: Date.now() - 8 * 24 * 3600 * 1000 }));
    });
    await page.reload();
    await page.locator('.sd-body__page .sd-question').first().waitFor();
    expect(await page.getByText('your earlier answers on this device have been kept').count()).toBe(0);
    expect(await page.locator('.sd-body__page input:checked').count()).toBe(0);
    await page.close();
  });

  it('refuses a bad submission with the question named, stores nothing, and a retried submit is stored once', async () => {
    const page = await browser!.newPage(desktop.width, desktop.height);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    await shot(page, 'desktop-resident-first-page');
    const before = storedCount(RESIDENT);

    // Straight from the page: an answer that is not one of the choices of a single-choice question.
    const first = await page
      .locator('.sd-body__page .sd-question[data-name]:has(fieldset[role=radiogroup] .sd-selectbase__label)')
      .first()
      .getAttribute('data-name');
    expect(first, 'the first page should have a single-choice question').toBeTruthy();
    const title = (await page.locator(`[data-name="${first}"] .sd-question__title .sv-string-viewer`).first().innerText()).trim();
    const direct = await page.evaluate(
      async ([slug, name]) => {
        const res = await fetch(`/api/surveys/${slug}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ answers: { [name]: 'Not one of the choices' } }),
        });
        return { status: res.status, body: await res.json() };
      },
      [RESIDENT, first!] as const,
    );
    expect(direct.status).toBeGreaterThanOrEqual(400);
    expect(direct.status).toBeLessThan(500);
    expect(direct.body.errors.map((e: { question: string }) => e.question)).toContain(first);
    expect(storedCount(RESIDENT)).toBe(before);

    // Through the page: the answers leave the browser altered on the way, the server refuses them.
    await answerToTheEnd(page);
    await page.route('**/responses', async (route) => {
      const body = JSON.parse(route.request().postData()!);
      body.answers[first!] = 'Not one of the choices';
      await route.continue({ postData: JSON.stringify(body) });
    });
    await completeButton(page).click();
    const refused = page.locator('[data-testid=submit-refused]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.innerText()).toContain(title);
    await shot(page, 'desktop-refused', true);
    expect(storedCount(RESIDENT)).toBe(before);
    await page.unroute('**/responses');

    // The link in the message goes back to the question; the person can then finish.
    await refused.getByRole('button', { name: title }).click();
    await expect.poll(() => page.locator(`[data-name="${first}"]`).isVisible()).toBe(true);

    // The server stores the answers but the reply is lost: "Try again" must not store them twice.
    await answerToTheEnd(page);
    await page.route('**/responses', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await completeButton(page).click();
    await page.getByText('Your answers have not been sent yet').waitFor({ timeout: 15_000 });
    await shot(page, 'desktop-offline');
    expect(storedCount(RESIDENT)).toBe(before + 1);
    await page.unroute('**/responses');
    await page.getByRole('button', { name: 'Try again' }).click();
    await expectThankYou(page, `/api/surveys/${RESIDENT}`);
    expect(storedCount(RESIDENT)).toBe(before + 1);
    await page.close();
  });

  it('says plainly when a survey is closed, a link has expired or a survey does not exist', async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    const cases: Array<[string, string, number]> = [
      ['/s/closed-survey', 'This survey is closed', 410],
      [expiredPath, 'This link has expired', 410],
      ['/s/no-such-survey', 'We cannot find this survey', 404],
      // A young people's questionnaire at its public address: only its school links take answers.
      [`/s/${YOUTH}`, 'This survey is answered through a link', 403],
    ];
    for (const [path, heading] of cases) {
      await page.goto(srv().url + path);
      await expect.poll(() => page.locator('h1').textContent(), { timeout: 10_000 }).toBe(heading);
    }
    await page.goto(srv().url + expiredPath);
    await page.locator('h1').waitFor();
    await shot(page, 'phone-expired-link');
    await page.close();
  });

  it('loads no chart or dashboard code and nothing from other hosts (no web fonts)', async () => {
    expect(requested.length).toBeGreaterThan(0);
    const host = new URL(srv().url).host;
    const elsewhere = requested.filter((u) => !u.startsWith('data:') && new URL(u).host !== host);
    expect(elsewhere).toEqual([]);
    expect(requested.filter((u) => /chart|dashboard/i.test(u))).toEqual([]);

    // A string every Chart.js build carries (checked against the installed package first).
    const chartMarker = 'Canvas is already in use. Chart with ID';
    expect(readFileSync(join(root, 'node_modules/chart.js/dist/chart.umd.min.js'), 'utf8')).toContain(chartMarker);
    const scripts = [...new Set(requested.filter((u) => /\/assets\/.*\.js$/.test(u)))];
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const code = await (await fetch(src)).text();
      expect(code, src).not.toContain(chartMarker);
      expect(code, src).not.toMatch(/from ['"]chart\.js['"]/);
    }
  });
});
