/** Translation strings (ids, English, translation), the sheet written and read back, and its checks. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSheet, readSheet, sheetCsv, sheetXlsx, TranslationSheetError } from '../../../server/surveys/translation-sheet.js';
import { translatedLocales, translationStrings, withTranslations } from '../../../server/surveys/translation-strings.js';

const small = {
  title: 'Park safety',
  completedHtml: '<p>Thank you. Call <a href="tel:101">101</a>.</p>',
  pages: [
    {
      name: 'p1',
      title: { default: 'About you', cy: 'Amdanoch chi' },
      elements: [
        {
          type: 'radiogroup',
          name: 'safe',
          title: 'How safe is {park}?',
          choices: [{ value: 'very', text: 'Very safe' }, 'Unsafe', { value: 3 }],
          validators: [{ type: 'expression', text: 'Pick one' }],
        },
        { type: 'panel', name: 'more', elements: [{ type: 'text', name: 'why', title: 'Why?', placeholder: 'Say why' }] },
      ],
    },
  ],
};

const ids = (d: unknown) => translationStrings(d, 'cy').map((s) => s.id);

describe('translationStrings', () => {
  it('lists every string a respondent reads, with ids from names and values', () => {
    expect(translationStrings(small, 'cy')).toEqual([
      { id: 'survey/title', english: 'Park safety', translation: '' },
      { id: 'survey/completedHtml', english: '<p>Thank you. Call <a href="tel:101">101</a>.</p>', translation: '' },
      { id: 'page:p1/title', english: 'About you', translation: 'Amdanoch chi' },
      { id: 'q:safe/title', english: 'How safe is {park}?', translation: '' },
      { id: 'q:safe/choices/very', english: 'Very safe', translation: '' },
      { id: 'q:safe/choices/Unsafe', english: 'Unsafe', translation: '' },
      { id: 'q:safe/validators/1', english: 'Pick one', translation: '' },
      { id: 'q:why/title', english: 'Why?', translation: '' },
      { id: 'q:why/placeholder', english: 'Say why', translation: '' },
    ]);
    expect(translatedLocales(small)).toEqual(['cy']);
  });

  it('keeps the ids when translations are added, and writing the same texts back changes nothing', () => {
    const texts = new Map(ids(small).map((id) => [id, `CY ${id}`]));
    const translated = withTranslations(small, 'cy', texts);
    expect(ids(translated)).toEqual(ids(small));
    expect(translationStrings(translated, 'cy').map((s) => s.translation)).toEqual([...texts.values()]);
    expect(translationStrings(translated, 'en').map((s) => s.english)).toEqual(translationStrings(small, 'en').map((s) => s.english));
    // A plain-string choice becomes a localised item with the same value.
    const choices = (translated.pages as { elements: { choices?: unknown[] }[] }[])[0].elements[0].choices!;
    expect(choices[1]).toEqual({ value: 'Unsafe', text: { default: 'Unsafe', cy: 'CY q:safe/choices/Unsafe' } });
    expect(withTranslations(translated, 'cy', texts)).toEqual(translated);
    expect(small.pages[0].elements[0].title).toBe('How safe is {park}?'); // the original is left alone
  });

  it('gives the bundled resident questionnaire unique ids', () => {
    const resident = JSON.parse(readFileSync(new URL('../../../surveys/resident-safety.survey.json', import.meta.url), 'utf8'));
    const all = ids(resident);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('q:safe_home/choices/very_safe');
    expect(all).toContain('survey/completedHtml');
  });
});

describe('translation sheets', () => {
  const strings = translationStrings(small, 'cy');
  const filled = strings.map((s) => ({ ...s, translation: s.translation || `CY ${s.english}` }));
  filled[1].translation = '<p>Diolch. Ffoniwch <a href="tel:101">101</a>.</p>';
  filled[3].translation = 'Pa mor ddiogel yw {park}?';

  it('round-trips through CSV and XLSX: export then import gives the translations back', () => {
    const expected = new Map(filled.map((s) => [s.id, s.translation]));
    const csv = readSheet(Buffer.from(sheetCsv(filled, 'cy')));
    expect(csv.locale).toBe('cy');
    expect(checkSheet(csv, strings, 'cy')).toEqual(expected);
    const xlsx = readSheet(sheetXlsx(filled, 'cy', 'Translate column C.'));
    expect(checkSheet(xlsx, strings, 'cy')).toEqual(expected);
  });

  const refusal = (rows: typeof filled, locale = 'cy') => {
    try {
      checkSheet(readSheet(Buffer.from(sheetCsv(rows, locale))), strings, 'cy');
    } catch (e) {
      expect(e).toBeInstanceOf(TranslationSheetError);
      return (e as TranslationSheetError).toJSON();
    }
    throw new Error('the sheet was accepted');
  };

  it('refuses missing, stray and empty ids, listing each', () => {
    const rows = filled.filter((s) => s.id !== 'q:why/title').map((s) => (s.id === 'q:why/placeholder' ? { ...s, translation: ' ' } : s));
    rows.push({ id: 'q:nope/title', english: 'x', translation: 'y' });
    const body = refusal(rows);
    expect(body.missing).toEqual(['q:why/title']);
    expect(body.stray).toEqual(['q:nope/title']);
    expect(body.empty).toEqual(['q:why/placeholder']);
    expect(body.problems).toEqual([
      '1 string is missing from the sheet: q:why/title.',
      '1 id is not in the questionnaire: q:nope/title.',
      '1 translation is empty: q:why/placeholder.',
    ]);
  });

  it('refuses a translation that drops a tag or a placeholder, changed English and another locale', () => {
    const rows = filled.map((s) =>
      s.id === 'survey/completedHtml'
        ? { ...s, translation: '<p>Diolch. Ffoniwch 101.</p>' }
        : s.id === 'q:safe/title'
          ? { ...s, translation: 'Pa mor ddiogel?' }
          : s,
    );
    rows[0] = { ...rows[0], english: 'Old title' };
    expect(refusal(rows).problems).toEqual([
      "The English of survey/title is not the questionnaire's now: the sheet was made from another version. Download the sheet again and copy the translations across.",
      'Keep the HTML tags and {placeholders} of the English, exactly as written, in: survey/completedHtml, q:safe/title.',
    ]);
    expect(refusal(filled, 'fr').problems).toEqual(["The sheet is for 'fr', but it was uploaded as 'cy': upload it as 'fr', or download the 'cy' sheet."]);
  });

  it('refuses a file that is not a sheet', () => {
    expect(() => readSheet(Buffer.from('a,b,c\n1,2,3\n'))).toThrow(/not a translation sheet/);
  });
});
