/**
 * The rebuilt committee report on the demo wave (the test store, SQLite or Postgres, demo data, the bundled real
 * police.uk month): its sections in order, plain English in the body, who replied against the
 * population (shares worked out here from the stored rows), fieldwork dates, no background question
 * reported by another, no empty suppressed rows, and the Word copy with the same headings, the
 * title page and the logo with its alt text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { importCrimeFiles } from '../../../server/crime/import.js';
import { DEMO_CRIME_FILE, loadDemoCrimeIfEmpty, loadDemoIfEmpty } from '../../../server/demo/load.js';
import { readZip } from '../../../server/formats/zip.js';
import { committeeReportModel } from '../../../server/reports/committee/build-model.js';
import { committeeReportDocx } from '../../../server/reports/committee/render-docx.js';
import { committeeReportHtml } from '../../../server/reports/committee/report-html.js';
import { removeCouncilLogo, setCouncilLogo } from '../../../server/settings/settings.js';
import { loadBundledSurveys } from '../../../surveys/metadata.js';
import { and, eq, isNotNull } from 'drizzle-orm';
import { tablesOf } from '../../../server/store/dialect.js';
import { testStore } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
await loadDemoIfEmpty(t.store);
await loadDemoCrimeIfEmpty(t.store);
const opts = { slug: 'resident-safety', wave: '2026', by: ['sex', 'age_band'], compareWave: '2025' };
const html = await committeeReportHtml(t.store, opts);
const body = html.slice(0, html.indexOf('class="annex"'));
const annex = html.slice(html.indexOf('class="annex"'));

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const h2 = (s: string) => [...s.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => decode(m[1]));
const section = (id: string) => html.match(new RegExp(`<section aria-labelledby="${id}"[^>]*>.*?</section>`, 's'))?.[0] ?? '';
/** A table's body rows as arrays of cell texts, found by the start of its caption. */
function rowsOf(s: string, caption: string): string[][] {
  const i = s.indexOf(`<caption>${caption}`);
  expect(i, caption).toBeGreaterThan(-1);
  const table = s.slice(i, s.indexOf('</table>', i));
  return [...table.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)]
    .slice(1)
    .map((r) => [...r[1].matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => decode(c[1].replace(/<[^>]+>/g, ''))));
}
const pct1 = (x: number) => `${(x * 100).toFixed(1)}%`;

const BODY = [
  'Contents',
  'Executive summary',
  'How the survey was done',
  'Who replied',
  'Who replied, by ward',
  'How precise the figures are',
  'Feeling safe',
  'Worry about crime',
  'Feelings beside recorded crime',
];
const ANNEX = [
  'Technical annex: method',
  'Technical annex: who replied, by ward',
  'Technical annex: results by question',
  'Technical annex: differences between groups',
];

