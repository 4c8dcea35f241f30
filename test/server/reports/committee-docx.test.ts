/**
 * The committee report as a Word document: downloaded from the API (real app, report workers,
 * the test store: SQLite or Postgres), unzipped, and word/document.xml read for heading styles, tables and images with
 * alt text; its section headings are the print copy's. A hand-built priority ranking is printed
 * in both copies, and nothing about priorities when there is none.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { recentAudit } from '../../../server/accounts/audit.js';
import { loadDemoIfEmpty } from '../../../server/demo/load.js';
import { readZip } from '../../../server/formats/zip.js';
import type { PriorityRanking } from '../../../server/reports/priority-ranking.js';
import { committeeReportModel } from '../../../server/reports/committee/build-model.js';
import { committeeReportDocx } from '../../../server/reports/committee/render-docx.js';
import { committeeReportHtml } from '../../../server/reports/committee/report-html.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await loadDemoIfEmpty(store);
const analyst = await signIn(app, EMAILS.analyst);
const viewer = await signIn(app, EMAILS.viewer);
const base = '/api/officer/surveys/resident-safety/waves/2026';

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
/** The text of each paragraph styled `style` in document.xml. */
function styled(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="([^"]+)"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)]
    .filter((m) => m[1] === style)
    .map((m) => decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')));
}
const htmlH2 = (html: string) => [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => decode(m[1].replace(/&#39;/g, "'")));
const documentXml = (bytes: Uint8Array) => readZip(Buffer.from(bytes)).get('word/document.xml')!.toString('utf8');

const RANKING: PriorityRanking = {
  year: '2026',
  criteria: [
    { key: 'harm', label: 'Harm', guidance: '1: little harm; 5: serious harm to people', weight: 2 },
    { key: 'volume', label: 'Volume', guidance: '1: rare; 5: very common', weight: 1 },
  ],
  rows: [
    {
      theme: 'asb',
      label: 'Anti-social behaviour (made-up test row)',
      rank: 1,
      score: 13,
      scores: { harm: 4, volume: 5 },
      evidence: ['Made-up evidence sentence A.'],
      scoredBy: null,
      scoredAt: null,
    },
    {
      theme: 'burglary',
      label: 'Burglary (made-up test row)',
      rank: null,
      score: null,
      scores: { harm: 3, volume: null },
      evidence: ['Made-up evidence sentence B.'],
      scoredBy: null,
      scoredAt: null,
    },
  ],
  method: 'Each criterion is scored 1 to 5 and multiplied by its weight; the products are added (a made-up method for this test).',
};

describe('committee-report.docx from the API', async () => {
  const res = await app.request(`${base}/committee-report.docx?by=sex&compareWave=2025`, { headers: analyst.headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const audit = (await recentAudit(store, 1))[0];
  const html = await (await app.request(`${base}/committee-report.html?by=sex&compareWave=2025`, { headers: analyst.headers })).text();

  it('is a Word file, saved under its name, and audited with its options', () => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-2026-committee-report.docx"');
    expect(audit).toMatchObject({
      action: 'export.committee-report-docx',
      details: { survey: 'resident-safety', wave: '2026', by: ['sex'], compareWave: '2025' },
    });
  });

  it('has the print copy’s section headings as real Heading 1 paragraphs, and a Title', () => {
    const xml = documentXml(bytes);
    expect(styled(xml, 'Title')).toEqual([decode(html.match(/<h1>([^<]*)<\/h1>/)![1])]);
    expect(styled(xml, 'Title')[0]).toMatch(/: 2026 results$/);
    // The contents' heading is Word's TOC Heading (left out of the table of contents); every other section's is a Heading 1.
    expect(styled(xml, 'TOCHeading')).toEqual(['Contents']);
    const h1 = styled(xml, 'Heading1');
    expect(['Contents', ...h1]).toEqual(htmlH2(html));
    expect(h1).toEqual(expect.arrayContaining(['Executive summary', 'Who replied', 'Technical annex: method', 'Technical annex: results by question']));
    expect(styled(xml, 'Heading2').length).toBe((html.match(/<h3>/g) ?? []).length);
  });

  it('has a real table of contents: a TOC field of the Heading 1 sections, filled in, that Word offers to update', () => {
    const zip = readZip(Buffer.from(bytes));
    const xml = zip.get('word/document.xml')!.toString('utf8');
    expect(xml).toContain('<w:docPartGallery w:val="Table of Contents"/>');
    expect(xml).toMatch(/<w:instrText[^>]*>\s*TOC \\h \\o &quot;1-1&quot;\s*<\/w:instrText>/);
    const toc = xml.slice(xml.indexOf('<w:sdt>'), xml.indexOf('</w:sdt>'));
    const entries = [...toc.matchAll(/<w:hyperlink [^>]*>(.*?)<\/w:hyperlink>/gs)].map((m) =>
      decode([...m[1].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).trim(),
    );
    expect(entries).toEqual(htmlH2(html).filter((h) => h !== 'Contents'));
    expect(zip.get('word/settings.xml')!.toString('utf8')).toMatch(/<w:updateFields(?: w:val="true")?\/>/);
  });

  it('has real tables, as many as the print copy, with a repeating header row', () => {
    const xml = documentXml(bytes);
    const tables = (xml.match(/<w:tbl>/g) ?? []).length;
    expect(tables).toBe((html.match(/<table>/g) ?? []).length);
    expect((xml.match(/<w:tblHeader\/>/g) ?? []).length).toBe(tables);
    // Columns sized by their words (equal columns broke "Rank" and "Vulnerability" mid-word), filling the A4 text width.
    const grids = [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    expect(grids).toHaveLength(tables);
    for (const g of grids) {
      const sum = g.reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(9026);
      expect(sum).toBeGreaterThan(9026 - g.length);
    }
    // Paragraphs have space after them, so they do not run into each other.
    expect(readZip(Buffer.from(bytes)).get('word/styles.xml')!.toString('utf8')).toMatch(/<w:pPrDefault><w:pPr><w:spacing w:after="120"\/>/);
  });

  it('has each chart as a PNG with alt text saying its values', () => {
    const zip = readZip(Buffer.from(bytes));
    const xml = zip.get('word/document.xml')!.toString('utf8');
    // Every image has alt text: the charts and maps theirs, each map key's swatch its label.
    expect([...xml.matchAll(/<wp:docPr [^>]*>/g)].filter((m) => !m[0].includes('descr="')).map((m) => m[0])).toEqual([]);
    const keys = [...xml.matchAll(/<wp:docPr [^>]*name="Map key" descr="([^"]*)"/g)].map((m) => decode(m[1]));
    expect(keys.length).toBe((html.match(/<span class="swatch/g) ?? []).length);
    for (const k of keys) expect(k).toMatch(/^Map key: .*: \d+ wards?$/);
    const descr = [...xml.matchAll(/<wp:docPr [^>]*name="Figure \d+" descr="([^"]*)"/g)].map((m) => decode(m[1]));
    const svgs = (html.match(/<svg class="chart"/g) ?? []).length;
    expect(descr.length).toBe(svgs + (html.includes('id="returns-ward-map"') ? 1 : 0));
    for (const d of descr) expect(d).toMatch(/\d+%|ward/);
    const pngs = [...zip.keys()].filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    // Besides the charts, each map key's swatch (one image per colour and hatching, shared by the maps).
    const swatches = new Set([...html.matchAll(/<span class="swatch( hatched)?" style="background-color: ([^"]+)"/g)].map((m) => m[0]));
    expect(swatches.size).toBeGreaterThanOrEqual(2);
    expect(pngs.length).toBe(descr.length + swatches.size);
    expect([...zip.get(pngs[0])!.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('is refused to a viewer, and a breakdown that does not exist is a 400 with nothing audited', async () => {
    expect((await app.request(`${base}/committee-report.docx`, { headers: viewer.headers })).status).toBe(403);
    const before = (await recentAudit(store, 1000)).filter((a) => a.action === 'export.committee-report-docx').length;
    const bad = await app.request(`${base}/committee-report.docx?by=no_such_question`, { headers: analyst.headers });
    expect(bad.status).toBe(400);
    expect((await recentAudit(store, 1000)).filter((a) => a.action === 'export.committee-report-docx').length).toBe(before);
  });
});

describe('the Priorities section', () => {
  const opts = { slug: 'resident-safety', wave: '2026' };
  it('prints the ranked table, the evidence and the method in HTML and in Word', { timeout: 120_000 }, async () => {
    const html = await committeeReportHtml(store, { ...opts, priorities: RANKING });
    expect(htmlH2(html)).toContain('Priorities');
    const section = html.match(/<section aria-labelledby="priorities">.*?<\/section>/s)![0];
    expect(section).toContain(
      '<tr><th scope="col">Rank</th><th scope="col">Theme</th><th scope="col">Score</th><th scope="col">Harm (weight 2)</th><th scope="col">Volume (weight 1)</th></tr>',
    );
    expect(section).toContain('<tr><td>1</td><th scope="row">Anti-social behaviour (made-up test row)</th><td>13.0</td><td>4</td><td>5</td></tr>');
    expect(section).toContain('<tr><td>not ranked</td><th scope="row">Burglary (made-up test row)</th><td>not scored</td><td>3</td><td>not scored</td></tr>');
    // The evidence follows the table, for the ranked themes only (a column of it ran over pages).
    expect(section).toContain('ranks 1 of 2 themes; rank 1 is the highest priority. One theme is not ranked');
    expect(section).toContain('<h3>1. Anti-social behaviour (made-up test row) (score 13.0): the evidence</h3><ul><li>Made-up evidence sentence A.</li></ul>');
    expect(section).not.toContain('Made-up evidence sentence B.');
    expect(section).toContain(RANKING.method);
    const xml = documentXml(await committeeReportDocx(await committeeReportModel(store, { ...opts, priorities: RANKING })));
    expect(['Contents', ...styled(xml, 'Heading1')]).toEqual(htmlH2(html));
    expect(xml).toContain('Made-up evidence sentence A.');
    // Rank, Theme, Score, Harm (weight 2), Volume (weight 1): the four-letter "Rank" column is at least 4 characters and margins wide.
    const grid = xml.slice(xml.indexOf('Priorities 2026: themes in rank order')).match(/<w:tblGrid>(.*?)<\/w:tblGrid>/)![1];
    expect(Number(grid.match(/w:w="(\d+)"/)![1])).toBeGreaterThanOrEqual(4 * 160 + 300);
    expect(xml).not.toContain('Made-up evidence sentence B.');
    expect(xml).toContain('(a made-up method for this test)');
  });

  it('prints nothing about priorities without a ranking', { timeout: 120_000 }, async () => {
    const html = await committeeReportHtml(store, { ...opts, priorities: null });
    expect(html).not.toContain('Priorities');
    const xml = documentXml(await committeeReportDocx(await committeeReportModel(store, opts)));
    expect(xml).not.toContain('Priorities');
  });
});
