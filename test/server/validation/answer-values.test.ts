/** The checks the server adds to survey-core: types, options, ranges, lengths, unknown and dangerous keys. */
import { describe, expect, it } from 'vitest';
import { compileSurvey, type ValidationResult } from '../../../server/validation/index.js';

const survey = compileSurvey({
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'html', name: 'intro', html: '<p>Hello</p>' },
        { type: 'radiogroup', name: 'safe_home', choices: ['very_safe', 'fairly_safe', 'neither', 'fairly_unsafe', 'very_unsafe'], showOtherItem: true },
        { type: 'dropdown', name: 'ward', choices: ['north', 'south', { value: 3, text: 'Ward three' }], showNoneItem: true },
        { type: 'checkbox', name: 'places', choices: ['park', 'station', 'town', 'bus'], maxSelectedChoices: 3, showOtherItem: true, showNoneItem: true },
        { type: 'tagbox', name: 'tags', choices: ['a', 'b'] },
        { type: 'boolean', name: 'car' },
        { type: 'boolean', name: 'bike', valueTrue: 'yes', valueFalse: 'no' },
        { type: 'rating', name: 'trust', rateMin: 0, rateMax: 10 },
        { type: 'rating', name: 'grade', rateValues: ['low', 'mid', { value: 'high', text: 'High' }] },
        { type: 'text', name: 'people', inputType: 'number', min: 1, max: 20 },
        { type: 'text', name: 'postcode', maxLength: 8 },
        { type: 'text', name: 'email', inputType: 'email' },
        { type: 'comment', name: 'notes' },
        { type: 'text', name: 'seen', showCommentArea: true },
        { type: 'expression', name: 'total', expression: '1 + 1' },
      ],
    },
  ],
});

function messages(r: ValidationResult): string[] {
  return r.ok ? [] : r.errors.map((e) => `${e.question ?? '-'}: ${e.message}`);
}
const check = (answers: unknown) => messages(survey.validate(answers));