describe('the committee report’s sections', () => {
  it('has a title page with the partnership’s name, the wave, the date and the demo notice, then the sections in order', () => {
    const title = html.slice(html.indexOf('<header class="title-page">'), html.indexOf('</header>'));
    expect(title).toContain('<p class="partnership">Demo Borough Council (made-up)</p>');
    const today = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(title).toContain(`Wave 2026 · ${today}`);
    expect(title).toMatch(/SYNTHETIC demo data/);
    expect(h2(html)).toEqual([...BODY, ...ANNEX]);
    expect(h2(annex)).toEqual(ANNEX);
  });

  it('links every section from the contents', () => {
    const links = [...section('contents').matchAll(/<li><a href="#([^"]+)">([^<]*)<\/a><\/li>/g)].map((m) => [m[1], decode(m[2])]);
    expect(links.map((l) => l[1])).toEqual([...BODY.slice(1), ...ANNEX]);
    for (const [id] of links) expect(html).toContain(`<h2 id="${id}"`);
  });

  it('keeps technical words out of the body; the annex holds them', () => {
    for (const word of ['Kish', 'logit', 'svyciprop', 'Rao–Scott', 'Benjamini']) expect(body, word).not.toContain(word);
    expect(annex).toContain('Kish');
    expect(annex).toContain('svyciprop');
  });

  it('opens the executive summary with perception beside crime, then findings, one per question, then the replies', () => {
    const paras = [...section('summary').matchAll(/<p>(.*?)<\/p>/g)].map((m) => decode(m[1]));
    expect(paras.length).toBeGreaterThanOrEqual(5);
    expect(paras.length).toBeLessThanOrEqual(8);
    expect(paras[0]).toMatch(
      /^Across 26 wards, the share of residents answering “unsafe” \(56% overall\) does not clearly follow the recorded rate of crime of all types/,
    );
    expect(paras[1]).toBe('Fewer residents feel safe in their local area after dark than in 2025: 27% vs 36% (significant).');
    // The "unsafe" side of the same change is not said again.
    expect(paras.join(' ')).not.toContain('More residents feel unsafe in their local area after dark');
    expect(paras.at(-1)).toBe(
      'These results come from 2,155 residents who replied, weighted so that they match the population; 3 groups were under-represented among the replies (see “Who replied”).',
    );
  });

  it('gives the fieldwork dates, how people replied and the self-selected sample caveat', async () => {
    const days = (await t.sql.get<{ first: string; last: string; n: number }>(
      "select min(substr(r.created_at, 1, 10)) as first, max(substr(r.created_at, 1, 10)) as last, count(*) as n from responses r join waves w on w.id = r.wave_id join surveys s on s.id = w.survey_id where s.slug = 'resident-safety' and w.name = '2026' and r.status = 'complete'",
    ))!;
    const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const s = decode(section('how-done'));
    expect(s).toContain(`Complete replies arrived between ${day(days.first)} and ${day(days.last)}.`);
    expect(days.n).toBe(2200);
    expect(rowsOf(section('how-done'), 'How the complete replies arrived')).toEqual([['made-up demo returns (no real person)', '2,200', '100.0%']]);
    expect(s).toContain('No school links were given out for this wave.');
    expect(s).toContain('this is a self-selected sample, not a random one');
  });

  it('sets who replied beside the population, flagging groups below 0.8 of their share, and says the rule', async () => {
    const pop = await t.sql.all<{ a: string; n: number }>(
      "select age_band as a, sum(count) as n from population where sex != '*' and age_band != '*' group by age_band order by age_band",
    );
    // The age band of each weighted complete reply, counted here (answers are JSON on either store).
    const { responses, surveys, waves } = tablesOf(t.store.db);
    const answered = await t.store.db
      .select({ answers: responses.answers })
      .from(responses)
      .innerJoin(waves, eq(waves.id, responses.waveId))
      .innerJoin(surveys, eq(surveys.id, waves.surveyId))
      .where(and(eq(surveys.slug, 'resident-safety'), eq(waves.name, '2026'), eq(responses.status, 'complete'), isNotNull(responses.weight)));
    const byBand = new Map<string, number>();
    for (const r of answered) byBand.set(String(r.answers.age_band), (byBand.get(String(r.answers.age_band)) ?? 0) + 1);
    const replies = [...byBand].map(([a, n]) => ({ a, n }));
    const popTotal = pop.reduce((x, r) => x + r.n, 0);
    const repTotal = replies.reduce((x, r) => x + r.n, 0);
    expect(repTotal).toBe(2155);
    const rows = rowsOf(section('who-replied'), 'Table 2. Who replied by age band');
    expect(rows.length).toBe(7);
    pop.forEach((p, i) => {
      const sample = (replies.find((r) => r.a === p.a)?.n ?? 0) / repTotal;
      const share = p.n / popTotal;
      expect(rows[i][1]).toBe(pct1(share));
      expect(rows[i][2]).toBe(pct1(sample));
      // Raking sets the weighted margin to the population's.
      expect(rows[i][3]).toBe(pct1(share));
      expect(rows[i][4]).toBe(sample < 0.8 * share ? 'Under-represented' : 'No');
    });
    expect(rows.filter((r) => r[4] === 'Under-represented').map((r) => r[0])).toEqual(['18 to 24', '25 to 34', '35 to 44']);
    expect(section('who-replied')).toContain('less than 0.8 times its share of the population');
    const ethnicity = rowsOf(section('who-replied'), 'Table 3. Who replied by ethnicity');
    expect(ethnicity.map((r) => [r[0], r[1], r[4]])).toEqual([
      ['White', 'no figure', 'not known'],
      ['Black, Asian, Mixed and other ethnic groups', 'no figure', 'not known'],
    ]);
  });

  it('says the margin of error in words', () => {
    // Demo resident 2026: effective n ≈ 1438 → 1.96 × √(0.25 / 1438) ≈ 0.0258.
    expect(decode(section('precision'))).toContain(
      'For a figure of about 50% from all 2,155 replies, the true figure is likely to be within ±2.6 percentage points of it (we can be 95% confident it lies between 47.4% and 52.6%).',
    );
  });

  it('sets feelings beside recorded crime with two ward maps, and says why there are no SPC charts on one month of crime', () => {
    const s = section('perception');
    expect(s).toContain('<figure class="ward-map" id="perception-worry-map">');
    expect(s).toContain('<figure class="ward-map" id="perception-crime-map">');
    expect((s.match(/<g><title>/g) ?? []).length).toBe(52);
    expect(decode(s)).toContain('The crime types residents worry about most are Drugs, Anti-social behaviour, Public order.');
    expect(decode(s)).toContain('The control charts cannot be drawn yet. Only 1 month of recorded crime is stored (January 2019)');
  });

  it('never reports a background question as a result, by a breakdown or at all', () => {
    const survey = loadBundledSurveys().find((b) => b.slug === 'resident-safety')!;
    const background = survey.metadata.questions.filter((q) => /^(demographic|household)\./.test(q.construct)).map((q) => q.name);
    expect(background).toEqual(expect.arrayContaining(['sex', 'age_band', 'ethnicity', 'has_car']));
    const titles = new Map<string, string>();
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') {
        const o = x as Record<string, unknown>;
        if (typeof o.name === 'string' && typeof o.title === 'string') titles.set(o.name, o.title);
        Object.values(o).forEach(walk);
      }
    };
    walk(survey.definition);
    const captions = [...html.matchAll(/<caption>([^<]*)<\/caption>/g)].map((m) => decode(m[1]));
    const headings = [...html.matchAll(/<h3>([^<]*)<\/h3>/g)].map((m) => decode(m[1]));
    for (const q of background) {
      const title = titles.get(q)!;
      expect(title, q).toBeTruthy();
      expect(
        captions.filter((c) => c.includes(title)),
        q,
      ).toEqual([]);
      expect(headings, q).not.toContain(title);
    }
  });

  it('prints a rank correlation that rounds to zero as 0.00, never -0.00', () => {
    // The demo's drugs item has a Spearman's rho just below 0, which toFixed(2) printed as -0.00.
    expect(html).not.toContain('-0.00');
    expect(html).toMatch(/No clear link \(rank correlation 0\.00 over 26 wards\)/);
  });

  it('prints no empty suppressed rows', () => {
    expect(html).not.toMatch(/suppressed —/);
    expect(html).not.toMatch(/<td colspan/);
  });
});

