/** The demo's Welsh (made up, marked as a demonstration): complete, usable, and a sheet that passes its own checks. */
import { describe, expect, it } from 'vitest';
import { withDemoTranslations } from '../../../server/demo/translations.js';
import { surveyLanguages } from '../../../server/surveys/languages.js';
import { checkSheet, readSheet, sheetCsv } from '../../../server/surveys/translation-sheet.js';
import { translationStrings } from '../../../server/surveys/translation-strings.js';
import { compileSurvey } from '../../../server/validation/index.js';
import { loadBundledSurveys } from '../../../surveys/metadata.js';

const resident = loadBundledSurveys().find((b) => b.slug === 'resident-safety')!;

describe('the demo translation', () => {
  const cy = withDemoTranslations('resident-safety', resident.definition);

  it('gives every string of the resident questionnaire a Welsh text, marked as a demonstration', () => {
    const strings = translationStrings(cy, 'cy');
    expect(strings.filter((s) => !s.translation)).toEqual([]);
    expect(strings.find((s) => s.id === 'q:safe_home/choices/very_safe')?.translation).toBe('Diogel iawn');
    expect(surveyLanguages(cy)).toEqual([
      { code: 'en', name: 'English', demonstration: false },
      { code: 'cy', name: 'Cymraeg', demonstration: true },
    ]);
    expect(compileSurvey(cy).pageCount).toBe(compileSurvey(resident.definition).pageCount);
  });

  it('passes the checks an uploaded sheet gets (tags and placeholders kept)', () => {
    const strings = translationStrings(cy, 'cy');
    expect(checkSheet(readSheet(Buffer.from(sheetCsv(strings, 'cy'))), strings, 'cy').size).toBe(strings.length);
  });

  it('leaves a questionnaire without a demo translation as it is', () => {
    const youth = loadBundledSurveys().find((b) => b.slug === 'youth-safety')!;
    expect(withDemoTranslations('youth-safety', youth.definition)).toBe(youth.definition);
  });
});
