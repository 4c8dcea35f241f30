/** Required, shown and enabled, as survey-core decides them, and which answers are kept. */
import { describe, expect, it } from 'vitest';
import { compileSurvey, type ValidationResult } from '../../../server/validation/index.js';
import { surveyCoreOracle } from './survey-core-oracle.js';

const flagged = (r: ValidationResult) => (r.ok ? [] : r.errors.map((e) => e.question));

/** The same questions flagged and the same answers kept as survey-core itself. */
function expectSurveyCoreAgrees(definition: unknown, answers: Record<string, unknown>) {
  const oracle = surveyCoreOracle(definition, answers);
  const compiled = compileSurvey(definition);
  expect([...new Set(flagged(compiled.validate(answers)))]).toEqual(oracle.errorQuestions);
  const partial = compiled.validate(answers, { partial: true });
  expect(partial.ok && partial.answers).toEqual(oracle.data);
}

describe('required questions', () => {
  const survey = compileSurvey({
    elements: [
      { type: 'radiogroup', name: 'victim', isRequired: true, choices: ['yes', 'no'] },
      { type: 'text', name: 'what', isRequired: true, visibleIf: "{victim} = 'yes'" },
      { type: 'boolean', name: 'reported', requiredIf: "{victim} = 'yes'" },
      // requiredIf replaces isRequired: when the condition is false the question is optional.
      { type: 'text', name: 'override', isRequired: true, requiredIf: "{victim} = 'yes'" },
      { type: 'rating', name: 'score', isRequired: true, rateMax: 3 },
    ],
  });

  it('reports every unanswered required question in order', () => {
    const r = survey.validate({});
    expect(r).toEqual({
      ok: false,
      errors: [
        { question: 'victim', message: "Question 'victim' needs an answer." },
        { question: 'score', message: "Question 'score' needs an answer." },
      ],
    });
  });

  it('applies requiredIf and visibleIf from the answers given', () => {
    expect(flagged(survey.validate({ victim: 'yes', score: 1 }))).toEqual(['what', 'reported', 'override']);
    expect(survey.validate({ victim: 'no', score: 1 }).ok).toBe(true);
  });

  it('counts false and 0 as answers, and blank text as none', () => {
    expect(survey.validate({ victim: 'yes', what: 'x', reported: false, override: 'y', score: 1 }).ok).toBe(true);
    expect(flagged(survey.validate({ victim: 'yes', what: '   ', reported: false, override: 'y', score: 1 }))).toEqual(['what']);
  });

  it('skips required checks for a partial (in-progress) save', () => {
    expect(survey.validate({ victim: 'yes' }, { partial: true })).toEqual({ ok: true, answers: { victim: 'yes' } });
  });
});

