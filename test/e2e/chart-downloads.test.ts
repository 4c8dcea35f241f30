/**
 * Chart downloads end to end: the real server with the demo content (SYNTHETIC responses, weighted
 * to ILLUSTRATIVE targets), an analyst signed in, headless Chromium. On the Results page the first
 * chart's "Download PNG" and "Download SVG" buttons are clicked and the files the browser saves are
 * checked: the PNG's signature and IHDR size (2× the SVG's frame, whose width is the chart's plus
 * padding), that it is not blank, and that the SVG parses with a size, the chart's title and bars.
 * The SVG is kept at .tmp/chart-download.svg to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const EMAIL = 'analyst@test.invalid';
const PASSWORD = 'long enough pass';
/** The padding download.ts puts either side of the chart (CSS px). */
const PAD = 16;

let server: RunningServer | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), 'csp-downloads-'));

beforeAll(async () => {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  server = await startServer();
  await seed(server, { demo: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'analyst' }] });
  browser = await launchBrowser();
  const page = await browser.context.newPage();
  await page.goto(`${server.url}/officer`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await page.getByRole('heading', { name: 'Headline figures' }).waitFor({ timeout: 60_000 });
  await page.close();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function saved(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), click()]);
  // The shared Chromium is remote to this process: the file is copied out with saveAs.
  const path = join(dir, (download as Download).suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('chart downloads on the Results page', () => {
  it('saves the first chart as a framed 2× PNG and an SVG with its title and bars', async () => {
    const page = await browser!.newPage(1280);
    try {
      await page.goto(`${server!.url}/officer/results?survey=resident-safety&wave=2026`);
      await page.getByRole('button', { name: 'Show results' }).click({ timeout: 60_000 });
      const section = page.locator('section.question', { has: page.locator('.chart canvas') }).first();
      await section.waitFor({ timeout: 90_000 });
      const title = (await section.locator('h3').textContent())!.trim();
      expect(title.length).toBeGreaterThan(3);
      const pngButton = section.getByRole('button', { name: `Download chart '${title}' as PNG` });
      const svgButton = section.getByRole('button', { name: `Download chart '${title}' as SVG` });
      const chartWidth = Math.round((await section.locator('.chart canvas').boundingBox())!.width);
      const chartHeight = Math.round((await section.locator('.chart').boundingBox())!.height);
      const today = new Date().toISOString().slice(0, 10);

      const svg = await saved(page, () => svgButton.click());
      expect(svg.name).toMatch(new RegExp(`^[a-z0-9-]+-${today}\\.svg$`));
      const facts = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.getElementsByTagName('parsererror').length,
          tag: root.tagName,
          width: Number(root.getAttribute('width')),
          height: Number(root.getAttribute('height')),
          text: root.textContent ?? '',
          shapes: root.querySelectorAll('path, rect').length,
        };
      }, svg.bytes.toString('utf8'));
      writeFileSync(join(root, '.tmp/chart-download.svg'), svg.bytes);
      expect(facts.error).toBe(0);
      expect(facts.tag).toBe('svg');
      expect(facts.width).toBe(chartWidth + 2 * PAD);
      expect(facts.height).toBeGreaterThan(chartHeight + 2 * PAD);
      expect(facts.text).toContain(title);
      expect(facts.text).toContain('Synthetic data');
      // The background, the bars and the axes' ticks at the least.
      expect(facts.shapes).toBeGreaterThanOrEqual(3);

      const png = await saved(page, () => pngButton.click());
      expect(png.name).toMatch(new RegExp(`^[a-z0-9-]+-${today}\\.png$`));
      expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(png.bytes.readUInt32BE(16)).toBe(2 * (chartWidth + 2 * PAD));
      expect(png.bytes.readUInt32BE(20)).toBe(2 * facts.height);
      // Not blank: the image has white, dark ink and chart colours.
      const colours = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
        return seen.size;
      }, png.bytes.toString('base64'));
      expect(colours).toBeGreaterThanOrEqual(3);

      await expectNoAxeViolations(page, 'the Results page with chart download buttons');
    } finally {
      await page.close();
    }
  }, 240_000);
});
