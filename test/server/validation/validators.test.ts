/** SurveyJS validators, run where and when survey-core runs them. */
import { describe, expect, it } from 'vitest';
import { compileSurvey, type ValidationResult } from '../../../server/validation/index.js';
import { surveyCoreOracle } from './survey-core-oracle.js';

const messages = (r: ValidationResult) => (r.ok ? [] : r.errors.map((e) => `${e.question}: ${e.message}`));

const definition = {
  elements: [
    { type: 'radiogroup', name: 'mode', choices: ['a', 'b'] },
    {
      type: 'text',
      name: 'postcode',
      validators: [{ type: 'regex', regex: '^[A-Z]{1,2}[0-9]', caseInsensitive: true, text: 'Enter a postcode such as ME14 1XX.' }],
    },
    { type: 'text', name: 'age', validators: [{ type: 'numeric', minValue: 16, maxValue: 110 }] },
    { type: 'text', name: 'nick', validators: [{ type: 'text', minLength: 2, maxLength: 5, allowDigits: false }] },
    { type: 'checkbox', name: 'pick', choices: ['x', 'y', 'z'], validators: [{ type: 'answercount', minCount: 2, maxCount: 2 }] },
    { type: 'text', name: 'mail', validators: [{ type: 'email' }] },
    {
      type: 'text',
      name: 'second',
      visibleIf: "{mode} = 'b'",
      validators: [{ type: 'expression', expression: '{second} <> {nick}', text: 'Use a different name.' }],
    },
    { type: 'text', name: 'either', validators: [{ type: 'expression', expression: '{either} notempty or {mail} notempty' }] },
    { type: 'text', name: 'advice', validators: [{ type: 'regex', regex: '^x$', notificationType: 'warning' }] },
  ],
};
const survey = compileSurvey(definition);

describe('validators', () => {
  it('pass good answers', () => {
    expect(
      survey.validate({ postcode: 'me14 1xx', age: '30', nick: 'Sam', pick: ['x', 'z'], mail: 'a@b.org', mode: 'b', second: 'Jo', advice: 'y' }),
    ).toMatchObject({ ok: true });
  });

  it('report each failure with the questionnaire’s own text when it has one', () => {
    expect(messages(survey.validate({ postcode: '1234', age: '12', nick: 'S', pick: ['x'], mail: 'nope', either: '' }))).toEqual([
      "postcode: Question 'postcode': Enter a postcode such as ME14 1XX.",
      "age: Question 'age': 12 is below the smallest allowed value, 16.",
      "nick: Question 'nick': enter at least 2 characters.",
      "pick: Question 'pick': choose at least 2 (1 chosen).",
      "mail: Question 'mail': 'nope' is not an email address.",
    ]);
    expect(messages(survey.validate({ nick: 'abc1', age: 'old', mail: 'a@b.org' }))).toEqual([
      "age: Question 'age': 'old' is not a number.",
      "nick: Question 'nick': numbers are not allowed.",
    ]);
  });

  it('run expression validators even on an empty answer, as survey-core does', () => {
    expect(messages(survey.validate({}))).toEqual(["either: Question 'either': the answer does not meet the condition {either} notempty or {mail} notempty."]);
    // …but not for a saved-in-progress answer that leaves it empty.
    expect(survey.validate({}, { partial: true }).ok).toBe(true);
  });

  it('skip hidden questions and questions that already have an error', () => {
    expect(survey.validate({ mode: 'a', nick: 'Jo', second: 'Jo', mail: 'a@b.org' })).toMatchObject({
      ok: true,
      answers: { mode: 'a', nick: 'Jo', mail: 'a@b.org' },
    });
    expect(messages(survey.validate({ mode: 'b', nick: 'Jo', second: 'Jo', mail: 'a@b.org' }))).toEqual(["second: Question 'second': Use a different name."]);
    expect(messages(survey.validate({ age: 12345, nick: 'Jo', mail: 'a@b.org', pick: 'x' }))).toEqual([
      "age: Question 'age' takes text, not 12345.",
      "pick: Question 'pick' takes a list of answer options, not 'x'.",
    ]);
  });

  it('flag the same questions as survey-core', () => {
    const sets: Record<string, unknown>[] = [
      {},
      { postcode: '1234', age: '12', nick: 'S', pick: ['x'], mail: 'nope' },
      { nick: 'abc1', age: '200', mail: 'a@b.org', pick: ['x', 'y', 'z'] },
      { mode: 'b', nick: 'Jo', second: 'Jo', either: 'x' },
      { mode: 'a', nick: 'Jo', second: 'Jo', either: 'x', postcode: 'ME14', advice: 'y' },
    ];
    for (const answers of sets) {
      const ours = survey.validate(answers);
      expect([...new Set(ours.ok ? [] : ours.errors.map((e) => e.question))], JSON.stringify(answers)).toEqual(
        surveyCoreOracle(definition, answers).errorQuestions,
      );
    }
  });
});
