/**
 * Answering in Welsh in a real browser: the demo's resident questionnaire carries a demonstration
 * Welsh translation (made up, not reviewed by a translator, and the page says so). Choosing Cymraeg
 * on the first page turns the questions, the choices and survey-core's own buttons into Welsh, and
 * the return is stored with locale 'cy'; a browser set to cy-GB starts in Welsh.
 */
import Database from 'better-sqlite3';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToTheEnd, completeButton, nextButton, openFresh } from './answer.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { join } from 'node:path';

const RESIDENT = 'resident-safety';
const DEMO_NOTE = 'Cyfieithiad arddangos — heb ei adolygu gan gyfieithydd. Demonstration translation — not reviewed by a translator.';

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** The locales of the complete web returns, read straight from the SQLite file. */
function storedLocales(): (string | null)[] {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare("select locale from responses where source = 'web' and status = 'complete' order by id").all() as { locale: string | null }[]).map(
      (r) => r.locale,
    );
  } finally {
    db.close();
  }
}

const questionTitle = (page: Page, name: string) => page.locator(`.sd-question[data-name="${name}"] .sd-title`).first().innerText();

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([startServer(), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), { demo: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe('answering in another language', { timeout: 90_000 }, () => {
  it('chooses Cymraeg on the first page: Welsh questions, choices and buttons, the demo note, and the return stored as cy', async () => {
    const page = await browser!.newPage(1280, 900);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    const chooser = page.getByLabel('Language / Iaith');
    await expect.poll(() => chooser.inputValue()).toBe('en');
    await expect.poll(() => questionTitle(page, 'safe_home')).toContain('How safe do you feel in your own home?');
    expect(await page.getByTestId('demo-translation').count()).toBe(0);

    await chooser.selectOption('cy');
    await expect.poll(() => questionTitle(page, 'safe_home')).toContain('Pa mor ddiogel ydych chi’n teimlo yn eich cartref eich hun?');
    await expect.poll(() => page.locator('.sd-question[data-name="safe_home"] .sd-item__control-label').first().innerText()).toBe('Diogel iawn');
    await expect.poll(() => nextButton(page).getAttribute('value')).toBe('Nesaf');
    await expect.poll(() => page.getByTestId('demo-translation').innerText()).toBe(DEMO_NOTE);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('cy');
    await expect
      .poll(() => page.locator('.privacy-link a').innerText())
      .toBe('Sut rydym yn defnyddio eich atebion: hysbysiad preifatrwydd (yn agor mewn tab newydd)');
    await expect.poll(() => page.locator('footer.site-footer a').innerText()).toBe('Datganiad hygyrchedd');
    const axe = await new AxeBuilder({ page }).include('.language-chooser').include('.demo-translation').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await answerToTheEnd(page);
    await expect.poll(() => completeButton(page).getAttribute('value')).toBe('Cwblhau');
    await completeButton(page).click();
    await page.locator('.sd-completedpage').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.sd-completedpage').innerText()).toContain('Diolch am gymryd rhan');
    await expect.poll(storedLocales, { timeout: 10_000 }).toEqual(['cy']);
    await page.close();
  });

  it('says what to do in Welsh when Cymraeg is chosen: Next with a required question empty', async () => {
    const page = await browser!.newPage(1280, 900);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    const messageOf = (name: string) => page.locator(`.sd-question[data-name="${name}"] .sd-question__erbox`).first().innerText();
    const chooser = page.getByLabel('Language / Iaith');
    await expect.poll(() => chooser.inputValue()).toBe('en');
    await nextButton(page).click();
    await expect.poll(() => messageOf('safe_home')).toBe('Choose one answer');

    await chooser.selectOption('cy');
    await expect.poll(() => nextButton(page).getAttribute('value')).toBe('Nesaf');
    await nextButton(page).click();
    // The plain Welsh message of PLAIN_ERRORS_BY_LOCALE.cy, not survey-core's own Welsh "required" text.
    await expect.poll(() => messageOf('safe_home')).toBe('Dewiswch un ateb');
    await page.close();
  });

  it('starts in Welsh when the browser asks for cy-GB', async () => {
    const context = await browser!.context.browser()!.newContext({ locale: 'cy-GB', viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await openFresh(page, `${srv().url}/s/${RESIDENT}`);
      await expect.poll(() => page.getByLabel('Language / Iaith').inputValue()).toBe('cy');
      await expect.poll(() => questionTitle(page, 'safe_home')).toContain('Pa mor ddiogel ydych chi’n teimlo yn eich cartref eich hun?');
      await expect.poll(() => page.getByTestId('demo-translation').isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });
});