describe('the answers envelope', () => {
  it.each([[null], [[]], ['text'], [42], [undefined]])('rejects %j as the answers', (answers) => {
    expect(survey.validate(answers)).toEqual({ ok: false, errors: [{ question: null, message: 'Answers must be a JSON object keyed by question name.' }] });
  });

  it('accepts an empty object when nothing is required', () => {
    expect(survey.validate({})).toEqual({ ok: true, answers: {} });
  });

  it('rejects unknown question names', () => {
    expect(check({ safe_hme: 'very_safe' })).toEqual(["-: 'safe_hme' is not a question in this survey."]);
  });

  it('rejects answers to display-only elements as unknown', () => {
    expect(check({ intro: 'x', total: 2 })).toEqual([
      "-: 'intro' is not a question that takes an answer.",
      "-: 'total' is not a question that takes an answer.",
    ]);
  });

  it('rejects a comment for a question without a comment box', () => {
    expect(check({ ward: 'north', 'ward-Comment': 'x' })).toEqual(["-: Question 'ward' has no comment box, so 'ward-Comment' is not accepted."]);
  });

  it('rejects prototype-polluting keys without touching Object.prototype', () => {
    const answers = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": 1}');
    expect(check(answers)).toEqual([
      "-: '__proto__' is not allowed as a question name.",
      "-: 'constructor' is not allowed as a question name.",
      "-: 'prototype' is not allowed as a question name.",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('treats null, blank text and empty lists as no answer, and leaves them out', () => {
    expect(survey.validate({ ward: null, postcode: '  ', places: [], people: null })).toEqual({ ok: true, answers: {} });
  });

  it('returns every error, not just the first, in question order', () => {
    expect(check({ notes: 5, safe_home: 'sometimes', zzz: 1, trust: 11 })).toEqual([
      "-: 'zzz' is not a question in this survey.",
      "safe_home: Question 'safe_home': 'sometimes' is not one of the answer options (very_safe, fairly_safe, neither, fairly_unsafe, very_unsafe, other).",
      "trust: Question 'trust': 11 is not on the rating scale (0, 1, 2, 3, 4, 5, 6, 7, …).",
      "notes: Question 'notes' takes text, not 5.",
    ]);
  });
});

describe('single-choice questions (radiogroup, dropdown)', () => {
  it('accepts a listed value, including numeric values and the none item', () => {
    expect(survey.validate({ safe_home: 'fairly_safe', ward: 3 }).ok).toBe(true);
    expect(survey.validate({ ward: 'none' }).ok).toBe(true);
  });

  it('rejects a value that is not an option, naming the options', () => {
    expect(check({ safe_home: 'sometimes' })).toEqual([
      "safe_home: Question 'safe_home': 'sometimes' is not one of the answer options (very_safe, fairly_safe, neither, fairly_unsafe, very_unsafe, other).",
    ]);
  });

  it('does not accept special items the question does not show', () => {
    expect(check({ ward: 'other' })[0]).toMatch(/'other' is not one of the answer options/);
    expect(check({ safe_home: 'none' })[0]).toMatch(/'none' is not one of/);
  });

  it('compares types strictly: "3" is not the option 3', () => {
    expect(check({ ward: '3' })[0]).toMatch(/'3' is not one of the answer options \(north, south, 3, none\)/);
  });

  it('rejects lists and objects where one answer is expected', () => {
    expect(check({ ward: ['north'] })).toEqual(["ward: Question 'ward' takes a single answer, not a list."]);
    expect(check({ ward: { value: 'north' } })).toEqual(["ward: Question 'ward' takes a single answer, not an object."]);
  });

  it("keeps the 'other' text with the answer", () => {
    expect(survey.validate({ safe_home: 'other', 'safe_home-Comment': 'depends on the night' })).toEqual({
      ok: true,
      answers: { safe_home: 'other', 'safe_home-Comment': 'depends on the night' },
    });
  });

  it("requires the 'other' text when 'other' is chosen", () => {
    expect(check({ safe_home: 'other' })).toEqual(["safe_home: Question 'safe_home': 'other' is chosen, so please say what it is in 'safe_home-Comment'."]);
    expect(check({ safe_home: 'other', 'safe_home-Comment': '   ' })).toHaveLength(1);
  });

  it("drops 'other' text sent without 'other' chosen, as survey-core does on completion", () => {
    expect(survey.validate({ safe_home: 'very_safe', 'safe_home-Comment': 'stale' })).toEqual({ ok: true, answers: { safe_home: 'very_safe' } });
  });

  it("rejects 'other' text that is not text or too long", () => {
    expect(check({ safe_home: 'other', 'safe_home-Comment': 12 })).toEqual([
      "safe_home: Question 'safe_home': the comment 'safe_home-Comment' must be text, not 12.",
    ]);
    expect(check({ safe_home: 'other', 'safe_home-Comment': 'x'.repeat(2001) })[0]).toMatch(/2001 characters long; at most 2000/);
  });
});

describe('multiple-choice questions (checkbox, tagbox)', () => {
  it('accepts a list of listed values', () => {
    expect(survey.validate({ places: ['park', 'town'], tags: ['b'] })).toEqual({ ok: true, answers: { places: ['park', 'town'], tags: ['b'] } });
  });

  it('rejects a string where a list is expected', () => {
    expect(check({ places: 'park' })).toEqual(["places: Question 'places' takes a list of answer options, not 'park'."]);
  });

  it('rejects values that are not options and nested objects', () => {
    expect(check({ places: ['park', 'beach', { x: 1 }] })).toEqual([
      "places: Question 'places': 'beach' is not one of the answer options (park, station, town, bus, other, none).",
      "places: Question 'places' takes a list of answer options; an object is not one.",
    ]);
  });

  it('rejects duplicates', () => {
    expect(check({ places: ['park', 'park'] })).toEqual(["places: Question 'places': 'park' is chosen more than once."]);
  });

  it('rejects more than maxSelectedChoices', () => {
    expect(check({ places: ['park', 'station', 'town', 'bus'] })).toEqual(["places: Question 'places': choose at most 3 (4 chosen)."]);
  });

  it('applies minSelectedChoices as survey-core does: even when unanswered, but not to a lone none', () => {
    const min = compileSurvey({ elements: [{ type: 'checkbox', name: 'c', choices: ['a', 'b', 'c'], minSelectedChoices: 2, showNoneItem: true }] });
    expect(messages(min.validate({ c: ['a'] }))).toEqual(["c: Question 'c': choose at least 2 (1 chosen)."]);
    expect(messages(min.validate({}))).toEqual(["c: Question 'c': choose at least 2 (0 chosen)."]);
    expect(min.validate({ c: ['none'] }).ok).toBe(true);
    expect(min.validate({ c: ['a', 'c'] }).ok).toBe(true);
    // A saved-in-progress answer may leave it empty, but not half-done.
    expect(min.validate({}, { partial: true }).ok).toBe(true);
    expect(min.validate({ c: ['a'] }, { partial: true }).ok).toBe(false);
  });

  it("accepts 'none' alone but not with other answers", () => {
    expect(survey.validate({ places: ['none'] }).ok).toBe(true);
    expect(check({ places: ['none', 'park'] })).toEqual(["places: Question 'places': 'none' cannot be combined with other answers."]);
  });

  it("accepts 'other' with its text", () => {
    expect(survey.validate({ places: ['park', 'other'], 'places-Comment': 'the canal' })).toEqual({
      ok: true,
      answers: { places: ['park', 'other'], 'places-Comment': 'the canal' },
    });
    expect(check({ places: ['park', 'other'] })[0]).toMatch(/'other' is chosen/);
  });
});

describe('boolean questions', () => {
  it('accepts true and false', () => {
    expect(survey.validate({ car: true }).ok).toBe(true);
    expect(survey.validate({ car: false })).toEqual({ ok: true, answers: { car: false } });
  });

  it('rejects anything else', () => {
    expect(check({ car: 'true' })).toEqual(["car: Question 'car': 'true' is not one of true, false."]);
    expect(check({ car: 1 })).toHaveLength(1);
  });

  it('uses valueTrue/valueFalse when set', () => {
    expect(survey.validate({ bike: 'yes' }).ok).toBe(true);
    expect(check({ bike: true })).toEqual(["bike: Question 'bike': true is not one of yes, no."]);
  });
});

describe('rating questions', () => {
  it('accepts values from rateMin to rateMax', () => {
    expect(survey.validate({ trust: 0 }).ok).toBe(true);
    expect(survey.validate({ trust: 10 }).ok).toBe(true);
  });

  it('rejects values outside the scale, fractions and numbers as text', () => {
    expect(check({ trust: -1 })[0]).toMatch(/-1 is not on the rating scale/);
    expect(check({ trust: 11 })[0]).toMatch(/11 is not on the rating scale/);
    expect(check({ trust: 2.5 })[0]).toMatch(/2.5 is not on the rating scale/);
    expect(check({ trust: '5' })[0]).toMatch(/'5' is not on the rating scale/);
  });

  it('uses rateValues when set', () => {
    expect(survey.validate({ grade: 'high' }).ok).toBe(true);
    expect(check({ grade: 'top' })).toEqual(["grade: Question 'grade': 'top' is not on the rating scale (low, mid, high)."]);
  });
});

describe('text questions', () => {
  it('accepts a finite number for inputType number, within min and max', () => {
    expect(survey.validate({ people: 1 }).ok).toBe(true);
    expect(survey.validate({ people: 20 }).ok).toBe(true);
  });

  it('rejects numbers written as text, and numbers out of range', () => {
    expect(check({ people: '3' })).toEqual(["people: Question 'people' takes a number, not '3'."]);
    expect(check({ people: 0 })).toEqual(["people: Question 'people': 0 is below the smallest allowed value, 1."]);
    expect(check({ people: 21 })).toEqual(["people: Question 'people': 21 is above the largest allowed value, 20."]);
    expect(check({ people: [3] })).toEqual(["people: Question 'people' takes a number, not a list."]);
  });

  it('rejects numbers and objects where text is expected', () => {
    expect(check({ postcode: 12345 })).toEqual(["postcode: Question 'postcode' takes text, not 12345."]);
    expect(check({ notes: { text: 'x' } })).toEqual(["notes: Question 'notes' takes text, not an object."]);
  });

  it('rejects text longer than maxLength, and longer than 2000 characters when none is set', () => {
    expect(check({ postcode: 'ME14 1XXXX' })).toEqual(["postcode: Question 'postcode': the answer is 10 characters long; at most 8 are allowed."]);
    expect(survey.validate({ notes: 'x'.repeat(2000) }).ok).toBe(true);
    expect(check({ notes: 'x'.repeat(2001) })).toEqual(["notes: Question 'notes': the answer is 2001 characters long; at most 2000 are allowed."]);
  });

  it('checks email addresses as survey-core does', () => {
    expect(survey.validate({ email: 'someone@example.org' }).ok).toBe(true);
    expect(check({ email: 'someone at example' })).toEqual(["email: Question 'email': 'someone at example' is not an email address."]);
  });

  it('keeps a comment-box answer (showCommentArea)', () => {
    expect(survey.validate({ seen: 'yes', 'seen-Comment': 'twice' })).toEqual({ ok: true, answers: { seen: 'yes', 'seen-Comment': 'twice' } });
  });

  it('cuts long values in messages', () => {
    expect(check({ safe_home: 'y'.repeat(100) })[0]).toContain(`'${'y'.repeat(40)}…'`);
    expect(check({ ['k'.repeat(5000)]: 1 })[0]).toBe(`-: '${'k'.repeat(100)}…' is not a question in this survey.`);
  });

  it('shows invisible characters in messages so a person can see them', () => {
    expect(check({ 'ward\u0000': 'north' })).toEqual(["-: 'ward\\u0000' is not a question in this survey."]);
    expect(check({ ward: 'no\u200brth' })[0]).toContain("'no\\u200brth' is not one of");
    expect(check({ ward: '\ud800' })[0]).toContain("'\\ud800' is not one of");
    expect(check({ ward: '😀' })[0]).toContain("'😀' is not one of");
  });

  it('rejects Infinity (what 1e999 parses to)', () => {
    expect(check(JSON.parse('{"people": 1e999}'))).toEqual(["people: Question 'people' takes a number, not Infinity."]);
  });
});

describe('partial answers (saved in progress)', () => {
  it('keeps every check other than required', () => {
    const partial = compileSurvey({
      elements: [
        { type: 'text', name: 'a', isRequired: true },
        { type: 'text', name: 'n', inputType: 'number', max: 5 },
      ],
    });
    expect(partial.validate({}, { partial: true })).toEqual({ ok: true, answers: {} });
    expect(messages(partial.validate({ n: 9 }, { partial: true }))).toEqual(["n: Question 'n': 9 is above the largest allowed value, 5."]);
    expect(messages(partial.validate({ zz: 1 }, { partial: true }))).toEqual(["-: 'zz' is not a question in this survey."]);
  });

  // Three pages: a required question in a panel on page 1, a conditional page 2, a required page 3.
  const paged = compileSurvey({
    pages: [
      { name: 'one', elements: [{ type: 'panel', name: 'p', elements: [{ type: 'text', name: 'a', isRequired: true }] }] },
      { name: 'two', visibleIf: "{a} = 'show'", elements: [{ type: 'text', name: 'b', isRequired: true }] },
      { name: 'three', elements: [{ type: 'text', name: 'c', isRequired: true }] },
    ],
  });

  it('counts the pages of the questionnaire (1 when it has none)', () => {
    expect(paged.pageCount).toBe(3);
    expect(compileSurvey({ elements: [{ type: 'text', name: 'a' }] }).pageCount).toBe(1);
  });

  it('checks the required questions of the pages before the one reached, even inside panels', () => {
    expect(paged.validate({}, { partial: true, reachedPage: 1 }).ok).toBe(true);
    expect(messages(paged.validate({}, { partial: true, reachedPage: 2 }))).toEqual(["a: Question 'a' needs an answer."]);
    expect(paged.validate({ a: 'x' }, { partial: true, reachedPage: 2 }).ok).toBe(true);
  });

  it('skips a passed page that its condition hides, and never requires the page reached or later ones', () => {
    // Page 2 is hidden unless a = 'show': reaching page 3 past it needs only a.
    expect(paged.validate({ a: 'x' }, { partial: true, reachedPage: 3 }).ok).toBe(true);
    expect(messages(paged.validate({ a: 'show' }, { partial: true, reachedPage: 3 }))).toEqual(["b: Question 'b' needs an answer."]);
    expect(paged.validate({ a: 'show', b: 'y' }, { partial: true, reachedPage: 3 }).ok).toBe(true);
    // Without partial, every page is required as on completion.
    expect(messages(paged.validate({ a: 'show', b: 'y' }, { reachedPage: 3 }))).toEqual(["c: Question 'c' needs an answer."]);
  });
});
