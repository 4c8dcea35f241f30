/** compileSurvey refuses questionnaires it cannot take answers for, saying why. */
import { describe, expect, it } from 'vitest';
import { compileSurvey, SurveyDefinitionError } from '../../../server/validation/index.js';

const q = (extra: Record<string, unknown>) => ({ elements: [{ type: 'text', name: 'ok' }, extra] });

function refusal(definition: unknown): string {
  try {
    compileSurvey(definition);
  } catch (e) {
    expect(e).toBeInstanceOf(SurveyDefinitionError);
    return (e as Error).message;
  }
  throw new Error('compileSurvey accepted the definition');
}

describe('compileSurvey refuses unusable definitions', () => {
  it.each([
    ['not an object', 'just text', /JSON object/],
    ['an array', [], /JSON object/],
    ['null', null, /JSON object/],
    ['no pages or elements', { title: 'x' }, /no "pages" or "elements"/],
    ['pages not a list', { pages: {} }, /"pages" must be a list/],
    ['elements not a list', { pages: [{ elements: 'x' }] }, /must be a list/],
    ['no questions', { pages: [{ elements: [{ type: 'html', name: 'intro' }] }] }, /no questions/],
    ['an empty page only', { pages: [{ name: 'p1' }] }, /no questions/],
    ['element without type', q({ name: 'x' }), /has no "type"/],
    ['question without name', q({ type: 'radiogroup', choices: ['a'] }), /has no name/],
    ['duplicate names', q({ type: 'text', name: 'ok' }), /'ok' is used twice/],
    ['names differing only in case', q({ type: 'text', name: 'OK' }), /used twice/],
    ['unsupported type', q({ type: 'matrix', name: 'm' }), /type 'matrix'.*Supported: radiogroup/],
    ['a prototype key as name', q({ type: 'text', name: '__proto__' }), /cannot be used as a question name/],
    ['a name ending in -Comment', q({ type: 'text', name: 'x-Comment' }), /-Comment/],
    ['choices missing', q({ type: 'radiogroup', name: 'r' }), /no answer options/],
    ['choices not a list', q({ type: 'checkbox', name: 'c', choices: 'a,b' }), /not a list/],
    ['a choice without value', q({ type: 'dropdown', name: 'd', choices: [{ text: 'A' }] }), /option 1 has no usable value/],
    ['a choice that is an object value', q({ type: 'dropdown', name: 'd', choices: [{ value: { a: 1 } }] }), /no usable value/],
    ['duplicate choice values', q({ type: 'radiogroup', name: 'r', choices: ['a', { value: 'a', text: 'A' }] }), /'a' appears twice/],
    [
      'a visibleIf that does not parse',
      q({ type: 'text', name: 'v', visibleIf: "{ok} = = 'x'" }),
      /Question 'v' has a visibleIf that does not parse \(near character \d+\)/,
    ],
    ['a requiredIf that does not parse', q({ type: 'text', name: 'v', requiredIf: '{ok} >' }), /requiredIf that does not parse/],
    ['an enableIf that does not parse', q({ type: 'text', name: 'v', enableIf: "{ok} = 'x" }), /enableIf that does not parse/],
    [
      'a panel visibleIf that does not parse',
      { elements: [{ type: 'panel', name: 'p', visibleIf: '((', elements: [{ type: 'text', name: 't' }] }] },
      /Panel 'p' has a visibleIf/,
    ],
    [
      'a page visibleIf that does not parse',
      { pages: [{ name: 'p1', visibleIf: '{a} ==', elements: [{ type: 'text', name: 't' }] }] },
      /Page 'p1' has a visibleIf/,
    ],
    ['a visibleIf that is not text', q({ type: 'text', name: 'v', visibleIf: true }), /not text/],
    ['min above max', q({ type: 'text', name: 'n', inputType: 'number', min: 5, max: 1 }), /min 5 above max 1/],
    ['min not a number', q({ type: 'text', name: 'n', inputType: 'number', min: 'low' }), /not a number/],
    ['a fractional maxSelectedChoices', q({ type: 'checkbox', name: 'c', choices: ['a'], maxSelectedChoices: 1.5 }), /whole number/],
    ['a rating with no values', q({ type: 'rating', name: 'r', rateValues: [], rateMin: 5, rateMax: 1 }), /no rating values/],
    ['choices loaded from a web service', q({ type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://x' } }), /web service/],
    ['valueName', q({ type: 'text', name: 't', valueName: 'other' }), /valueName/],
    [
      'other kept in place of the choice',
      q({ type: 'radiogroup', name: 'r', choices: ['a'], showOtherItem: true, storeOthersAsComment: false }),
      /storeOthersAsComment/,
    ],
    ['an unknown validator type', q({ type: 'text', name: 't', validators: [{ type: 'postcode' }] }), /'postcode' validator, which the server cannot run/],
    ['a regex validator that is not a pattern', q({ type: 'text', name: 't', validators: [{ type: 'regex', regex: '([a-z' }] }), /not a valid pattern/],
    [
      'an expression validator that does not parse',
      q({ type: 'text', name: 't', validators: [{ type: 'expression', expression: '{t} >' }] }),
      /expression validator that does not parse/,
    ],
    [
      'a required panel',
      { elements: [{ type: 'panel', name: 'p', isRequired: true, elements: [{ type: 'text', name: 't' }] }] },
      /Panel 'p'.*required as a whole/,
    ],
    ['triggers', { elements: [{ type: 'text', name: 't' }], triggers: [{ type: 'complete', expression: '{t} = 1' }] }, /triggers/],
  ])('%s', (_, definition, pattern) => {
    expect(refusal(definition)).toMatch(pattern);
  });

  it('a condition on a display-only question (its value is computed in the browser)', () => {
    const definition = {
      elements: [
        { type: 'expression', name: 'total', expression: '1 + 1' },
        { type: 'text', name: 'v', visibleIf: '{total} > 1' },
      ],
    };
    expect(refusal(definition)).toMatch(/'total', a display-only question/);
  });
});

describe('compileSurvey describes the questions', () => {
  const survey = compileSurvey({
    pages: [
      {
        elements: [
          { type: 'html', name: 'intro', html: 'Hello' },
          { type: 'radiogroup', name: 'safe', isRequired: true, choices: [{ value: 'yes', text: 'Yes' }, 'no'], showOtherItem: true },
        ],
      },
      {
        elements: [
          {
            type: 'panel',
            name: 'about',
            elements: [{ type: 'checkbox', name: 'places', choices: ['a', 'b', 'c'], maxSelectedChoices: 2, showNoneItem: true }],
          },
          { type: 'text', name: 'age', inputType: 'number', min: 16, max: 110 },
          { type: 'boolean', name: 'car', valueTrue: 'yes', valueFalse: 'no' },
          { type: 'rating', name: 'trust', rateMin: 0, rateMax: 10 },
          { type: 'comment', name: 'notes', maxLength: 500 },
          { type: 'text', name: 'postcode' },
          { type: 'tagbox', name: 'tags', choices: [1, 2] },
          { type: 'dropdown', name: 'ward', choices: ['north', 'south'] },
        ],
      },
    ],
  });

  it('lists answerable questions in order, skipping display-only elements', () => {
    expect(survey.questionNames).toEqual(['safe', 'places', 'age', 'car', 'trust', 'notes', 'postcode', 'tags', 'ward']);
  });

  it('gives each question a kind', () => {
    expect(Object.fromEntries(survey.questionKinds)).toEqual({
      safe: 'single',
      places: 'multi',
      age: 'number',
      car: 'boolean',
      trust: 'rating',
      notes: 'text',
      postcode: 'text',
      tags: 'multi',
      ward: 'single',
    });
  });

  it('keeps choices, limits and required flags', () => {
    const byName = new Map(survey.questions.map((s) => [s.name, s]));
    expect(byName.get('safe')).toMatchObject({ choices: ['yes', 'no'], specialValues: ['other'], hasOther: true, required: true });
    expect(byName.get('places')).toMatchObject({ choices: ['a', 'b', 'c'], specialValues: ['none'], maxSelected: 2, required: false });
    expect(byName.get('age')).toMatchObject({ min: 16, max: 110 });
    expect(byName.get('car')).toMatchObject({ choices: ['yes', 'no'] });
    expect(byName.get('trust')).toMatchObject({ choices: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], min: 0, max: 10 });
    expect(byName.get('notes')).toMatchObject({ maxLength: 500 });
    expect(byName.get('postcode')).toMatchObject({ maxLength: 2000, inputType: 'text' });
    expect(byName.get('tags')).toMatchObject({ choices: [1, 2] });
  });
});