describe('the Word copy', async () => {
  const xml = readZip(Buffer.from(await committeeReportDocx(await committeeReportModel(t.store, opts))))
    .get('word/document.xml')!
    .toString('utf8');
  const styled = (style: string) =>
    [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="([^"]+)"\/>(?:(?!<\/w:p>).)*<\/w:p>/gs)]
      .filter((m) => m[1] === style)
      .map((m) => decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join('')));

  it('has the same section headings as Heading 1, the contents and the title page', () => {
    // The contents: Word's TOC Heading, then a table of contents listing every other section.
    expect([...styled('TOCHeading'), ...styled('Heading1')]).toEqual([...BODY, ...ANNEX]);
    expect(styled('Title')).toEqual(['Maidstone Community Safety Survey: 2026 results']);
    expect(xml).toContain('Demo Borough Council (made-up)');
    expect(styled('TOC1')).toEqual([...BODY, ...ANNEX].slice(1));
  });

  it('has the ward maps and charts as images with alt text, and the tables', () => {
    const descr = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => decode(m[1]));
    expect(descr.filter((d) => d.includes('share answering “unsafe” in each ward'))).toHaveLength(1);
    expect(descr.filter((d) => d.startsWith('Recorded crime of all types'))).toHaveLength(1);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe((html.match(/<table>/g) ?? []).length);
  });
});

