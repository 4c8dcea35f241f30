/**
 * A translation goes through the questionnaire HTML allow-list (server/surveys/sanitise-html.ts)
 * like the English: a sheet that adds a script or a meta refresh to an HTML string is refused (its
 * tags differ from the English), and a questionnaire stored before the allow-list, whose English
 * HTML still carries a script the sheet keeps, is stored and previewed with the script removed
 * from both languages. The questionnaire and its Welsh are MADE UP for the test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { insertSurvey, surveyBySlug } from '../../../server/surveys/queries.js';
import { readSheet, sheetCsv } from '../../../server/surveys/translation-sheet.js';
import { signIn } from '../../helpers/officer.js';
import { testApp, testStore } from '../../helpers/store.js';

const t = await testStore();
afterAll(() => t.cleanup());
const { store } = t;
const app = testApp(store);
const admin = await signIn(app, store, 'admin');

const SCRIPT = '<script>steal()</script>';
const REFRESH = '<meta http-equiv="refresh" content="0; url=https://evil.example/">';
const legacy = {
  title: 'Old questionnaire (made up, test)',
  completedHtml: `<p>Thank you.</p>${SCRIPT}`,
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html: '<p>About this survey.</p>' },
        { type: 'comment', name: 'say', title: 'Anything else?' },
      ],
    },
  ],
};
// Stored as a questionnaire added before the allow-list was: its English HTML not cleaned.
await insertSurvey(store.db, { slug: 'old-html', title: legacy.title, audience: 'resident', definition: legacy, metadata: null });

const path = '/api/officer/surveys/old-html/translations/cy';
const send = (suffix: string, csv: string) => app.request(`${path}${suffix}`, { method: 'POST', headers: { ...admin, 'content-type': 'text/csv' }, body: csv });

/** The downloaded sheet with each translation given by `welsh` (by id). */
async function sheet(welsh: Record<string, string>): Promise<string> {
  const res = await app.request(`${path}/sheet.csv`, { headers: admin });
  expect(res.status).toBe(200);
  const rows = readSheet(Buffer.from(await res.arrayBuffer())).rows;
  expect(rows.map((r) => r.id)).toEqual(['survey/title', 'survey/completedHtml', 'q:intro/html', 'q:say/title']);
  return sheetCsv(
    rows.map((r) => ({ id: r.id, english: r.english, translation: welsh[r.id] })),
    'cy',
  );
}

const WELSH = {
  'survey/title': 'Hen holiadur (gwnaed i fyny)',
  'survey/completedHtml': `<p>Diolch.</p>${SCRIPT}`,
  'q:intro/html': '<p>Am yr arolwg hwn.</p>',
  'q:say/title': 'Unrhyw beth arall?',
};

describe('translated HTML through the allow-list', () => {
  it('refuses a sheet that adds a script or a meta refresh to an HTML string; nothing stored', async () => {
    for (const bad of [SCRIPT, REFRESH]) {
      const csv = await sheet({ ...WELSH, 'q:intro/html': `<p>Am yr arolwg hwn.</p>${bad}` });
      for (const suffix of ['/check', '']) {
        const res = await send(suffix, csv);
        expect(res.status).toBe(422);
        const body = (await res.json()) as { problems: string[] };
        expect(body.problems).toEqual(['Keep the HTML tags and {placeholders} of the English, exactly as written, in: q:intro/html.']);
      }
    }
    expect((await surveyBySlug(store.db, 'old-html'))!.version).toBe(1);
  });

  it('stores and previews a translation with the script of the English HTML removed from both languages', async () => {
    const csv = await sheet(WELSH);
    const check = await send('/check', csv);
    expect(check.status).toBe(200);
    const preview = (await check.json()) as { definition: { completedHtml: unknown } };
    expect(preview.definition.completedHtml).toEqual({ default: '<p>Thank you.</p>', cy: '<p>Diolch.</p>' });

    const res = await send('', csv);
    expect(res.status).toBe(200);
    const saved = (await surveyBySlug(store.db, 'old-html'))!;
    expect(saved.version).toBe(2);
    const definition = saved.definition as typeof legacy & { completedHtml: unknown; pages: { elements: { html?: unknown }[] }[] };
    expect(definition.completedHtml).toEqual({ default: '<p>Thank you.</p>', cy: '<p>Diolch.</p>' });
    expect(definition.pages[0].elements[0].html).toEqual({ default: '<p>About this survey.</p>', cy: '<p>Am yr arolwg hwn.</p>' });
    expect(JSON.stringify(saved.definition)).not.toContain('<script');
  });
});
