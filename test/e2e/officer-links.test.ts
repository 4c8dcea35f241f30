/**
 * Links and posters end to end: the real server on a temporary data folder with the bundled youth
 * questionnaire, an admin in headless Chromium creating a school link for a fictional school,
 * the QR code on the page decoded from its pixels (jsQR) to exactly the link's address, the A4
 * poster printed to PDF (one page, with the school and address in its text), and the decoded
 * address opening the youth questionnaire through the school. Screenshots: .tmp/screens/links-*.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import { launchBrowser, root, seed, startServer, type Browser, type RunningServer } from './harness.js';

const YOUTH = 'youth-safety';
const SCHOOL = 'Example Valley School (fictional, test)';
const EMAIL = 'links-admin@test.invalid';
const PASSWORD = 'long enough pass';
const screens = join(root, '.tmp/screens');
const LINKS_PAGE = `/officer/links?survey=${YOUTH}&wave=2026`;

let server: RunningServer | undefined;
let browser: Browser | undefined;
/** Shared between the tests, in order: the link the admin created and the address its QR holds. */
let linkUrl = '';
let decodedUrl = '';

function srv(): RunningServer {
  if (!server) throw new Error('The server did not start (see beforeAll).');
  return server;
}

beforeAll(async () => {
  mkdirSync(screens, { recursive: true });
  const setup = [
    ['survey', 'add', '--file', `surveys/${YOUTH}.survey.json`, '--audience', 'youth'],
    ['wave', 'create', '--survey', YOUTH, '--name', '2026'],
    ['wave', 'open', '--survey', YOUTH, '--name', '2026'],
    // A wave not open yet: its links page must warn that links do not work.
    ['wave', 'create', '--survey', YOUTH, '--name', '2027'],
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

async function signedInAt(path: string, width = 1280): Promise<Page> {
  const page = await browser!.newPage(width);
  await page.goto(`${srv().url}${path}`);
  // The shell asks who is signed in first, then shows the page or sends the visitor to sign-in.
  await page.getByRole('heading', { name: /^(Sign in|Links and posters)$/ }).waitFor({ timeout: 15_000 });
  if (new URL(page.url()).pathname === '/officer/sign-in') {
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
  }
  await page.getByRole('heading', { name: 'Links and posters' }).waitFor({ timeout: 15_000 });
  return page;
}

/** Reads a QR code from an <img> on the page: drawn on a canvas in the page, its pixels decoded by jsQR here. */
async function decodeQrImage(page: Page, selector: string): Promise<string | null> {
  const pixels = await page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    if (!img.complete || !img.naturalWidth) await new Promise((ok, fail) => ((img.onload = ok), (img.onerror = fail)));
    const size = 360;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(img, 0, 0, size, size);
    return { width: size, height: size, data: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  return jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)?.data ?? null;
}

/**
 * The pages and text of a PDF as Chromium (Skia) writes it: Flate streams, Type0 fonts with a
 * ToUnicode CMap, text shown as hex glyph strings with Tj/TJ. Enough to read our own print-outs.
 */
function readPdf(pdf: Buffer): { pages: { mediaBox: number[]; text: string }[] } {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const s = body.indexOf('stream');
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, s);
    const start = m.index! + m[0].indexOf(body) + s + 'stream'.length + (body[s + 6] === '\r' ? 2 : 1);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    let bytes = pdf.subarray(start, start + length);
    if (/\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
    objects.set(Number(m[1]), { dict, stream: Buffer.from(bytes) });
  }
  const hex = (h: string) => parseInt(h, 16);
  const cmapOf = (fontRef: number): Map<number, string> => {
    const font = objects.get(fontRef)!;
    const ref = /\/ToUnicode (\d+) 0 R/.exec(font.dict);
    const map = new Map<number, string>();
    if (!ref) return map;
    const text = objects.get(Number(ref[1]))!.stream!.toString('latin1');
    const utf16 = (h: string) => String.fromCharCode(...h.match(/.{4}/g)!.map(hex));
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, src, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(hex(src), utf16(dst));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const [, a, b, dst] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        for (let g = hex(a); g <= hex(b); g++) map.set(g, String.fromCharCode(hex(dst) + g - hex(a)));
      }
    }
    return map;
  };
  const pages: { mediaBox: number[]; text: string }[] = [];
  for (const { dict } of objects.values()) {
    if (!/\/Type \/Page\b(?!s)/.test(dict)) continue;
    const mediaBox = /\/MediaBox \[([^\]]+)\]/.exec(dict)![1].trim().split(/\s+/).map(Number);
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = /\/Font <<([\s\S]*?)>>/.exec(dict)?.[1] ?? '';
    for (const [, name, ref] of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(name, cmapOf(Number(ref)));
    const contents = /\/Contents (\d+) 0 R/.exec(dict)![1];
    const ops = objects.get(Number(contents))!.stream!.toString('latin1');
    let cmap = new Map<number, string>();
    let text = '';
    for (const t of ops.matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\bET\b/g)) {
      if (t[1]) cmap = fonts.get(t[1]) ?? new Map();
      else if (t[2] !== undefined) text += (t[2].match(/.{4}/g) ?? []).map((g) => cmap.get(hex(g)) ?? '').join('');
      else text += '\n';
    }
    pages.push({ mediaBox, text });
  }
  return { pages };
}

