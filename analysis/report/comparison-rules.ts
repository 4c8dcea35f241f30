/**
 * Which comparisons a breakdown gets, and the rule in words for the report's method text.
 *
 * Every pair of G groups is G(G − 1)/2 comparisons per answer (325 for 26 wards), too many to read
 * and, after the Benjamini–Hochberg adjustment over all of them, with little power. So:
 * - 'auto' (default): every pair for up to PAIRWISE_MAX_GROUPS groups; above that, each group
 *   against the rest of the sample (everyone else with a known group), G comparisons per answer;
 * - 'pairs': every pair for up to PAIRS_ON_REQUEST_MAX_GROUPS groups, the rest of the sample above;
 * - 'rest': each group against the rest of the sample for every breakdown.
 *
 * @example
 * comparisonRule({ name: 'ward', title: 'Ward', categories: wards26 }, 'auto');
 * // { variable: 'ward', groups: 26, against: 'rest', text: 'Ward (26 groups): each group is compared with the rest of the sample …' }
 */
import type { ComparisonMode, ComparisonRule, ReportBreakdown } from './types.js';

/** Up to this many groups, 'auto' compares every pair. */
export const PAIRWISE_MAX_GROUPS = 5;
/** Up to this many groups, 'pairs' compares every pair; larger breakdowns stay against the rest. */
export const PAIRS_ON_REQUEST_MAX_GROUPS = 12;
/** `b` of a comparison of a group with the rest of the sample. */
export const REST_OF_SAMPLE = '_rest';

export const COMPARISON_MODES: ComparisonMode[] = ['auto', 'pairs', 'rest'];

export function comparisonRule(b: ReportBreakdown, mode: ComparisonMode = 'auto'): ComparisonRule {
  const G = b.categories.length;
  const head = `${b.title ?? b.name} (${G} group${G === 1 ? '' : 's'})`;
  const rest = (text: string): ComparisonRule => ({ variable: b.name, groups: G, against: 'rest', text: `${head}: ${text}` });
  const pairs = (text: string): ComparisonRule => ({ variable: b.name, groups: G, against: 'group', text: `${head}: ${text}` });
  const restWords = 'each group is compared with the rest of the sample (everyone else who answered this breakdown)';
  if (mode === 'rest') return rest(`${restWords}, as asked.`);
  if (mode === 'pairs') {
    if (G <= PAIRS_ON_REQUEST_MAX_GROUPS) return pairs('every pair of groups is compared, as asked.');
    return rest(
      `every pair of groups was asked for, but above ${PAIRS_ON_REQUEST_MAX_GROUPS} groups that would be ${(G * (G - 1)) / 2} comparisons for each answer, so ${restWords} instead.`,
    );
  }
  if (G <= PAIRWISE_MAX_GROUPS) return pairs('every pair of groups is compared.');
  return rest(`${restWords}, because with more than ${PAIRWISE_MAX_GROUPS} groups there would be too many pairs to read.`);
}

/** The method paragraph: how groups are compared and tested, for the given mode. */
export function comparisonMethodText(mode: ComparisonMode = 'auto', alpha = 0.05): string {
  const rule =
    mode === 'rest'
      ? 'Each group of every breakdown is compared with the rest of the sample (everyone else who answered that breakdown), as asked for this report.'
      : mode === 'pairs'
        ? `Every pair of groups is compared for breakdowns of up to ${PAIRS_ON_REQUEST_MAX_GROUPS} groups, as asked for this report; in a breakdown with more groups each group is compared with the rest of the sample (everyone else who answered that breakdown) instead.`
        : `For a breakdown with up to ${PAIRWISE_MAX_GROUPS} groups, every pair of groups is compared. Above ${PAIRWISE_MAX_GROUPS} groups (wards, for example), each group is compared with the rest of the sample (everyone else who answered that breakdown) rather than with every other group, so each result says whether that group differs from the rest.`;
  return (
    `${rule} Each difference is tested with a t test on n − 1 degrees of freedom (n being the respondents who answered the question), ` +
    'using standard errors that allow for the weighting and for the correlation between the two estimates compared. ' +
    'The p-values are adjusted with the Benjamini–Hochberg method within each question and breakdown, ' +
    `and a difference is called significant only when its adjusted p-value is below ${alpha}. ` +
    'Each family of adjusted p-values is stated here: the group comparisons of one question by one breakdown ' +
    '(every answer and net of that question, every comparison of its groups) are one family; the tests of association ' +
    '(Rao–Scott, one per question and breakdown) are one family across the report; the changes since an earlier wave ' +
    '(every answer and net of every question) are one family across the report.'
  );
}
