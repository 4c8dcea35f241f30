/**
 * Returns saved page by page, end to end: the real server (child process, temporary SQLite),
 * headless Chromium answering the resident questionnaire, the stored rows read straight from the
 * SQLite file, and the Returns page showing where respondents stop. Screenshots go to
 * .tmp/screens/partial-*.png.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validResident } from '../helpers/respondent-fixtures.js';
import { answerCurrentPage, answerToTheEnd, completeButton, goNext, openFresh } from './answer.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const RESIDENT = 'resident-safety';
const WAVE = '2026';
const VIEWER = 'viewer@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
const phone = { width: 360, height: 740 };

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

interface Row {
  id: number;
  status: string;
  last_page: number | null;
  idempotency_key: string | null;
  answers: string;
}

/** The stored resident returns, read straight from the SQLite file (read-only). */
function storedRows(): Row[] {
  const db = new Database(join(srv().dataDir, 'survey.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        'select r.id, r.status, r.last_page, r.idempotency_key, r.answers from responses r join waves w on r.wave_id = w.id join surveys s on w.survey_id = s.id where s.slug = ? order by r.id',
      )
      .all(RESIDENT) as Row[];
  } finally {
    db.close();
  }
}

/** Rows as [status, last page], for comparing with what a respondent did. */
const summary = () => storedRows().map((r) => [r.status, r.last_page]);

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  const setup = [
    ['survey', 'add', '--file', `surveys/${RESIDENT}.survey.json`],
    ['wave', 'create', '--survey', RESIDENT, '--name', WAVE],
    ['wave', 'open', '--survey', RESIDENT, '--name', WAVE],
  ];
  const [s, b] = await Promise.allSettled([startServer(setup), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), { officers: [{ email: VIEWER, password: PASSWORD, role: 'viewer' }] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

describe('partial returns in a real browser', { timeout: 90_000 }, () => {
  it('saves each page as one partial return, and completing it leaves one complete return', async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    expect(storedRows()).toEqual([]);

    await answerCurrentPage(page);
    await goNext(page);
    // The server has the first page's answers as a partial return that reached page 2.
    await expect.poll(summary, { timeout: 10_000 }).toEqual([['partial', 2]]);
    const [first] = storedRows();
    expect(Object.keys(JSON.parse(first.answers))).toContain('safe_home');

    await answerCurrentPage(page);
    await goNext(page);
    // The same row, further on: never a second one.
    await expect.poll(summary, { timeout: 10_000 }).toEqual([['partial', 3]]);
    expect(storedRows()[0].id).toBe(first.id);

    await answerToTheEnd(page);
    await completeButton(page).click();
    await page.locator('.sd-completedpage').waitFor({ timeout: 15_000 });
    await expect.poll(summary, { timeout: 10_000 }).toEqual([['complete', null]]);
    const [done] = storedRows();
    expect(done.id).toBe(first.id);
    expect(done.idempotency_key).toBe(first.idempotency_key);
    await page.close();
  });

  it('someone who stops after the first page is left as a partial return that reached page 2', async () => {
    const page = await browser!.newPage(phone.width, phone.height);
    await openFresh(page, `${srv().url}/s/${RESIDENT}`);
    await answerCurrentPage(page);
    await goNext(page);
    await expect.poll(summary, { timeout: 10_000 }).toEqual([
      ['complete', null],
      ['partial', 2],
    ]);
    await page.close();
  });

  it('the Returns page shows, as a table, where respondents stop; Results leave unfinished returns out until included', async () => {
    await browser!.context.clearCookies();
    const page = await browser!.newPage(1280, 900);
    await page.goto(`${srv().url}/officer/sign-in`);
    await page.getByLabel('Email').fill(VIEWER);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.locator('.who').getByText(VIEWER).waitFor();
    await page.goto(`${srv().url}/officer/returns?survey=${RESIDENT}&wave=${WAVE}`);

    const table = page.locator('#drop-out-table');
    await table.waitFor({ timeout: 15_000 });
    const rows = () =>
      table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c as HTMLElement).innerText.trim())));
    await expect.poll(rows, { timeout: 10_000 }).toEqual([
      ['1. Feeling safe', '2', '0', '0.0%'],
      ['2. Worries about crime', '2', '1', '50.0%'],
      ['3. Places, experience of crime and confidence', '1', '0', '0.0%'],
      ['4. About you', '1', '0', '0.0%'],
      ['Finished', '1', '–', '–'],
    ]);
    await expect
      .poll(() => page.locator('#drop-out-caption').innerText())
      .toBe('1 of 2 web returns are complete and 1 unfinished. Most unfinished returns stopped on page 2 (Worries about crime): 1.');
    // The section reads correctly to assistive technology (WCAG 2.2 AA as axe checks it).
    const axe = await new AxeBuilder({ page })
      .include('section[aria-labelledby="drop-out-heading"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.locator('#drop-out-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screens, 'partial-returns-drop-out.png') });

    // Results leave the unfinished return out until the officer includes it. A second complete
    // return first: a design of one respondent has no variance to report.
    const more = await fetch(`${srv().url}/api/surveys/${RESIDENT}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answers: validResident() }),
    });
    expect(more.status).toBe(201);
    await page.goto(`${srv().url}/officer/results?survey=${RESIDENT}&wave=${WAVE}`);
    const include = page.getByLabel('Include unfinished responses (1)');
    await include.waitFor({ timeout: 15_000 });
    expect(await include.isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Show results' }).click();
    const method = page.locator('p.method').first();
    await expect.poll(() => method.innerText(), { timeout: 20_000 }).toMatch(/^2 responses,/);
    await include.check();
    await page.getByRole('button', { name: 'Show results' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('partial')).toBe('include');
    await expect.poll(() => method.innerText(), { timeout: 20_000 }).toMatch(/^3 responses,.*Includes 1 unfinished response:/s);
    await page.close();
  });
});