describe('links and posters in a real browser', { timeout: 90_000 }, () => {
  it('an admin creates a school link; the table shows it and the QR on the page decodes to its address', async () => {
    const page = await signedInAt(LINKS_PAGE);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByText('has no links yet').waitFor();

    // A form sent without a label is refused in words, with the focus on the message.
    await page.getByRole('button', { name: 'Create link' }).click();
    const alert = page.locator('.create-link [role=alert]');
    await expect.poll(() => alert.textContent()).toContain('Give the link a label');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('create-error');
    expect(await page.getByLabel('Label', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // Keyboard and labels only, as an officer would fill it in.
    await page.getByLabel('Label', { exact: true }).fill(SCHOOL);
    await page.getByLabel('Kind').selectOption('school');
    await page.getByLabel('Cap (optional)').fill('30');
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Created the link for ${SCHOOL}.`);
    const row = page.locator('tr.link-row', { hasText: SCHOOL });
    await row.waitFor();

    // The address shown is the one the server gives for the link, absolute, on this server.
    const listing = await page.evaluate(() => fetch('/api/officer/surveys/youth-safety/waves/2026/links').then((r) => r.json()));
    expect(listing.links).toHaveLength(1);
    linkUrl = listing.links[0].url;
    expect(linkUrl).toMatch(new RegExp(`^${srv().url.replace(/[.]/g, '\\.')}/y/[A-Za-z0-9_-]{12}$`));
    expect((await row.locator('code.link-address').textContent())!.trim()).toBe(linkUrl);
    await expect(row.locator('td.num').textContent()).resolves.toBe('0 of 30');
    await expect(row.locator('.state').textContent()).resolves.toBe('Active');
    await expect(row.locator('.state-reason').textContent()).resolves.toBe('Takes answers now, 30 more answers before it is full.');
    expect(await row.locator('img.qr').getAttribute('alt')).toBe(`QR code for ${linkUrl}`);
    expect(await row.getByRole('link', { name: /Download QR \(SVG\)/ }).getAttribute('download')).toBe(
      'qr-youth-safety-2026-Example_Valley_School_fictional_test.svg',
    );

    decodedUrl = (await decodeQrImage(page, 'tr.link-row img.qr')) ?? '';
    expect(decodedUrl).toBe(linkUrl);

    // The same label again is refused in words, and nothing is added.
    await page.getByLabel('Label', { exact: true }).fill(SCHOOL);
    await page.getByRole('button', { name: 'Create link' }).click();
    await expect.poll(() => alert.textContent()).toContain(`already has a link called '${SCHOOL}'`);
    expect(await page.locator('tr.link-row').count()).toBe(1);
    await page.getByLabel('Label', { exact: true }).fill('');

    // Change the cap and give it an expiry date, through the inline form.
    await row.getByRole('button', { name: /Change expiry or cap/ }).click();
    const cap = page.locator('.edit-link').getByLabel('Cap (most answers)');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('date');
    await cap.fill('45');
    await page.locator('.edit-link').getByLabel('Stops working on').fill('2099-07-01');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(`Saved the link for ${SCHOOL}`);
    await expect.poll(() => row.locator('td.num').textContent()).toBe('0 of 45');
    await expect.poll(() => row.locator('.expiry').textContent()).toBe('1 Jul 2099');
    expect(await page.locator('.edit-link').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Change expiry or cap/);

    expect(errors).toEqual([]);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 1000 });
      await page.waitForTimeout(300);
      // Nothing wider than the window: no sideways scrolling of the page itself.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(screens, `links-page-${width}.png`), fullPage: true });
    }
    // The edit form open, at tablet width.
    await row.getByRole('button', { name: /Change expiry or cap/ }).click();
    await page.locator('.edit-link').waitFor();
    await page.screenshot({ path: join(screens, 'links-edit-768.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('prints the poster to one A4 page holding the school name and the address, with no outside requests', async () => {
    expect(linkUrl, 'the first test creates the link').not.toBe('');
    const page = await signedInAt(LINKS_PAGE);
    const row = page.locator('tr.link-row', { hasText: SCHOOL });
    const [poster] = await Promise.all([browser!.context.waitForEvent('page'), row.getByRole('link', { name: /Poster \(A4, opens in a new tab\)/ }).click()]);
    const requests: string[] = [];
    poster.on('request', (r) => requests.push(r.url()));
    await poster.waitForLoadState('load');
    expect(new URL(poster.url()).pathname).toMatch(/^\/api\/officer\/links\/[A-Za-z0-9_-]{12}\/poster\.html$/);
    await expect(poster.locator('h1').textContent()).resolves.toBe('Maidstone Youth Safety Survey');
    await expect(poster.locator('.for').textContent()).resolves.toBe(`for pupils of ${SCHOOL}`);
    await expect(poster.locator('.address').textContent()).resolves.toBe(linkUrl);
    await expect(poster.locator('.facts').textContent()).resolves.toContain('Open until 30 June 2099.');
    // The QR printed on the poster holds the same address.
    const qr = await poster.locator('svg.qr').evaluate(async (svg) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 400;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 400, 400);
      ctx.drawImage(img, 0, 0, 400, 400);
      return Array.from(ctx.getImageData(0, 0, 400, 400).data);
    });
    expect(jsQR(Uint8ClampedArray.from(qr), 400, 400)?.data).toBe(linkUrl);

    await poster.setViewportSize({ width: 900, height: 1300 });
    await poster.screenshot({ path: join(screens, 'links-poster-screen.png'), fullPage: true });
    // Printed: an A4 sheet at 96 px per inch, less the 12 mm margins.
    await poster.setViewportSize({ width: 703, height: 1032 });
    await poster.emulateMedia({ media: 'print' });
    await poster.screenshot({ path: join(screens, 'links-poster-print.png'), fullPage: true });
    // Back to no emulation: page.pdf then lays out with print CSS, as printing from the browser does.
    await poster.emulateMedia({ media: null });

    const pdf = await poster.pdf({ format: 'A4' });
    writeFileSync(join(screens, 'links-poster.pdf'), pdf);
    const { pages } = readPdf(pdf);
    expect(pages.map((p) => p.text.replace(/\s+/g, ' ').slice(0, 60))).toHaveLength(1);
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Pages\s*\/Count 1\b/);
    // A4 is 595.92 × 842.88 points in Chromium's PDF.
    expect(pages[0].mediaBox.map(Math.round)).toEqual([0, 0, 596, 843]);
    // NFKC: the font's ligatures (ﬁ) back to letters.
    const text = pages[0].text.normalize('NFKC').replace(/\s+/g, ' ');
    expect(text).toContain(`for pupils of ${SCHOOL}`);
    // The address may wrap: compare without white space.
    expect(pages[0].text.normalize('NFKC').replace(/\s+/g, '')).toContain(linkUrl);
    expect(text).toContain('Childline');
    expect(text).not.toContain('This note is not printed');
    // Nothing was fetched for the poster beyond the poster itself (a browser may still ask for its favicon).
    expect(requests.filter((u) => !u.startsWith('data:') && new URL(u).pathname !== '/favicon.ico')).toEqual([]);
    await poster.close();

    // The longest label allowed, holding markup: shown as text, and still one page.
    const label = '<b>Long</b> Example Valley and District Community Academy for the Arts, Sciences, Sport and Technology (fictional, test)';
    expect(label.length).toBeGreaterThan(110);
    expect(label.length).toBeLessThanOrEqual(120);
    const created = await page.evaluate(
      async (body) => {
        const csrf = decodeURIComponent(document.cookie.match(/(?:^|; )csp_csrf=([^;]*)/)![1]);
        const res = await fetch('/api/officer/surveys/youth-safety/waves/2026/links', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
          body: JSON.stringify(body),
        });
        return { status: res.status, link: await res.json() };
      },
      { label, kind: 'school' },
    );
    expect(created.status).toBe(201);
    const long = await browser!.newPage(1280);
    await long.goto(`${srv().url}/api/officer/links/${created.link.token}/poster.html`);
    await expect(long.locator('.for').textContent()).resolves.toBe(`for pupils of ${label}`);
    expect(await long.locator('.for b').count()).toBe(0);
    const longPdf = readPdf(await long.pdf({ format: 'A4' }));
    expect(longPdf.pages).toHaveLength(1);
    expect(longPdf.pages[0].text.normalize('NFKC').replace(/\s+/g, '')).toContain(created.link.url);
    await long.close();
    await page.close();
  });

  it('opening the decoded address shows the youth questionnaire through the school', async () => {
    expect(decodedUrl, 'the first test decodes the QR').not.toBe('');
    const page = await browser!.newPage(1280);
    await page.goto(decodedUrl);
    await page.locator('.sd-body__page .sd-question').first().waitFor({ timeout: 15_000 });
    await expect(page.locator('.via').textContent()).resolves.toBe(`Taking part through: ${SCHOOL}`);
    expect(await page.title()).toBe('Maidstone Youth Safety Survey');
    await page.screenshot({ path: join(screens, 'links-respondent-1280.png') });
    await page.close();
  });

  it('warns that links do not work while the wave is not open', async () => {
    const page = await signedInAt(`/officer/links?survey=${YOUTH}&wave=2027`, 768);
    const warning = page.locator('.wave-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('These links do not work at the moment. The 2027 survey is not open yet.');
    await page.getByLabel('Label', { exact: true }).fill('Early Poster School (fictional, test)');
    await page.getByRole('button', { name: 'Create link' }).click();
    const row = page.locator('tr.link-row', { hasText: 'Early Poster School' });
    await row.waitFor();
    await expect.poll(() => row.locator('.state').textContent()).toBe('Wave closed');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(screens, 'links-wave-closed-768.png'), fullPage: true });
    await page.close();
  });
  it('ends a link with answers after a second press, and deletes a link without any', async () => {
    const page = await signedInAt(LINKS_PAGE, 768);
    const made = await page.evaluate(async () => {
      const t = decodeURIComponent(document.cookie.match(/(?:^|; )csp_csrf=([^;]*)/)![1]);
      const make = (label: string) =>
        fetch('/api/officer/surveys/youth-safety/waves/2026/links', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': t },
          body: JSON.stringify({ label }),
        }).then((r) => r.json());
      const answered = await make('Answered Link School (fictional, test)');
      const spare = await make('Spare Link School (fictional, test)');
      const sent = await fetch(`/api/links/${answered.token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: { safe_school: 'very_safe', school_year: 'year_7' } }),
      });
      return { answered: answered.token as string, spare: spare.token as string, sent: sent.status };
    });
    expect(made.sent).toBe(201);
    await page.reload();
    const answered = page.locator('tr.link-row', { hasText: 'Answered Link School' });
    await answered.waitFor();
    await expect.poll(() => answered.locator('td.num').textContent()).toBe('1 (no cap)');

    await answered.getByRole('button', { name: /Change expiry or cap/ }).click();
    const form = page.locator('.edit-link');
    await form.waitFor();
    // A link with answers cannot be deleted, so no button offers it.
    expect(await form.getByRole('button', { name: 'Delete this link' }).count()).toBe(0);
    await form.getByRole('button', { name: 'End this link now' }).click();
    const confirm = form.locator('.confirm-box');
    await expect.poll(() => confirm.textContent()).toContain('End the link for Answered Link School (fictional, test) now?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('confirm-box');
    await expectNoAxeViolations(page, 'the links page asking to confirm ending a link');
    await page.screenshot({ path: join(screens, 'links-end-confirm-768.png'), fullPage: true });
    await form.getByRole('button', { name: 'Yes, end the link' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('has been ended');
    await expect.poll(() => answered.locator('.state').textContent()).toBe('Expired');
    const pub = await page.evaluate((t) => fetch(`/api/links/${t}`).then(async (r) => ({ status: r.status, body: await r.json() })), made.answered);
    expect(pub.status).toBe(410);

    const spare = page.locator('tr.link-row', { hasText: 'Spare Link School' });
    await spare.getByRole('button', { name: /Change expiry or cap/ }).click();
    await form.getByRole('button', { name: 'Delete this link' }).click();
    await expect.poll(() => confirm.textContent()).toContain('Delete the link for Spare Link School (fictional, test)? It has taken no answers.');
    // "No, keep it" leaves the link as it was.
    await form.getByRole('button', { name: 'No, keep it' }).click();
    expect(await confirm.count()).toBe(0);
    await form.getByRole('button', { name: 'Delete this link' }).click();
    await form.getByRole('button', { name: 'Yes, delete the link' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('The link for Spare Link School (fictional, test) was deleted.');
    await expect.poll(() => spare.count()).toBe(0);
    const gone = await page.evaluate((t) => fetch(`/api/links/${t}`).then((r) => r.status), made.spare);
    expect(gone).toBe(404);
    await expectNoAxeViolations(page, 'the links page after deleting a link');
    await page.close();
  });
});
