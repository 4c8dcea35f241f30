/**
 * Translations through the officer API on a real HTTP server and the test store (SQLite or
 * Postgres): download the sheet, upload it filled in → preview (nothing stored) → store (a new
 * version with the translations); a sheet with problems → 422 listing them, nothing stored. The
 * Welsh here is made up for the test.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../server/formats/xlsx.js';
import { surveyBySlug } from '../../../server/surveys/queries.js';
import { readSheet, sheetCsv } from '../../../server/surveys/translation-sheet.js';
import { translationStrings } from '../../../server/surveys/translation-strings.js';
import { signIn } from '../../helpers/officer.js';
import { responseCount, responseRow, validResident } from '../../helpers/respondent-fixtures.js';
import { testApp, testStore, withOpenWave } from '../../helpers/store.js';

const t = await testStore();
const { store } = t;
const app = testApp(store);
await withOpenWave(store, 'resident-safety', '2026');
const admin = await signIn(app, store, 'admin');
const viewer = await signIn(app, store, 'viewer');
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((r) => server.once('listening', () => r()));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await t.cleanup();
});

const path = '/api/officer/surveys/resident-safety/translations';
const upload = (suffix: string, body: string, who = admin, type = 'text/csv') =>
  fetch(`${base}${path}/${suffix}`, { method: 'POST', headers: { ...who, 'content-type': type }, body });
const stored = async () => (await surveyBySlug(store.db, 'resident-safety'))!;

/** The downloaded sheet with every translation filled in as "CY <English>" (tags and placeholders kept). */
async function filledSheet(): Promise<{ csv: string; count: number }> {
  const res = await fetch(`${base}${path}/cy/sheet.csv`, { headers: viewer });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toBe('attachment; filename="resident-safety-v1-cy.csv"');
  const sheet = readSheet(Buffer.from(await res.arrayBuffer()));
  expect(sheet.locale).toBe('cy');
  const rows = sheet.rows.map((r) => ({ id: r.id, english: r.english, translation: `CY ${r.english}` }));
  return { csv: sheetCsv(rows, 'cy'), count: rows.length };
}

describe('translation sheets over HTTP', () => {
  it('offers English only before any translation, and the sheet as XLSX with one row per string', async () => {
    const langs = await fetch(`${base}${path}`, { headers: viewer });
    expect(await langs.json()).toEqual({ languages: [{ code: 'en', name: 'English', demonstration: false }] });
    const res = await fetch(`${base}${path}/cy/sheet.xlsx`, { headers: viewer });
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const [sheet] = readXlsx(Buffer.from(await res.arrayBuffer()));
    const strings = translationStrings((await stored()).definition, 'cy');
    // notice, header, then one row per string
    expect(sheet.rows.length).toBe(strings.length + 2);
    expect(sheet.rows[1]).toEqual(['String id', 'English text', 'Translation (cy)']);
    expect(sheet.rows[2]).toEqual([strings[0].id, strings[0].english, '']);
  });

  it('refuses a sheet with a missing string and a stray id, listing both; nothing stored', async () => {
    const { csv } = await filledSheet();
    const lines = csv.split('\r\n');
    const dropped = lines[5].split(',')[0];
    const broken = [...lines.slice(0, 5), ...lines.slice(6, -1), 'q:no_such_question/title,Nothing,Dim'].join('\r\n');
    const res = await upload('cy/check', broken);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { missing: string[]; stray: string[]; empty: string[] };
    expect(body.missing).toEqual([dropped]);
    expect(body.stray).toEqual(['q:no_such_question/title']);
    expect(body.empty).toEqual([]);
    expect((await upload('cy', broken)).status).toBe(422);
    expect((await stored()).version).toBe(1);
  });

  it('previews a good sheet without storing it, then stores it as a new version the respondent page offers', async () => {
    const { csv, count } = await filledSheet();
    const preview = await upload('cy/check', csv);
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { strings: { id: string; english: string; translation: string; previous: string }[]; changed: number; version: number };
    expect(p.version).toBe(1);
    expect(p.changed).toBe(count);
    expect(p.strings.find((s) => s.id === 'q:safe_home/title')).toEqual({
      id: 'q:safe_home/title',
      english: 'How safe do you feel in your own home?',
      translation: 'CY How safe do you feel in your own home?',
      previous: '',
    });
    expect((await stored()).version).toBe(1);

    expect((await upload('cy', csv, viewer)).status).toBe(403);
    const res = await upload('cy', csv);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      slug: 'resident-safety',
      locale: 'cy',
      version: 2,
      changed: true,
      message: `Stored the Cymraeg translation of resident-safety (${count} strings) as version 2. Respondents can now choose Cymraeg.`,
    });
    const s = await stored();
    expect(s.version).toBe(2);
    expect(translationStrings(s.definition, 'cy').every((x) => x.translation === `CY ${x.english}`)).toBe(true);
    const pub = (await (await fetch(`${base}/api/surveys/resident-safety`)).json()) as { languages: unknown };
    expect(pub.languages).toEqual([
      { code: 'en', name: 'English', demonstration: false },
      { code: 'cy', name: 'Cymraeg', demonstration: false },
    ]);
    // The same sheet again changes nothing.
    expect(((await (await upload('cy', csv)).json()) as { version: number; changed: boolean }).changed).toBe(false);
    expect((await stored()).version).toBe(2);
  });

  it('stores the language a return was answered in, and refuses one the questionnaire does not offer', async () => {
    const send = (locale: string) =>
      fetch(`${base}/api/surveys/resident-safety/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: validResident(), locale }),
      });
    const ok = await send('cy');
    expect(ok.status).toBe(201);
    expect((await responseRow(store, ((await ok.json()) as { id: number }).id))?.locale).toBe('cy');
    const before = await responseCount(store);
    const refused = await send('fr');
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { error: string }).error).toBe(
      "'fr' is not a language this questionnaire is offered in ('en', 'cy'). Nothing was stored.",
    );
    expect(await responseCount(store)).toBe(before);
  });

  it('refuses a locale that is not a language code, and a body that is not CSV or XLSX', async () => {
    const bad = await upload('english!/check', 'x');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not a language to translate into/);
    expect((await upload('cy/check', '{}', admin, 'application/json')).status).toBe(415);
  });
});