describe('hidden questions', () => {
  const survey = compileSurvey({
    pages: [
      {
        name: 'p1',
        elements: [
          { type: 'radiogroup', name: 'has_car', choices: ['yes', 'no'] },
          {
            type: 'panel',
            name: 'car',
            visibleIf: "{has_car} = 'yes'",
            elements: [
              { type: 'radiogroup', name: 'car_worry', isRequired: true, choices: ['a', 'b'] },
              { type: 'panel', name: 'inner', elements: [{ type: 'text', name: 'car_make', isRequired: true }] },
            ],
          },
          { type: 'text', name: 'hidden_always', visible: false, isRequired: true },
          { type: 'text', name: 'kept', visibleIf: "{has_car} = 'yes'", clearIfInvisible: 'none' },
        ],
      },
      { name: 'p2', visibleIf: "{has_car} <> 'no'", elements: [{ type: 'text', name: 'page_two', isRequired: true }] },
    ],
  });

  it('are not required, including inside hidden panels and pages', () => {
    expect(survey.validate({ has_car: 'no' })).toEqual({ ok: true, answers: { has_car: 'no' } });
  });

  it('have their answers dropped; a panel condition applies to nested panels too', () => {
    expect(survey.validate({ has_car: 'no', car_worry: 'a', car_make: 'Ford', hidden_always: 'x', page_two: 'y' })).toEqual({
      ok: true,
      answers: { has_car: 'no' },
    });
  });

  it('keep their answers when clearIfInvisible is none', () => {
    expect(survey.validate({ has_car: 'no', kept: 'still here' })).toEqual({ ok: true, answers: { has_car: 'no', kept: 'still here' } });
  });

  it('become required when shown', () => {
    expect(flagged(survey.validate({ has_car: 'yes' }))).toEqual(['car_worry', 'car_make', 'page_two']);
  });

  it('still have their values checked, since garbage is never stored', () => {
    expect(flagged(survey.validate({ has_car: 'no', car_worry: 'zzz' }))).toEqual(['car_worry']);
  });

  it('are judged on the answers as sent: survey-core does not re-run conditions while clearing', () => {
    const chain = compileSurvey({
      elements: [
        { type: 'radiogroup', name: 'a', choices: ['yes', 'no'] },
        { type: 'radiogroup', name: 'b', visibleIf: "{a} = 'yes'", choices: ['yes', 'no'] },
        { type: 'text', name: 'c', visibleIf: "{b} = 'yes'" },
      ],
    });
    // b is hidden and cleared; c was shown (b was 'yes' when checked) so it stays, as in survey-core.
    expect(chain.validate({ a: 'no', b: 'yes', c: 'text' })).toEqual({ ok: true, answers: { a: 'no', c: 'text' } });
  });

  it('agree with survey-core on panels, pages, visible: false and clearIfInvisible', () => {
    const definition = {
      pages: [
        {
          elements: [
            { type: 'radiogroup', name: 'has_car', choices: ['yes', 'no'] },
            {
              type: 'panel',
              name: 'car',
              visibleIf: "{has_car} = 'yes'",
              elements: [{ type: 'panel', name: 'inner', elements: [{ type: 'text', name: 'make', isRequired: true }] }],
            },
            { type: 'text', name: 'hidden_always', visible: false, isRequired: true },
            { type: 'text', name: 'kept', visibleIf: "{has_car} = 'yes'", clearIfInvisible: 'none' },
          ],
        },
        { visibleIf: "{has_car} <> 'no'", elements: [{ type: 'text', name: 'page_two', isRequired: true }] },
      ],
    };
    for (const answers of [
      {},
      { has_car: 'yes' },
      { has_car: 'no', make: 'Ford', hidden_always: 'x', kept: 'k', page_two: 'p' },
      { has_car: 'yes', make: 'Ford', page_two: 'p', kept: 'k' },
    ]) {
      expectSurveyCoreAgrees(definition, answers);
    }
  });

  it('honour the survey-wide clearInvisibleValues: none', () => {
    const keep = compileSurvey({
      clearInvisibleValues: 'none',
      elements: [
        { type: 'text', name: 'a' },
        { type: 'text', name: 'b', visibleIf: '{a} notempty' },
      ],
    });
    expect(keep.validate({ b: 'x' })).toEqual({ ok: true, answers: { b: 'x' } });
  });
});

