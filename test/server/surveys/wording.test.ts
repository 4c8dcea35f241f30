/**
 * The one reader of a questionnaire's wording (server/validation/localised.ts, re-exported with
 * the question wording by server/surveys/wording.ts): plain or localised strings, titles and
 * choice texts, with the fallbacks every caller relies on.
 */
import { describe, expect, it } from 'vitest';
import { localisedString, questionWording, textOf } from '../../../server/surveys/wording.js';

describe('textOf', () => {
  it('reads a plain string, trimmed', () => {
    expect(textOf('  Very safe ')).toBe('Very safe');
  });

  it('reads the default locale of a localised text, then English', () => {
    expect(textOf({ default: 'How safe do you feel?', cy: 'Pa mor ddiogel ydych chi’n teimlo?' })).toBe('How safe do you feel?');
    expect(textOf({ en: 'Walking alone after dark', cy: 'Cerdded ar eich pen eich hun ar ôl iddi dywyllu' })).toBe('Walking alone after dark');
    expect(textOf({ default: 'Default', en: 'English' })).toBe('Default');
  });

  it('gives undefined for blank, missing or non-text values', () => {
    expect(textOf('   ')).toBeUndefined();
    expect(textOf(undefined)).toBeUndefined();
    expect(textOf(null)).toBeUndefined();
    expect(textOf(42)).toBeUndefined();
    expect(textOf({ cy: 'Cymraeg yn unig' })).toBeUndefined();
    expect(textOf({ default: 7 })).toBeUndefined();
    expect(textOf(['Very safe'])).toBeUndefined();
  });
});

describe('localisedString', () => {
  it('keeps the text as written (untrimmed, blank kept)', () => {
    expect(localisedString({ default: ' <p>Thank you</p> ' })).toBe(' <p>Thank you</p> ');
    expect(localisedString('')).toBe('');
    expect(localisedString({ cy: 'Diolch' })).toBeUndefined();
  });
});

describe('questionWording', () => {
  const definition = {
    title: 'Community safety',
    pages: [
      {
        name: 'p1',
        elements: [
          {
            type: 'radiogroup',
            name: 'safe_after_dark',
            title: { default: 'How safe do you feel after dark?', cy: 'Pa mor ddiogel?' },
            choices: [
              { value: 'very_safe', text: { default: 'Very safe', cy: 'Diogel iawn' } },
              { value: 'unsafe', text: ' Unsafe ' },
              { value: 3 },
              'not_sure',
            ],
          },
          { type: 'panel', name: 'more', elements: [{ type: 'text', name: 'postcode' }] },
        ],
      },
    ],
  };

  it('gives each question its title and its choices by value, the value when a choice has no text', () => {
    const w = questionWording(definition);
    expect([...w.keys()]).toEqual(['safe_after_dark', 'postcode']);
    expect(w.get('safe_after_dark')?.title).toBe('How safe do you feel after dark?');
    expect([...(w.get('safe_after_dark')?.choices ?? [])]).toEqual([
      ['very_safe', 'Very safe'],
      ['unsafe', 'Unsafe'],
      ['3', '3'],
      ['not_sure', 'not_sure'],
    ]);
    expect(w.get('postcode')).toEqual({ title: undefined, choices: new Map(), specialChoices: new Map() });
  });

  it("gives the extra items shown their text, or survey-core's English default", () => {
    const w = questionWording({
      elements: [
        { type: 'checkbox', name: 'places', choices: ['park'], showOtherItem: true, otherText: 'Somewhere else', hasNone: true, showRefuseItem: true },
        { type: 'radiogroup', name: 'safe', choices: ['yes'], showDontKnowItem: true, dontKnowText: { default: 'Not sure' } },
      ],
    });
    expect([...w.get('places')!.specialChoices]).toEqual([
      ['other', 'Somewhere else'],
      ['none', 'None'],
      ['refused', 'Refuse to answer'],
    ]);
    expect([...w.get('safe')!.specialChoices]).toEqual([['dontknow', 'Not sure']]);
    expect([...w.get('places')!.choices]).toEqual([['park', 'park']]);
  });
});
