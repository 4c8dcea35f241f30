/**
 * The words typed under "Other (please say)" (stored as `<question>-Comment`) leave in every
 * response export, in a column after all the others, so the promised column order is kept.
 * Through the production app on the test store (SQLite or Postgres), with a return sent as a respondent would.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { readXlsx } from '../../../server/formats/xlsx-read.js';
import { readZip } from '../../../server/formats/zip.js';
import { validResident } from '../../helpers/respondent-fixtures.js';
import { EMAILS, officerWorld, signIn } from '../../helpers/officer-world.js';
import { postJson, withOpenWave } from '../../helpers/store.js';

const world = await officerWorld();
afterAll(() => world.cleanup());
const { app, store } = world;
await withOpenWave(store, 'resident-safety', '2026');
const analyst = await signIn(app, EMAILS.analyst);
const base = '/api/officer/surveys/resident-safety/waves/2026';
const get = (path: string) => app.request(`${base}/${path}`, { headers: analyst.headers });

const OTHER = 'Behind the leisure centre, "after 9pm" (made up)';
const sent = await postJson(app, '/api/surveys/resident-safety/responses', {
  answers: { ...validResident(), unsafe_places: ['town_centre', 'other'], 'unsafe_places-Comment': OTHER },
});
const plain = await postJson(app, '/api/surveys/resident-safety/responses', { answers: validResident() });
const parseCsv = (text: string) => parse(text) as string[][];
const ids = [(await sent.json()).id as number, (await plain.json()).id as number];

/** The columns the CSV export has promised, in order, before the typed text (README: exports). */
const LEADING = ['id', 'wave', 'link', 'created_at', 'status', 'source', 'synthetic', 'survey_version', 'design_weight', 'weight'];

describe('the "other, please say" text in the exports', () => {
  it('the return was stored with its text', () => {
    expect([sent.status, plain.status]).toEqual([201, 201]);
  });

  it('CSV: unsafe_places_other_text is the last column, after last_page_reached and language', async () => {
    const res = await get('responses.csv');
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(await res.text());
    expect(header.slice(0, LEADING.length)).toEqual(LEADING);
    expect(header.slice(-3)).toEqual(['last_page_reached', 'language', 'unsafe_places_other_text']);
    const byId = new Map(rows.map((r) => [Number(r[0]), r.at(-1)]));
    expect(byId.get(ids[0])).toBe(OTHER);
    expect(byId.get(ids[1])).toBe('');
  });

  it('XLSX: the same last column and text', async () => {
    const res = await get('responses.xlsx');
    expect(res.status).toBe(200);
    const [sheet] = readXlsx(Buffer.from(await res.arrayBuffer()));
    const headerAt = sheet.rows.findIndex((r) => r[0] === 'id');
    const header = sheet.rows[headerAt].map(String);
    expect(header.slice(0, LEADING.length)).toEqual(LEADING);
    expect(header.at(-1)).toBe('unsafe_places_other_text');
    const row = sheet.rows.slice(headerAt + 1).find((r) => Number(r[0]) === ids[0])!;
    expect(row[header.length - 1]).toBe(OTHER);
  });

  it('SPSS: a string variable named and labelled, holding the text', async () => {
    const res = await get('responses.sav');
    expect(res.status).toBe(200);
    const text = Buffer.from(await res.arrayBuffer()).toString('utf8');
    // The long-names record keeps the name as written (SHORT=long_name).
    expect(text).toMatch(/=unsafe_places_other_text\b/);
    expect(text).toContain('Which places in Maidstone borough do you feel unsafe in?: Somewhere else (please say where) (in their own words)');
    expect(text).toContain(OTHER);
  });

  it('R: the last column of responses.csv, read as text by labels.R', async () => {
    const res = await get('responses-r.zip');
    expect(res.status).toBe(200);
    const files = readZip(Buffer.from(await res.arrayBuffer()));
    const [header, ...rows] = parseCsv(files.get('responses.csv')!.toString('utf8'));
    expect(header.slice(0, 3)).toEqual(['id', 'wave', 'link']);
    expect(header.slice(-2)).toEqual(['last_page_reached', 'unsafe_places_other_text']);
    expect(new Map(rows.map((r) => [Number(r[0]), r.at(-1)])).get(ids[0])).toBe(OTHER);
    expect(files.get('labels.R')!.toString('utf8')).toContain('"unsafe_places_other_text" = "character"');
  });
});
