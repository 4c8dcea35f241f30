/**
 * Chart and ward map downloads on the Returns, Recorded crime and Perception pages, end to end: the
 * real server with the demo content (SYNTHETIC responses, ILLUSTRATIVE population), the real
 * police.uk January 2019 file, and for the SPC chart eleven SYNTHETIC months made from it (below);
 * an analyst signed in, headless Chromium. Each download is captured as the browser saves it: the
 * SVG must parse, be framed (the picture's width plus padding) and hold the title, the caption (its
 * source and the made-up-data notice) and, for a map, the 26 wards with their colours written on
 * and the legend; the PNG must be 2× that frame (IHDR) and not blank. Axe checks each page; the
 * pages are photographed at 390, 768 and 1280 px into .tmp/screens/downloads-*.png.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CRIME_FILE } from '../../server/demo/load.js';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';
import { noSidewaysScroll } from './page-checks.js';
import { openAt, signIn } from './sign-in.js';

const EMAIL = 'analyst@test.invalid';
const PASSWORD = 'long enough pass';
/** The padding download.ts puts either side of the picture (CSS px). */
const PAD = 16;
const WARDS = 26;
const screens = join(root, '.tmp/screens');

let server: RunningServer | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), 'csp-downloads-pages-'));

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  server = await startServer();
  await seed(server, { demo: true, demoCrime: true, officers: [{ email: EMAIL, password: PASSWORD, role: 'analyst' }] });
  // SYNTHETIC test input, not police.uk data: February to December 2019 made by copying the rows of
  // the real January 2019 file with the Month column changed and some rows left out each month, so
  // the SPC chart has the 12 months it needs.
  const [header, ...lines] = readFileSync(DEMO_CRIME_FILE, 'utf8').trim().split('\n');
  const files: string[] = [];
  for (let m = 2; m <= 12; m++) {
    const month = `2019-${String(m).padStart(2, '0')}`;
    const keep = 82 + ((m * 7) % 17);
    const out = lines.filter((_, j) => (j * 37 + m * 11) % 100 < keep).map((l) => l.replace(/^([^,]*),2019-01,/, `$1,${month},`));
    const file = join(dir, `SYNTHETIC-test-${month}-kent-street.csv`);
    writeFileSync(file, `${[header, ...out].join('\n')}\n`);
    files.push(file);
  }
  await server.cli('crime', 'import', ...files.flatMap((f) => ['--file', f]));
  browser = await launchBrowser();
  await signIn(browser, server, EMAIL, PASSWORD);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function saved(page: Page, button: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), button.click()]);
  const path = join(dir, (download as Download).suggestedFilename());
  await download.saveAs(path);
  return readFileSync(path);
}

interface SvgFacts {
  error: number;
  width: number;
  height: number;
  text: string;
  wards: number;
  wardsPainted: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Clicks the SVG and PNG buttons of the chart or map called `title` inside `scope` and checks both
 * files; `texts` must all be in the SVG. Returns the SVG's facts.
 */
async function checkDownloads(page: Page, scope: Locator, kind: 'chart' | 'map', title: string, texts: string[]): Promise<SvgFacts> {
  const svg = await saved(page, scope.getByRole('button', { name: `Download ${kind} '${title}' as SVG` }));
  const facts: SvgFacts = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const el = doc.documentElement;
    const wards = [...el.querySelectorAll('g.ward > path:first-of-type')];
    return {
      error: doc.getElementsByTagName('parsererror').length + (el.tagName === 'svg' ? 0 : 1),
      width: Number(el.getAttribute('width')),
      height: Number(el.getAttribute('height')),
      text: [...el.querySelectorAll('text, title')].map((t) => t.textContent).join(' '),
      wards: wards.length,
      wardsPainted: wards.filter((p) => /fill:\s*(rgb|#)/.test(p.getAttribute('style') ?? '')).length,
    };
  }, svg.toString('utf8'));
  writeFileSync(join(root, `.tmp/download-${kind}-${title.slice(0, 24).replace(/\W+/g, '-')}.svg`), svg);
  expect(facts.error).toBe(0);
  for (const t of [title, ...texts]) expect(facts.text).toContain(t);

  const png = await saved(page, scope.getByRole('button', { name: `Download ${kind} '${title}' as PNG` }));
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  expect(png.readUInt32BE(16)).toBe(2 * facts.width);
  expect(png.readUInt32BE(20)).toBe(2 * facts.height);
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
    // The top-left corner: the white background.
    return { n: seen.size, corner: (data[0] << 16) | (data[1] << 8) | data[2] };
  }, png.toString('base64'));
  expect(colours.corner).toBe(0xffffff);
  expect(colours.n).toBeGreaterThanOrEqual(4);
  return facts;
}

/** The on-screen width of a chart's canvas or a map's SVG. */
const widthOf = async (l: Locator) => Math.round((await l.boundingBox())!.width);

