/**
 * The SPSS file and the R bundle, as R reads them. test/fixtures/r/formats/files.ts makes both from
 * input.json (made-up responses); read.R reads them in R and wrote sav.json and r.json. Here the files
 * are made again (they must be the committed ones, so what R read is what we write) and what R read is
 * checked against input.json: names, the question wording, choice texts and every value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip } from '../../../server/formats/zip.js';
import { SYNTHETIC_ROW_MARK } from '../../../server/notices.js';
import { fixtureFiles, here, input } from '../../fixtures/r/formats/files.js';

interface SavVariable {
  name: string;
  label: string;
  format: string;
  value_labels: { value: number; label: string }[] | null;
  values: (number | string | null)[];
}
interface RColumn {
  name: string;
  class: string;
  label: string;
  levels: string[] | null;
  values: (number | string | null)[];
}
const sav = JSON.parse(readFileSync(join(here, 'sav.json'), 'utf8')) as { file_label: string; variables: SavVariable[] };
const r = JSON.parse(readFileSync(join(here, 'r.json'), 'utf8')) as { files: string[]; columns: RColumn[] };
const made = fixtureFiles();

const answers = (q: string) => input.rows.map((row) => row.answers[q] ?? null);
const long = String(input.rows[2].answers.comments);

/** Each variable, in order, with the wording it must carry (from input.json's questionnaire). */
const LABELS: [name: string, label: string][] = [
  ['id', 'Response number'],
  ['wave', 'Survey wave'],
  ['link', 'Link it came through (school or channel)'],
  ['created_at', 'Received (UTC)'],
  ['status', 'Complete or partial (unfinished) return'],
  ['source', 'How it came in (online, paper, import, demo)'],
  ['synthetic', 'Synthetic demo data (made up, not a real reply)'],
  ['survey_version', 'Questionnaire version answered'],
  ['design_weight', 'Design weight'],
  ['weight', 'Analysis weight (design weight calibrated to the population)'],
  // 'safe-home' is no SPSS name; its page's description is the stem of its title.
  ['safe_home', 'How safe do you feel in: your own home'],
  ['unsafe_places_park', 'Where do you feel unsafe?: Parks'],
  ['unsafe_places_town_centre', 'Where do you feel unsafe?: The town centre'],
  ['unsafe_places_other', 'Where do you feel unsafe?: Somewhere else (please say where)'],
  // 'by' is an SPSS reserved word.
  ['by_', 'Have you been a victim of crime in the last 12 months?'],
  ['confidence', 'How confident are you in the police (1 = not at all, 5 = very)?'],
  ['household', 'Adults in your household'],
  ['comments', 'Anything else you’d like to tell us?'],
  ['age', 'Your age in years'],
  ['last_page_reached', 'Page an unfinished return last reached (1 = the first)'],
  // The words typed under "other": after every other column, so the earlier ones keep their places.
  ['unsafe_places_other_text', 'Where do you feel unsafe?: Somewhere else (please say where) (in their own words)'],
];
const OTHER_TEXT = 'By the canal, after dark (made up)';

const real = 'Real response';
/** Each response's answer as its text, from input.json's rows and choices (null: not answered). */
const DECODED: Record<string, (string | number | null)[]> = {
  id: [1, 2, 3, 4],
  wave: ['2026', '2026', '2026', '2026'],
  created_at: input.rows.map((row) => row.createdAt),
  status: ['complete', 'partial', 'complete', 'complete'],
  synthetic: [real, real, SYNTHETIC_ROW_MARK, real],
  design_weight: [1, 1, 1, 2.5],
  weight: [1.25, null, 0.75, 2],
  // 'quite_safe' is no longer an option: kept, labelled with itself.
  safe_home: ['Very safe', "Don't know", 'quite_safe', 'Unsafe – at times'],
  unsafe_places_park: ['Selected', null, 'Not selected', 'Not selected'],
  unsafe_places_town_centre: ['Not selected', null, 'Not selected', 'Selected'],
  unsafe_places_other: ['Selected', null, 'Not selected', 'Not selected'],
  by_: ['Yes', null, 'No', null],
  confidence: ['4', null, '1', null],
  household: ['3 or more', null, '1', '2'],
  age: [34, null, 70, null],
  last_page_reached: [null, 1, null, null],
};

