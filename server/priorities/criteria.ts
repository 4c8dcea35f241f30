/**
 * What a priority assessment scores (MoRiLE: Management of Risk in Law Enforcement) and against
 * which themes. Each crime or anti-social-behaviour theme is scored 1–5 on each criterion by the
 * officers; on every criterion a higher score means a higher priority, so capacity is scored as
 * the gap in what the partnership can do, not its strength.
 */
import { POLICE_UK_CRIME_TYPES } from '../../surveys/metadata.js';

export interface CriterionSpec {
  key: string;
  label: string;
  /** What a 1 and a 5 mean, shown beside the choice (and in the report). */
  guidance: string;
  /** What each score 1–5 means, shown beside each choice on the page. */
  levels: [string, string, string, string, string];
}

export const CRITERIA: readonly CriterionSpec[] = [
  {
    key: 'threat',
    label: 'Threat',
    guidance: '1: the issue is rare and not growing; 5: it is widespread or growing quickly, or an organised group is behind it.',
    levels: ['Rare and not growing', 'Occasional', 'Regular', 'Frequent or growing', 'Widespread, growing quickly or organised'],
  },
  {
    key: 'risk',
    label: 'Risk',
    guidance: '1: unlikely to happen to anyone in the borough in the coming year; 5: almost certain to happen, and often.',
    levels: ['Unlikely', 'Possible', 'Likely', 'Very likely', 'Almost certain, and often'],
  },
  {
    key: 'harm',
    label: 'Harm',
    guidance:
      '1: little lasting harm to the victim, the community or partners; 5: serious physical, emotional or financial harm, or harm to a whole community.',
    levels: ['Little lasting harm', 'Some short-lived harm', 'Noticeable harm', 'Serious harm to victims', 'Serious harm, or harm to a whole community'],
  },
  {
    key: 'vulnerability',
    label: 'Vulnerability',
    guidance: '1: victims are seldom vulnerable; 5: victims are mostly vulnerable people (children, older or disabled people, people harmed repeatedly).',
    levels: [
      'Victims seldom vulnerable',
      'Some victims vulnerable',
      'Many victims vulnerable',
      'Most victims vulnerable',
      'Almost all victims vulnerable or harmed repeatedly',
    ],
  },
  {
    key: 'capacity',
    label: 'Capacity gap',
    guidance: '1: the partnership has the people, powers and skills to tackle it; 5: it has little or no capacity or capability to tackle it.',
    levels: ['Fully able to tackle it', 'Mostly able', 'Partly able', 'Little capacity or capability', 'No capacity or capability'],
  },
];

export const CRITERION_KEYS = CRITERIA.map((c) => c.key);

/** The weight of each criterion until the partnership sets its own. */
export const DEFAULT_WEIGHT = 1;
export const MAX_WEIGHT = 10;

export interface ThemeSpec {
  key: string;
  label: string;
  /** The police.uk crime type whose recorded figures are its evidence. */
  crimeType: string;
}

/** The themes: the police.uk crime types (anti-social behaviour included), keyed by a slug. */
export const THEMES: readonly ThemeSpec[] = POLICE_UK_CRIME_TYPES.map((t) => ({
  key: t
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, ''),
  label: t,
  crimeType: t,
}));

export function themeByKey(key: string): ThemeSpec | undefined {
  return THEMES.find((t) => t.key === key);
}

export const METHOD =
  'Each theme is scored 1–5 by officers on each criterion (5 = the highest priority); its score is the weighted mean of its five scores, ' +
  'Σ weight × score / Σ weight, so it runs from 1 to 5. Themes are ranked from the highest score; themes with equal scores share a rank. ' +
  'A theme is ranked only once every criterion is scored. The evidence beside each theme is filled in from the recorded crime and survey ' +
  'answers held; the scores are the officers’ own.';