describe('disabled questions (enableIf, readOnly)', () => {
  const survey = compileSurvey({
    elements: [
      { type: 'radiogroup', name: 'mode', choices: ['online', 'paper'] },
      { type: 'text', name: 'email', inputType: 'email', isRequired: true, enableIf: "{mode} = 'online'" },
      { type: 'panel', name: 'p', enableIf: "{mode} = 'paper'", elements: [{ type: 'text', name: 'address', isRequired: true }] },
      { type: 'text', name: 'fixed', readOnly: true, isRequired: true },
    ],
  });

  it('are not required while disabled, by their own enableIf or their panel', () => {
    expect(flagged(survey.validate({ mode: 'online' }))).toEqual(['email']);
    expect(flagged(survey.validate({ mode: 'paper' }))).toEqual(['address']);
  });

  it('agree with survey-core', () => {
    const definition = {
      elements: [
        { type: 'radiogroup', name: 'mode', choices: ['online', 'paper'] },
        { type: 'text', name: 'email', isRequired: true, enableIf: "{mode} = 'online'" },
        { type: 'panel', name: 'p', enableIf: "{mode} = 'paper'", elements: [{ type: 'text', name: 'address', isRequired: true }] },
        { type: 'text', name: 'fixed', readOnly: true, isRequired: true },
      ],
    };
    for (const answers of [{}, { mode: 'online' }, { mode: 'paper' }, { mode: 'paper', email: 'a@b.org', address: 'x' }])
      expectSurveyCoreAgrees(definition, answers);
  });

  it('keep their answers (survey-core does not clear disabled questions)', () => {
    expect(survey.validate({ mode: 'paper', email: 'a@b.org', address: '1 High St' })).toEqual({
      ok: true,
      answers: { mode: 'paper', email: 'a@b.org', address: '1 High St' },
    });
  });
});

describe('conditions use survey-core expressions', () => {
  it('looks names up without regard to case, and reads comments and list lengths', () => {
    const survey = compileSurvey({
      elements: [
        { type: 'checkbox', name: 'Places', choices: ['a', 'b', 'c'], showOtherItem: true },
        { type: 'text', name: 'many', visibleIf: '{places.length} > 1', isRequired: true },
        { type: 'text', name: 'why', visibleIf: '{places-Comment} notempty', isRequired: true },
        { type: 'text', name: 'has_a', visibleIf: "{PLACES} contains 'a'", isRequired: true },
      ],
    });
    expect(flagged(survey.validate({ Places: ['b', 'c'] }))).toEqual(['many']);
    expect(flagged(survey.validate({ Places: ['a', 'other'], 'Places-Comment': 'x' }))).toEqual(['many', 'why', 'has_a']);
  });

  it('agree with survey-core on case, comments, lengths and requiredIf replacing isRequired', () => {
    const definition = {
      elements: [
        { type: 'checkbox', name: 'Places', choices: ['a', 'b', 'c'], showOtherItem: true },
        { type: 'text', name: 'many', visibleIf: '{places.length} > 1', isRequired: true },
        { type: 'text', name: 'why', visibleIf: '{places-Comment} notempty', isRequired: true },
        { type: 'text', name: 'has_a', visibleIf: "{PLACES} contains 'a'", isRequired: true },
        { type: 'text', name: 'override', isRequired: true, requiredIf: "{places} contains 'b'" },
      ],
    };
    for (const answers of [{}, { Places: ['b', 'c'] }, { Places: ['a', 'other'], 'Places-Comment': 'x' }, { Places: ['other'] }])
      expectSurveyCoreAgrees(definition, answers);
  });

  it('gives the same answer on repeated calls (results are remembered per distinct answer)', () => {
    const survey = compileSurvey({
      elements: [
        { type: 'text', name: 'n', inputType: 'number' },
        { type: 'text', name: 'big', visibleIf: '{n} > 5', isRequired: true },
      ],
    });
    for (let round = 0; round < 3; round++) {
      for (let n = 0; n < 700; n++) expect(survey.validate({ n }).ok).toBe(n <= 5);
    }
  });

  it('evaluates functions such as iif and age', () => {
    const survey = compileSurvey({
      elements: [
        { type: 'text', name: 'born', inputType: 'date' },
        { type: 'text', name: 'adult_only', visibleIf: 'age({born}) >= 18', isRequired: true },
      ],
    });
    expect(flagged(survey.validate({ born: '1980-01-01' }))).toEqual(['adult_only']);
    expect(survey.validate({ born: `${new Date().getFullYear() - 5}-01-01` }).ok).toBe(true);
  });
});
