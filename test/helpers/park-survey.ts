/**
 * A park safety questionnaire MADE UP for tests (no real survey asks it), shared by the officer
 * API tests (test/server/surveys/manage-api.test.ts) and the surveys page in the browser
 * (test/e2e/officer-surveys.test.ts).
 */

/** A made-up questionnaire (fictional, for tests): two pages, every kind of question. */
export const PARK = {
  title: 'Park safety check (made up, test)',
  pages: [
    {
      name: 'park',
      elements: [
        {
          type: 'radiogroup',
          name: 'feel_safe',
          title: 'How safe do you feel in the park after dark?',
          isRequired: true,
          choices: [
            { value: 'safe', text: 'Safe' },
            { value: 'unsafe', text: 'Unsafe' },
            { value: 'dont_know', text: "Don't know" },
          ],
        },
        {
          type: 'checkbox',
          name: 'worries',
          title: 'What worries you in the park?',
          choices: [
            { value: 'lighting', text: 'Poor lighting' },
            { value: 'groups', text: 'Groups of people' },
          ],
          showNoneItem: true,
        },
        {
          type: 'dropdown',
          name: 'visits',
          title: 'How often do you visit?',
          choices: [
            { value: 'weekly', text: 'Every week' },
            { value: 'rarely', text: 'Rarely' },
          ],
        },
      ],
    },
    {
      name: 'you',
      elements: [
        { type: 'text', name: 'age', inputType: 'number', title: 'Your age', min: 18, max: 120 },
        { type: 'boolean', name: 'dog', title: 'Do you walk a dog there?' },
        { type: 'comment', name: 'ideas', title: 'Ideas to make the park safer' },
      ],
    },
  ],
};

/** The same questionnaire with only the named questions (in its order; pages left empty dropped). */
export function parkWith(names: readonly string[]): typeof PARK {
  return {
    ...PARK,
    pages: PARK.pages.map((p) => ({ ...p, elements: p.elements.filter((e) => names.includes(e.name)) })).filter((p) => p.elements.length),
  } as typeof PARK;
}
