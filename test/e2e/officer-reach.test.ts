/**
 * Reaching respondents, end to end in Chromium against the real server on a temporary data
 * folder: an admin saves the council's details on the Accounts page and the privacy notice names
 * the council; the admin creates the links of several schools from a pasted CSV on the Links page
 * (a bad list is refused row by row, nothing created) and downloads every poster as one A4 PDF;
 * a pupil opening a school link sees the council and the privacy link on the first page and, with
 * tel: links, on the end page; a paper import names the answer that matches no choice.
 */
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerToTheEnd, completeButton, openFresh } from './answer.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';

const YOUTH = 'youth-safety';
const EMAIL = 'reach-admin@test.invalid';
const PASSWORD = 'long enough pass';
const COUNCIL = 'Reach Test Borough Council (made-up)';
const SCHOOLS = ['Alder Test School (fictional)', 'Birch Test Academy (fictional)'];

let server: RunningServer | undefined;
let browser: Browser | undefined;
let schoolUrl = '';

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  const setup = [
    ['survey', 'add', '--file', `surveys/${YOUTH}.survey.json`, '--audience', 'youth'],
    ['wave', 'create', '--survey', YOUTH, '--name', '2026'],
    ['wave', 'open', '--survey', YOUTH, '--name', '2026'],
  ];
  const [s, b] = await Promise.allSettled([startServer(setup), launchBrowser()]);
  if (s.status === 'fulfilled') server = s.value;
  if (b.status === 'fulfilled') browser = b.value;
  if (s.status === 'rejected') throw s.reason;
  if (b.status === 'rejected') throw b.reason;
  await seed(srv(), { officers: [{ email: EMAIL, password: PASSWORD, role: 'admin' }] });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function signedInAt(path: string, heading: string): Promise<Page> {
  const page = await browser!.newPage(1280);
  await page.goto(`${srv().url}${path}`);
  await page.getByRole('heading', { name: new RegExp(`^(Sign in|${heading})$`) }).waitFor({ timeout: 15_000 });
  if (new URL(page.url()).pathname === '/officer/sign-in') {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
  }
  await page.getByRole('heading', { name: heading }).waitFor({ timeout: 15_000 });
  return page;
}

describe('reaching respondents', () => {
  it("the admin saves the council's details, and the privacy notice names the council", async () => {
    const page = await signedInAt('/officer/accounts', 'Accounts and audit log');
    await page.getByLabel('Council name').fill(COUNCIL);
    await page.getByLabel('Contact e-mail').fill('surveys@reach.invalid');
    await page.getByLabel('Contact phone').fill('01632 960555');
    await page.getByRole('button', { name: 'Save the council details' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).textContent()).toBe(`Saved. The privacy notices now name ${COUNCIL}.`);

    await page.goto(`${srv().url}/s/${YOUTH}/privacy`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy notice');
    expect(await page.locator('main').innerText()).toContain(`${COUNCIL} is responsible for your answers (the data controller).`);
    expect(await page.getByRole('link', { name: '01632 960555' }).getAttribute('href')).toBe('tel:01632960555');
    await page.close();
  });

  it('the admin creates the links of several schools from a CSV, and downloads every poster as one A4 PDF', async () => {
    const page = await signedInAt(`/officer/links?survey=${YOUTH}&wave=2026`, 'Links and posters');
    const list = page.getByLabel('School names, one a line');
    await list.fill(`school,max\n${SCHOOLS[0]},0\n${SCHOOLS[0]},`);
    await page.getByRole('button', { name: 'Create the links' }).click();
    const problems = page.getByRole('table', { name: 'Rows that cannot be used' });
    await expect.poll(() => problems.locator('tbody tr').count()).toBe(2);
    expect(await problems.locator('tbody tr').first().innerText()).toContain('The cap must be a whole number of answers from 1 to 1,000,000, not 0.');

    await list.fill(`school,max\n${SCHOOLS[0]},120\n${SCHOOLS[1]},`);
    await page.getByRole('button', { name: 'Create the links' }).click();
    const created = page.locator('.bulk-created li');
    await expect.poll(() => created.count()).toBe(2);
    const text = await created.allInnerTexts();
    expect(text.map((t) => t.split(':')[0])).toEqual(SCHOOLS);
    schoolUrl = text[0].slice(text[0].indexOf(': ') + 2).trim();
    expect(schoolUrl).toMatch(/\/y\/[A-Za-z0-9_-]{12}$/);
    // The table above lists them too, once loaded again.
    await page.getByRole('cell', { name: SCHOOLS[1] }).first().waitFor();

    const href = await page.getByRole('link', { name: /Download every poster of this wave/ }).getAttribute('href');
    const res = await page.request.get(`${srv().url}${href}`);
    expect(res.status()).toBe(200);
    const pdf = await PDFDocument.load(await res.body());
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getPages().map((p) => p.getSize())).toEqual([
      { width: 595.28, height: 841.89 },
      { width: 595.28, height: 841.89 },
    ]);
    await page.close();
  });

  it('a pupil through a school link sees the council and the privacy link on the first page and the end page, with tel: links', async () => {
    const page = await browser!.newPage(360, 740);
    await openFresh(page, `${srv().url}${new URL(schoolUrl).pathname}`);
    await expect.poll(() => page.locator('.council-name').textContent()).toBe(COUNCIL);
    const privacy = page.getByRole('link', { name: /privacy notice/ });
    expect(await privacy.getAttribute('href')).toBe(`/s/${YOUTH}/privacy`);
    await answerToTheEnd(page);
    await completeButton(page).click();
    const done = page.locator('.sd-completedpage');
    await expect.poll(() => done.locator('a[href^="tel:"]').count()).toBe(7);
    expect(await done.innerText()).toContain('We Are With You (formerly Young Addaction)');
    await expect.poll(() => page.getByRole('link', { name: /privacy notice/ }).getAttribute('href')).toBe(`/s/${YOUTH}/privacy`);
    await page.close();
  });

  it('a paper import lists an answer that matches no choice, by code or wording', async () => {
    const page = await signedInAt(`/officer/paper?survey=${YOUTH}&wave=2026`, 'Paper returns');
    await page.getByLabel('Importing a CSV file of forms').check();
    await page.getByRole('heading', { name: 'Import a CSV file' }).waitFor();
    const csv = 'safe_school,safe_journey\n  VERY   safe ,Quite safe\n';
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'wording.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import into wave 2026' }).click();
    const alert = page.locator('#import-outcome[role=alert]');
    await expect
      .poll(() => alert.textContent())
      .toContain("1 answer matches no choice of its question (by code or wording): line 2, safe_journey: 'Quite safe'.");
    await page.close();
  });
});
