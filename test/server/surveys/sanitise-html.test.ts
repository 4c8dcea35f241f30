/**
 * Questionnaire HTML on the respondent page goes through the allow-list (server/surveys/sanitise-html.ts):
 * on upload (stored clean, with a warning saying what was removed) and when served (a questionnaire
 * stored before the check is served clean). The hostile questionnaire below is MADE UP for the test.
 */
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { first, tablesOf } from '../../../server/store/dialect.js';
import { createWave, setWaveStatus } from '../../../server/surveys/manage.js';
import { insertSurvey } from '../../../server/surveys/queries.js';
import { sanitiseHtml } from '../../../server/surveys/sanitise-html.js';
import { loadBundledSurveys } from '../../../surveys/metadata.js';
import { signIn } from '../../helpers/officer.js';
import { postJson, testApp, testStore } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');

const REFRESH = '<meta http-equiv="refresh" content="0; url=https://evil.example/">';
const hostile = {
  title: 'Hostile HTML (made up, test)',
  completedHtml: `<h3>Thanks</h3>${REFRESH}<p>Call <a href="tel:101">101</a>.</p>`,
  completedBeforeHtml: { default: '<p onclick="steal()">Done already</p>', cy: '<script>steal()</script><p>Wedi gwneud</p>' },
  loadingHtml: '<iframe src="https://evil.example/"></iframe><p>Loading…</p>',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html: '<img src="x" onerror="alert(1)"><p>Welcome, <a href="javascript:alert(1)">start</a></p>' },
        { type: 'panel', name: 'box', elements: [{ type: 'html', name: 'deep', html: '<style>body{display:none}</style><b>Bold</b>' }] },
        { type: 'text', name: 'q1', title: 'Anything to add?' },
      ],
    },
  ],
};

/** What the cleaned questionnaire must hold: written out by hand from the allow-list. */
const clean = {
  completedHtml: '<h3>Thanks</h3><p>Call <a href="tel:101">101</a>.</p>',
  completedBeforeHtml: { default: '<p>Done already</p>', cy: '<p>Wedi gwneud</p>' },
  loadingHtml: '<p>Loading…</p>',
  intro: '<img src="x" /><p>Welcome, <a>start</a></p>',
  deep: '<b>Bold</b>',
};

type Definition = typeof hostile & { pages: { elements: { html?: string; elements?: { html: string }[] }[] }[] };
const parts = (d: Definition) => ({
  completedHtml: d.completedHtml,
  completedBeforeHtml: d.completedBeforeHtml,
  loadingHtml: d.loadingHtml,
  intro: d.pages[0].elements[0].html,
  deep: d.pages[0].elements[1].elements![0].html,
});

describe('the allow-list', () => {
  it('keeps formatting and http, https, mailto and tel links; drops scripts, meta, iframes, styles, handlers and other schemes', () => {
    expect(sanitiseHtml(`${REFRESH}<p>Hi</p>`)).toBe('<p>Hi</p>');
    expect(sanitiseHtml('<img src="x" onerror="alert(1)">')).toBe('<img src="x" />');
    expect(sanitiseHtml('<a href="https://a.example/" target="_blank">a</a>')).toBe(
      '<a href="https://a.example/" target="_blank" rel="noopener noreferrer">a</a>',
    );
    expect(sanitiseHtml('<a href="mailto:x@y.example">m</a><a href="data:text/html,x">d</a>')).toBe('<a href="mailto:x@y.example">m</a><a>d</a>');
    expect(sanitiseHtml('<svg onload="x()"></svg><object data="x"></object><form action="https://evil.example/"><input></form>ok')).toBe('ok');
  });

  it('leaves the bundled questionnaires exactly as they are', () => {
    for (const b of loadBundledSurveys()) {
      const html = (b.definition as { completedHtml: string }).completedHtml;
      expect(sanitiseHtml(html), b.slug).toBe(html);
    }
  });
});

describe('on upload', () => {
  it('the check warns what was removed, and the upload stores the questionnaire clean', async () => {
    const check = await postJson(app, '/api/officer/surveys/check', { slug: 'hostile', definition: hostile }, admin);
    expect(check.status).toBe(200);
    const { warnings } = (await check.json()) as { warnings: string[] };
    expect(warnings).toContain(
      "Some HTML was removed because respondents' browsers would run or follow it (scripts, styles, frames, event handlers, or links that are not http, https, mailto or tel): question 'intro', question 'deep', completedHtml, completedBeforeHtml, loadingHtml.",
    );
    const res = await postJson(app, '/api/officer/surveys', { slug: 'hostile', audience: 'resident', definition: hostile }, admin);
    expect(res.status).toBe(201);
    const { surveys } = tablesOf(store.db);
    const row = (await first(store.db.select().from(surveys).where(eq(surveys.slug, 'hostile'))))!;
    expect(parts(row.definition as Definition)).toEqual(clean);
    // Sending the same file again changes nothing (it compares the cleaned form).
    const again = await postJson(app, '/api/officer/surveys/check', { slug: 'hostile', definition: hostile }, admin);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('unchanged');
  });
});

describe('when served', () => {
  it('a questionnaire stored before the check reaches respondents clean', async () => {
    await insertSurvey(store.db, { slug: 'old-hostile', title: 'Old hostile (made up, test)', audience: 'resident', definition: hostile, metadata: null });
    await createWave(store.db, 'old-hostile', '2026');
    await setWaveStatus(store.db, 'old-hostile', '2026', 'open');
    const res = await app.request('/api/surveys/old-hostile');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { definition: Definition };
    expect(parts(body.definition)).toEqual(clean);
    const text = JSON.stringify(body);
    for (const bad of ['http-equiv', 'onerror', 'onclick', '<script', '<iframe', '<style', 'javascript:']) expect(text).not.toContain(bad);
    const preview = await app.request('/api/officer/surveys/old-hostile/definition', { headers: admin });
    expect(parts(((await preview.json()) as { definition: Definition }).definition)).toEqual(clean);
  });
});
