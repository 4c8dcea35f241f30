/**
 * Two-factor sign-in in the browser: the real server on a temporary data folder, an officer whose
 * account has an authenticator app (set up through the API, the codes computed here with otpauth
 * as an app would), signing in in headless Chromium: the password first, then the page asks for
 * the 6-digit code, refuses a wrong one with the server's message, and lets the right one in.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { codeAt, freshCode, wrongCode } from './totp-codes.js';

const OFFICER = 'two-factor-officer@test.invalid';
const PASSWORD = 'kettle harbour violet codes';
const WRONG_CODE = 'The code is wrong or has been used already: enter the code your authenticator app shows now.';

let server: RunningServer | undefined;
let browser: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

/** Turns two-factor sign-in on for the account through the API, as My account does; returns the secret. */
async function setUpTwoFactorByApi(): Promise<{ secret: string; confirmedAt: number }> {
  const login = await fetch(`${srv().url}/api/officer/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: OFFICER, password: PASSWORD }),
  });
  expect(login.status).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const start = await fetch(`${srv().url}/api/officer/me/two-factor`, { method: 'POST', headers });
  expect(start.status).toBe(200);
  const { secret } = (await start.json()) as { secret: string };
  const confirmedAt = Date.now();
  const confirm = await fetch(`${srv().url}/api/officer/me/two-factor/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code: codeAt(secret, confirmedAt) }),
  });
  expect(await confirm.json()).toEqual({ twoFactor: true });
  return { secret, confirmedAt };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await seed(srv(), { officers: [{ email: OFFICER, password: PASSWORD, role: 'viewer' }] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 30_000);

async function signInWithPassword(page: Page): Promise<void> {
  await page.goto(`${srv().url}/officer/sign-in`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('Email').fill(OFFICER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('sign-in with a two-factor code', () => {
  it('asks for the code after the password, refuses a wrong one with the message, and signs in with the right one', async () => {
    const { secret, confirmedAt } = await setUpTwoFactorByApi();
    const page = await browser!.newPage(390, 800);
    await signInWithPassword(page);

    const code = page.getByLabel('6-digit code');
    await code.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('sign-in-code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(await code.getAttribute('inputmode')).toBe('numeric');
    // The email and password stay as typed, and nothing is shown as a mistake yet.
    expect(await page.getByLabel('Email').inputValue()).toBe(OFFICER);
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe(PASSWORD);
    expect(await page.locator('#sign-in-error').textContent()).toBe('');
    await expectNoAxeViolations(page, 'sign-in asking for the code');
    await noSidewaysScroll(page, 390, 'sign-in asking for the code');

    await code.fill(wrongCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 20_000 }).toBe(WRONG_CODE);
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect((await code.getAttribute('aria-describedby'))?.split(' ')).toContain('sign-in-error');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('sign-in-code');
    expect(new URL(page.url()).pathname).toBe('/officer/sign-in');
    await expectNoAxeViolations(page, 'sign-in with a wrong code');

    await code.fill(freshCode(secret, confirmedAt));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText(`Signed in as ${OFFICER} (viewer)`).count(), { timeout: 10_000 }).toBe(1);
  }, 180_000);
});
