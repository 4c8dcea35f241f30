/** Signing an officer in through the real sign-in page, once per browser context (the session cookie is kept). */
import type { Page } from 'playwright-core';
import type { Browser, RunningServer } from './harness.js';

export async function signIn(browser: Browser, server: RunningServer, email: string, password: string): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(`${server.url}/officer`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ state: 'detached', timeout: 60_000 });
  } finally {
    await page.close();
  }
}

/** A page of `width` px at `path`, in a context already signed in. */
export async function openAt(browser: Browser, server: RunningServer, path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage(width);
  await page.goto(`${server.url}${path}`);
  return page;
}