describe('the committed files are what the export writes', () => {
  it('SPSS: the same bytes', () => {
    expect(made.sav.equals(readFileSync(join(here, 'responses.sav')))).toBe(true);
  });

  it('R bundle: the same files (compared unzipped: deflate may differ between zlib versions)', () => {
    const committed = readZip(readFileSync(join(here, 'responses-r.zip')));
    const now = readZip(made.zip);
    expect([...now.keys()]).toEqual(['README.txt', 'labels.R', 'responses.csv']);
    for (const [name, data] of now) expect(data.equals(committed.get(name)!), name).toBe(true);
  });
});

describe('haven::read_sav reads the SPSS file as the responses', () => {
  const byName = new Map(sav.variables.map((v) => [v.name, v]));
  const decode = (v: SavVariable) => v.values.map((x) => (x === null ? null : (v.value_labels?.find((l) => l.value === x)?.label ?? x)));

  it('has every variable, named and labelled with the wording', () => {
    expect(sav.variables.map((v) => [v.name, v.label])).toEqual(LABELS);
    expect(sav.file_label).toMatch(/SYNTHETIC demo data/);
  });

  it('labels every option, in questionnaire order, then extra items, then values no longer listed', () => {
    expect(byName.get('safe_home')!.value_labels).toEqual([
      { value: 1, label: 'Very safe' },
      { value: 2, label: 'Fairly safe' },
      { value: 3, label: 'Unsafe – at times' },
      { value: 4, label: "Don't know" },
      { value: 5, label: 'quite_safe' },
    ]);
    // Numeric options keep their numbers.
    expect(byName.get('household')!.value_labels).toEqual([
      { value: 1, label: '1' },
      { value: 2, label: '2' },
      { value: 3, label: '3 or more' },
    ]);
  });

  it.each(Object.keys(DECODED))('%s: every value', (name) => {
    expect(decode(byName.get(name)!)).toEqual(DECODED[name]);
  });

  it('keeps text whole: quotes, commas, line breaks, formula-like text, 320 bytes of UTF-8 (a very long string)', () => {
    expect(Buffer.byteLength(long)).toBe(320);
    expect(byName.get('comments')!.format).toBe('A320');
    // A string not answered is blank in SPSS.
    expect(byName.get('comments')!.values).toEqual(answers('comments').map((a) => a ?? ''));
    expect(byName.get('link')!.values).toEqual(['Test school (made up)', '', '', '']);
    expect(byName.get('created_at')!.format).toBe('DATETIME20');
  });

  it('carries the "other, please say" text as a string variable', () => {
    expect(input.rows[0].answers['unsafe_places-Comment']).toBe(OTHER_TEXT);
    expect(byName.get('unsafe_places_other_text')).toMatchObject({ format: 'A34', values: [OTHER_TEXT, '', '', ''] });
  });
});

describe('labels.R reads the CSV as the responses', () => {
  const byName = new Map(r.columns.map((c) => [c.name, c]));

  it('comes with its README', () => {
    expect(r.files).toEqual(['README.txt', 'labels.R', 'responses.csv']);
  });

  it('gives every column its wording', () => {
    expect(r.columns.map((c) => [c.name, c.label])).toEqual(LABELS);
  });

  it('makes coded answers factors of the choice texts', () => {
    expect(byName.get('safe_home')).toMatchObject({ class: 'factor', levels: ['Very safe', 'Fairly safe', 'Unsafe – at times', "Don't know", 'quite_safe'] });
    expect(byName.get('unsafe_places_other')).toMatchObject({ class: 'factor', levels: ['Not selected', 'Selected'] });
    expect(byName.get('created_at')!.class).toBe('POSIXct');
    expect(byName.get('comments')!.class).toBe('character');
  });

  it.each(Object.keys(DECODED))('%s: every value', (name) => {
    expect(byName.get(name)!.values).toEqual(DECODED[name]);
  });

  it("keeps text whole, with the CSV's formula guard taken off again", () => {
    expect(byName.get('comments')!.values).toEqual(answers('comments'));
    expect(byName.get('link')!.values).toEqual(['Test school (made up)', null, null, null]);
  });

  it('carries the "other, please say" text as a character column', () => {
    expect(byName.get('unsafe_places_other_text')).toMatchObject({ class: 'character', values: [OTHER_TEXT, null, null, null] });
  });
});
