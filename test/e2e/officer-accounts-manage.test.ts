/**
 * Running accounts end to end: the real server on a temporary data folder, an admin in headless
 * Chromium on the Accounts page disabling an officer (whose sign-in, in a browser of their own, is
 * then refused), enabling them and changing their role, and making a reset code; the officer sets a
 * new password through the link's page and signs in with it. axe-core on both pages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, seed, startServer, type Browser, type RunningServer } from './harness.js';

const ADMIN = 'accounts-admin@test.invalid';
const ADMIN_PASSWORD = 'kettle harbour violet admin';
const OFFICER = 'accounts-officer@test.invalid';
const OFFICER_PASSWORD = 'kettle harbour violet first';
const NEW_PASSWORD = 'lantern meadow copper second';

let server: RunningServer | undefined;
let admin: Browser | undefined;
let officer: Browser | undefined;

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  server = await startServer();
  admin = await launchBrowser();
  officer = await launchBrowser();
  await seed(srv(), {
    officers: [
      { email: ADMIN, password: ADMIN_PASSWORD, role: 'admin' },
      { email: OFFICER, password: OFFICER_PASSWORD, role: 'viewer' },
    ],
  });
}, 120_000);

afterAll(async () => {
  await admin?.close();
  await officer?.close();
  await server?.stop();
}, 30_000);

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${srv().url}/officer/sign-in`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const row = (page: Page, email: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: email }) });

describe('Accounts page: disable, role, reset', () => {
  it('disables an officer (their sign-in is refused), enables them, changes the role, and makes a reset code they use', async () => {
    const a = await admin!.newPage(1280);
    await signIn(a, ADMIN, ADMIN_PASSWORD);
    await a.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await a.goto(`${srv().url}/officer/accounts`);
    const r = row(a, OFFICER);
    await r.waitFor({ timeout: 20_000 });
    await expect.poll(() => r.locator('td').nth(0).textContent(), { timeout: 10_000 }).toBe('Viewer');
    await expect.poll(() => r.locator('td').nth(2).textContent(), { timeout: 10_000 }).toBe('Never');
    await expectNoAxeViolations(a, 'accounts page');

    await r.getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => a.getByRole('status').filter({ hasText: 'disabled' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => r.locator('td').nth(1).textContent(), { timeout: 20_000 }).toBe('Disabled');

    const o = await officer!.newPage(1280);
    await signIn(o, OFFICER, OFFICER_PASSWORD);
    await expect.poll(() => o.locator('#sign-in-error').textContent(), { timeout: 20_000 }).not.toBe('');
    expect(new URL(o.url()).pathname).toBe('/officer/sign-in');

    await r.getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => r.locator('td').nth(1).textContent(), { timeout: 20_000 }).toBe('Enabled');
    await r.getByLabel('Role').selectOption('analyst');
    await r.getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => r.locator('td').nth(0).textContent(), { timeout: 20_000 }).toBe('Analyst');

    await r.getByRole('button', { name: 'Make a reset code' }).click();
    const link = a.locator('.reset-code dd code').nth(1);
    await link.waitFor({ timeout: 20_000 });
    const url = (await link.textContent()) ?? '';
    expect(url).toMatch(new RegExp(`^${srv().url}/officer/reset-password#code=[A-Z0-9-]+$`));
    await expectNoAxeViolations(a, 'accounts page with a reset code');

    await o.goto(url);
    await o.getByRole('heading', { name: 'Set a new password' }).waitFor({ timeout: 20_000 });
    expect(await o.getByLabel('Reset code').inputValue()).toBe(url.split('#code=')[1]);
    await o.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await o.getByLabel('New password again').fill('not the same password');
    await o.getByRole('button', { name: 'Set the password' }).click();
    await expect
      .poll(() => o.locator('#reset-error').textContent(), { timeout: 10_000 })
      .toBe('The two passwords are not the same. Type the new password twice.');
    await expectNoAxeViolations(o, 'reset page with an error');
    await o.getByLabel('New password again').fill(NEW_PASSWORD);
    await o.getByRole('button', { name: 'Set the password' }).click();
    await expect.poll(() => o.getByRole('status').textContent(), { timeout: 20_000 }).toContain(`The password for ${OFFICER} is set.`);

    await signIn(o, OFFICER, NEW_PASSWORD);
    await o.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => o.getByText(`Signed in as ${OFFICER} (analyst)`).count(), { timeout: 10_000 }).toBe(1);
  }, 240_000);
});
