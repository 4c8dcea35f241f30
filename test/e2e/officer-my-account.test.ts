/**
 * My account in the browser, end to end: the real server on a temporary data folder and headless
 * Chromium. An officer opens My account from the header, changes their password (a weak one refused
 * with the rule's message, a good one taken and their other session ended), sets up two-factor
 * sign-in from the page (the key read off the page, codes computed here as an authenticator app
 * would), signs out everywhere, then signs in: the old password refused, the new one and a wrong
 * code refused, the right code let in. axe-core on every state; no sideways scroll at 390, 768
 * and 1280 px. Screenshots: .tmp/screens/my-account-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { codeAt, freshCode, wrongCode } from './totp-codes.js';

const OFFICER = 'my-account-officer@test.invalid';
const FIRST_PASSWORD = 'kettle harbour violet first';
const NEW_PASSWORD = 'lantern meadow copper second';
const WRONG_CODE = 'The code is wrong or has been used already: enter the code your authenticator app shows now.';
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;
let elsewhere: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  elsewhere = await launchBrowser();
  await seed(srv(), { officers: [{ email: OFFICER, password: FIRST_PASSWORD, role: 'analyst' }] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await elsewhere?.close();
  await server?.stop();
}, 30_000);

async function signIn(page: Page, password: string): Promise<void> {
  await page.goto(`${srv().url}/officer/sign-in`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('Email').fill(OFFICER);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The value beside a term of the account's facts. */
const fact = (page: Page, term: string) => page.locator('.my-account-facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

async function look(page: Page, what: string): Promise<void> {
  for (const width of [390, 768, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page, width, `${what} at ${width} px`);
    await page.screenshot({ path: join(screens, `my-account-${what}-${width}.png`), fullPage: true });
  }
}

describe('My account', () => {
  it('changes the password, sets up two-factor sign-in, signs out everywhere, and sign-in then needs the new password and a code', async () => {
    // A second session of the same account, to see the password change end it.
    const other = await elsewhere!.newPage(1280);
    await signIn(other, FIRST_PASSWORD);
    await other.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });

    const page = await browser!.newPage(1280);
    await signIn(page, FIRST_PASSWORD);
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account', level: 2 }).waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/officer/account');
    await expect.poll(() => fact(page, 'Email').textContent(), { timeout: 10_000 }).toBe(OFFICER);
    expect(await fact(page, 'Role').textContent()).toBe('Analyst');
    expect(await fact(page, 'Two-factor sign-in').textContent()).toBe('Off');
    // Two sign-ins so far (the other browser's, then this one), both a moment ago.
    const latest = await fact(page, 'Latest sign-in').locator('time').getAttribute('datetime');
    const before = await fact(page, 'The sign-in before that').locator('time').getAttribute('datetime');
    expect(Math.abs(Date.parse(latest ?? '') - Date.now())).toBeLessThan(120_000);
    expect(Date.parse(before ?? '')).toBeLessThanOrEqual(Date.parse(latest ?? ''));
    expect(await fact(page, 'Latest sign-in').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d\d:\d\d$/);
    expect(await page.getByRole('link', { name: 'My account' }).getAttribute('aria-current')).toBe('page');
    await expectNoAxeViolations(page, 'My account');
    await look(page, 'start');

    // A weak new password: the server's rule says why, and nothing changes.
    await page.getByLabel('Current password').fill(FIRST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('New password again').fill('password1234');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await expect
      .poll(() => page.locator('#password-error').textContent(), { timeout: 20_000 })
      .toBe(
        'The password is too common: it is, or is built from, a password attackers try first. A few unrelated words work well, for example "kettle harbour violet cloud".',
      );
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 10_000 }).toBe('password-error');
    await expectNoAxeViolations(page, 'My account with a refused password');

    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change the password' }).click();
    await expect.poll(() => page.locator('#password-error').textContent(), { timeout: 20_000 }).toBe('The current password is wrong: nothing was changed.');

    await page.getByLabel('Current password').fill(FIRST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change the password' }).click();
    await expect
      .poll(() => page.locator('#password-status').textContent(), { timeout: 20_000 })
      .toBe('Your password is changed. Your 1 other session has ended.');
    expect(await page.locator('#password-error').textContent()).toBe('');
    expect(await page.getByLabel('Current password').inputValue()).toBe('');
    // The other browser's session is over: its next request finds it signed out.
    expect(await other.evaluate(async () => (await fetch('/api/officer/me')).status)).toBe(401);

    // Two-factor: the QR code and the key; a wrong code refused, the right one turns it on.
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), { timeout: 10_000 }).toBe('Add your account to the app');
    const key = ((await page.locator('.totp-key').textContent()) ?? '').replace(/ /g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await expectNoAxeViolations(page, 'My account setting up two-factor sign-in');
    await look(page, 'two-factor-setup');

    await page.getByLabel('6-digit code').fill(wrongCode(key));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect
      .poll(() => page.locator('#two-factor-error').textContent(), { timeout: 20_000 })
      .toBe('That code is not right: enter the 6 digits your authenticator app shows now (check the phone’s clock is right).');
    const confirmedAt = Date.now();
    await page.getByLabel('6-digit code').fill(codeAt(key, confirmedAt));
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await expect
      .poll(() => page.locator('#two-factor-status').textContent(), { timeout: 20_000 })
      .toBe('Two-factor sign-in is on: from now on, signing in asks for a code from your app.');
    await expect.poll(() => fact(page, 'Two-factor sign-in').textContent(), { timeout: 10_000 }).toBe('On');
    expect(await page.getByRole('button', { name: 'Set up two-factor sign-in' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'My account with two-factor sign-in on');
    await look(page, 'two-factor-on');

    // Sign out everywhere: back at sign-in, told so.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() => page.locator('.notice').textContent(), { timeout: 10_000 })
      .toBe('You are signed out everywhere (1 session ended). Sign in again to carry on.');
    expect(await page.evaluate(async () => (await fetch('/api/officer/me')).status)).toBe(401);

    // The old password no longer works; the new one asks for the code.
    await signIn(page, FIRST_PASSWORD);
    await expect.poll(() => page.locator('#sign-in-error').textContent(), { timeout: 20_000 }).toBe('Email or password is wrong. Check both and try again.');
    expect(await page.getByLabel('6-digit code').count()).toBe(0);
    await signIn(page, NEW_PASSWORD);
    const code = page.getByLabel('6-digit code');
    await code.waitFor({ timeout: 20_000 });
    await code.fill(wrongCode(key));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#sign-in-error').textContent(), { timeout: 20_000 }).toBe(WRONG_CODE);
    await look(page, 'sign-in-wrong-code');
    await page.setViewportSize({ width: 1280, height: 900 });
    await code.fill(freshCode(key, confirmedAt));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText(`Signed in as ${OFFICER} (analyst)`).count(), { timeout: 10_000 }).toBe(1);
  }, 300_000);
});