describe('the logo', () => {
  it('is on the title page of both copies, with its alt text, once an admin has set it', { timeout: 120_000 }, async () => {
    const png = new Resvg('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1f5f99"/></svg>')
      .render()
      .asPng();
    await setCouncilLogo(t.store, Buffer.from(png), 'image/png', { now: new Date() });
    try {
      const withLogo = await committeeReportHtml(t.store, { slug: 'resident-safety', wave: '2026' });
      expect(withLogo).toContain(
        `<img class="logo" src="data:image/png;base64,${Buffer.from(png).toString('base64')}" alt="Demo Borough Council (made-up) logo">`,
      );
      const xml = readZip(Buffer.from(await committeeReportDocx(await committeeReportModel(t.store, { slug: 'resident-safety', wave: '2026' }))))
        .get('word/document.xml')!
        .toString('utf8');
      expect(xml).toMatch(/<wp:docPr [^>]*descr="Demo Borough Council \(made-up\) logo"/);
    } finally {
      await removeCouncilLogo(t.store, { now: new Date() });
    }
  });
});

describe('the SPC charts', () => {
  it('are drawn for the three most-worried-about crime types once two months are stored', { timeout: 180_000 }, async () => {
    const t2 = await testStore();
    try {
      await loadDemoIfEmpty(t2.store);
      // The demo month again as February 2019 (a made-up second month for this test only).
      const feb = join(t2.dir, 'feb.csv');
      writeFileSync(feb, readFileSync(DEMO_CRIME_FILE, 'utf8').replace(/,2019-01,/g, ',2019-02,'));
      await importCrimeFiles(t2.store, [DEMO_CRIME_FILE, feb]);
      const doc = await committeeReportModel(t2.store, { slug: 'resident-safety', wave: '2026' });
      const figures = doc.sections.find((x) => x.id === 'perception')!.blocks.filter((b) => b.kind === 'figure' && b.svg.includes('id="spc-'));
      expect(figures.map((f) => (f.kind === 'figure' ? f.caption : ''))).toEqual(
        ['Drugs', 'Anti-social behaviour', 'Public order'].map((c) => `${c}: recorded crimes each month, with the mean and process limits`),
      );
      const drugs = await t2.sql.all<{ month: string; n: number }>(
        "select month, sum(count) as n from crime where crime_type = 'Drugs' group by month order by month",
      );
      expect(drugs.map((d) => d.month)).toEqual(['2019-01', '2019-02']);
      expect(drugs[0].n).toBe(drugs[1].n);
      const alt = figures[0].kind === 'figure' ? figures[0].alt : '';
      expect(alt).toContain(
        `Monthly recorded drugs from January 2019 to February 2019: January 2019 ${drugs[0].n}, February 2019 ${drugs[1].n}. Mean ${drugs[0].n.toFixed(1)} a month`,
      );
      expect(alt).toContain('No month shows a signal');
    } finally {
      await t2.cleanup();
    }
  });
});