async function looks(page: Page, name: string): Promise<void> {
  for (const w of [390, 768, 1280]) {
    await page.setViewportSize({ width: w, height: 900 });
    await noSidewaysScroll(page, w, name);
    await page.screenshot({ path: join(screens, `downloads-${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const MADE_UP = 'Made-up demo data:';

describe('chart and map downloads beyond the Results page', () => {
  it('Returns: the returns-by-day and by-ward charts and the ward map, each with its title and made-up-data caption', async () => {
    const page = await openAt(browser!, server!, '/officer/returns?survey=resident-safety&wave=2026');
    try {
      const byDay = page.locator('section[aria-labelledby="by-day-heading"]');
      await byDay.locator('.chart canvas').waitFor({ timeout: 60_000 });
      const dayTitle = 'Returns by day, resident-safety wave 2026';
      const day = await checkDownloads(page, byDay, 'chart', dayTitle, ['Source: returns to resident-safety, wave 2026', MADE_UP, 'SYNTHETIC demo data']);
      expect(day.width).toBe((await widthOf(byDay.locator('.chart canvas'))) + 2 * PAD);

      const byWard = page.locator('section[aria-labelledby="by-ward-heading"]');
      await checkDownloads(page, byWard, 'chart', 'Share of returns and of the population by ward, resident-safety wave 2026', [MADE_UP, 'ILLUSTRATIVE']);
      const mapTitle = "Map of each ward's share of returns against its share of the population";
      const map = await checkDownloads(page, byWard, 'map', mapTitle, [MADE_UP, 'SYNTHETIC demo data', 'ILLUSTRATIVE', 'Boundaries:', 'wards']);
      expect(map.wards).toBe(WARDS);
      expect(map.wardsPainted).toBe(WARDS);
      expect(map.width).toBe((await widthOf(page.locator('#returns-ward-map > svg'))) + 2 * PAD);
      // Every legend line of the page is in the file.
      for (const li of await page.locator('#returns-ward-map .map-legend li').allTextContents()) expect(map.text).toContain(li.replace(/\s+/g, ' ').trim());
      await expectNoAxeViolations(page, 'the Returns page with chart and map downloads');
      await looks(page, 'returns');
    } finally {
      await page.close();
    }
  }, 300_000);

  it('Recorded crime: the rates chart, the rate map and the SPC chart, with the police.uk source', async () => {
    const page = await openAt(browser!, server!, '/officer/crime');
    try {
      const rates = page.locator('.rates-result');
      await rates.locator('.chart canvas').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.locator('#crime-rate-map g.ward').count(), { timeout: 30_000 }).toBe(WARDS);
      const title = (await rates.locator('h4').first().textContent())!.trim();
      expect(title).toMatch(/^Recorded crime of all types .* per 1,000 residents, /);
      await checkDownloads(page, rates, 'chart', title, ['Source: Recorded crime: police.uk street-level data', MADE_UP, 'ILLUSTRATIVE']);
      const mapTitle = `Map of ${title.charAt(0).toLowerCase()}${title.slice(1)}, by ward`;
      const map = await checkDownloads(page, rates, 'map', mapTitle, ['police.uk', MADE_UP, 'Boundaries:']);
      expect(map.wardsPainted).toBe(WARDS);

      const spc = page.locator('.spc-result');
      await spc.locator('.chart canvas').waitFor({ timeout: 60_000 });
      const spcTitle = (await spc.locator('h4').first().textContent())!.trim();
      expect(spcTitle).toMatch(/ each month in the borough, January 2019 to December 2019$/);
      const baseline = /the baseline, (.+?), \d+ months/.exec((await spc.locator('.caption').textContent()) ?? '')?.[1];
      expect(baseline).toMatch(/^January 2019 to /);
      await checkDownloads(page, spc, 'chart', spcTitle, ['Source: Recorded crime: police.uk', `Centre line and limits from ${baseline}.`]);
      await expectNoAxeViolations(page, 'the Recorded crime page with chart and map downloads');
      await looks(page, 'crime');
    } finally {
      await page.close();
    }
  }, 300_000);

  it('Perception: the first item’s scatter and quadrant map, with the survey and crime sources', async () => {
    const page = await openAt(browser!, server!, '/officer/perception?survey=resident-safety&wave=2026');
    try {
      const item = page.locator('section.perception-item').first();
      await item.locator('.chart canvas').waitFor({ timeout: 90_000 });
      const heading = (await item.locator('h3').textContent())!.trim();
      const surveyTitle = (await page.locator('.perception-report h2').textContent())!.replace(/, wave 2026.*$/, '').trim();
      await checkDownloads(page, item, 'chart', heading, [`Source: ${surveyTitle}, wave 2026`, 'police.uk', MADE_UP, 'SYNTHETIC demo data']);
      const mapTitle = (await item.locator('figure.ward-map svg > title').textContent())!.trim();
      const map = await checkDownloads(page, item, 'map', mapTitle, [MADE_UP, 'Boundaries:']);
      expect(map.wards).toBe(WARDS);
      await expectNoAxeViolations(page, 'the Perception page with chart and map downloads');
      await looks(page, 'perception');
    } finally {
      await page.close();
    }
  }, 300_000);
});
