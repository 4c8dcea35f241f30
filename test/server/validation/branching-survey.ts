/**
 * A small questionnaire exercising every branching rule the validator mirrors from survey-core:
 * page and panel visibleIf, chains of visibleIf (including one that looks backwards), requiredIf
 * overriding isRequired, enableIf on a question and on a panel, visible: false, 'other' with a comment,
 * minSelectedChoices, text and expression validators.
 */
export const branchingSurvey = {
  title: 'Branching test',
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'radiogroup', name: 'victim', isRequired: true, choices: ['yes', 'no', 'dont_know'] },
        {
          type: 'checkbox',
          name: 'crime_types',
          visibleIf: "{victim} = 'yes'",
          isRequired: true,
          choices: ['burglary', 'assault', 'vehicle', 'fraud'],
          showOtherItem: true,
          maxSelectedChoices: 3,
        },
        { type: 'boolean', name: 'reported', visibleIf: '{crime_types} notempty', isRequired: true },
        // Refers back to a later question: survey-core clears in order, so this tests the order.
        {
          type: 'comment',
          name: 'why_not_reported',
          visibleIf: "{reported} = false and {follow_up} = 'yes'",
          validators: [{ type: 'text', maxLength: 20 }],
        },
        { type: 'radiogroup', name: 'follow_up', visibleIf: '{reported} = false', choices: ['yes', 'no'], requiredIf: "{victim} = 'yes'" },
        { type: 'rating', name: 'satisfaction', visibleIf: '{reported} = true', rateMin: 1, rateMax: 5, isRequired: true },
      ],
    },
    {
      name: 'p2',
      elements: [
        { type: 'radiogroup', name: 'has_car', isRequired: true, choices: ['yes', 'no'] },
        {
          type: 'panel',
          name: 'car_panel',
          visibleIf: "{has_car} = 'yes'",
          elements: [
            { type: 'dropdown', name: 'car_worry', isRequired: true, choices: ['very', 'fairly', 'not_very', 'not_at_all'] },
            {
              type: 'text',
              name: 'car_count',
              inputType: 'number',
              min: 1,
              max: 9,
              visibleIf: "{car_worry} anyof ['very', 'fairly']",
              isRequired: true,
              validators: [{ type: 'expression', expression: "{car_count} <= 5 or {car_worry} = 'very'" }],
            },
          ],
        },
        { type: 'panel', name: 'locked', enableIf: "{has_car} = 'no'", elements: [{ type: 'text', name: 'bike', isRequired: true }] },
        { type: 'text', name: 'email', inputType: 'email', enableIf: "{victim} <> 'no'", isRequired: true },
        {
          type: 'tagbox',
          name: 'places',
          choices: ['park', 'station', 'town'],
          showNoneItem: true,
          minSelectedChoices: 2,
          requiredIf: "{has_car} = 'no' or {victim} = 'yes'",
        },
        { type: 'text', name: 'never_shown', visible: false, isRequired: true },
      ],
    },
    {
      name: 'p3',
      visibleIf: "{victim} <> 'dont_know'",
      elements: [
        { type: 'html', name: 'intro3', html: '<p>About you</p>' },
        { type: 'dropdown', name: 'age_band', isRequired: true, choices: ['18-24', '25-44', '45-64', '65+'], showOtherItem: true },
        { type: 'text', name: 'age_detail', visibleIf: "{age_band} = '65+' or {age_band-Comment} notempty" },
      ],
    },
  ],
};
