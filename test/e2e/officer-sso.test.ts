/**
 * Single sign-on in Chromium: the sign-in page shows the provider's button when the server is
 * configured for it; the officer goes through a real OpenID provider (oidc-provider's own sign-in
 * and consent pages, on 127.0.0.1) and comes back signed in with their product role; an address
 * with no account gets the page saying to ask the admin. axe-core checks both pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_CALLBACK_PATH } from '../../server/accounts/oidc-config.js';
import { listenProvider, type RunningProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET } from '../helpers/oidc-provider.js';
import { expectNoAxeViolations } from './axe.js';
import { type Browser, launchBrowser, type RunningServer, seed, startServer } from './harness.js';

let server: RunningServer;
let provider: RunningProvider;
let browser: Browser;

beforeAll(async () => {
  const idp = await listenProvider();
  server = await startServer([], {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_LABEL: 'Sign in with the test provider',
  });
  provider = idp.attach(`${server.url}${OIDC_CALLBACK_PATH}`, [
    { login: 'jsmith', claims: { email: 'J.Smith@Council.Example', email_verified: true } },
    { login: 'stranger', claims: { email: 'nobody@elsewhere.example', email_verified: true } },
  ]);
  await seed(server, { officers: [{ email: 'j.smith@council.example', password: 'correct horse battery staple', role: 'analyst' }] });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

async function throughProvider(page: import('playwright-core').Page, login: string) {
  await page.locator('input[name="login"]').fill(login, { timeout: 30_000 });
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]', { hasText: /continue/i }).click({ timeout: 30_000 });
}

describe('single sign-on on the sign-in page', () => {
  it('shows the button, signs a matched officer in through the provider with their role', async () => {
    const page = await browser.newPage(1280);
    await page.goto(`${server.url}/officer/sign-in`);
    const button = page.getByRole('link', { name: 'Sign in with the test provider' });
    await expect.poll(() => button.count(), { timeout: 30_000 }).toBe(1);
    await expectNoAxeViolations(page, 'sign-in page with single sign-on');
    await button.click();
    await throughProvider(page, 'jsmith');
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 30_000 }).toBe('/officer');
    const me = await page.evaluate(async () => (await fetch('/api/officer/me')).json());
    expect(me).toMatchObject({ email: 'j.smith@council.example', role: 'analyst' });
    await page.close();
  }, 120_000);

  it('tells an officer with no account to ask the admin', async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage(390, 844);
      await page.goto(`${server.url}/api/officer/oidc/start`);
      await throughProvider(page, 'stranger');
      const heading = page.getByRole('heading', { level: 1, name: 'No officer account for this address' });
      await expect.poll(() => heading.count(), { timeout: 30_000 }).toBe(1);
      expect(await page.locator('#sign-in-refused').textContent()).toContain('Ask your admin to create an account for nobody@elsewhere.example');
      await expectNoAxeViolations(page, 'single sign-on refusal page');
    } finally {
      await context.close();
    }
  }, 120_000);
});
