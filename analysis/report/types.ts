/** The shapes a survey report is built from and returns (JSON for the CLI, the API and exports). */
import type { AnswerColumns } from './answers.js';

export type CiMethod = 'logit' | 'beta' | 'wilson';

export interface Category {
  value: string;
  label: string;
}

/** A question to estimate: its answer categories, the nets reported beside them, what leaves the base. */
export interface ReportQuestion {
  name: string;
  construct: string;
  title?: string;
  categories: Category[];
  /** e.g. { name: 'unsafe', values: ['fairly_unsafe', 'very_unsafe'] } */
  nets: { name: string; values: string[] }[];
  /** Answers not counted in the base (e.g. dont_know), stated in the output. */
  excludeFromBase: string[];
  /**
   * 'single' (default): categories and nets as proportions. 'multi': each option as the share who
   * chose it among those who answered. 'numeric': the weighted mean (one row, category 'mean').
   */
  kind?: 'single' | 'multi' | 'numeric';
}

/** A categorical question to break results down by; `groups` merges answer values (e.g. ethnic groups). */
export interface ReportBreakdown {
  name: string;
  title?: string;
  categories: Category[];
  /**
   * For a grouped form (e.g. ethnicity as White / Asian / …): the detailed breakdown and which of
   * its values each group holds, so a hidden detailed group is protected within its parent.
   */
  groupsOf?: { breakdown: string; groups: Record<string, string[]> };
}

export interface Calibration {
  /** 'regression': linear / logit calibration (R calibrate) on the margins' main effects. */
  kind: 'poststrat' | 'raking' | 'regression';
  /** Category index per respondent for each margin (one for post-stratification). */
  margins: Int32Array[];
  /** Raking only: each margin's weights from the last sweep (R attr(margin, "weights")); the final weights stand in when absent. */
  marginWeights?: Float64Array[];
  /** Regression only: the weights before calibrating (design weights scaled to the population total). */
  baseWeights?: Float64Array;
}

/** A complex sample declared for the wave (see ../design/design.ts): strata, PSUs, fpc per respondent. */
export interface SampleDesignInput {
  strata?: Int32Array;
  psu?: Int32Array;
  fpc?: Float64Array;
  stratumNames?: readonly string[];
}

/** What the report says of the declared design. */
export interface SampleDesignSummary {
  /** Strata in the design (1 when only clusters were declared). */
  strata: number;
  /** PSUs (clusters); the respondents themselves when no PSU was declared. */
  psus: number;
  clustered: boolean;
  fpc: boolean;
  /** Design degrees of freedom: PSUs minus strata (R degf). */
  df: number;
  /** The design in words, for the method text. */
  text: string;
}

export interface ReportInput {
  questions: ReportQuestion[];
  breakdowns: ReportBreakdown[];
  /** Answers keyed by question name, one object per respondent, or by question (./answers.ts). */
  answers: readonly Record<string, unknown>[] | AnswerColumns;
  weights: Float64Array;
  calibration?: Calibration;
  /** Strata, PSUs and fpc declared at import: every estimate, CI and test uses them. */
  design?: SampleDesignInput;
  ci?: CiMethod;
  /** Unweighted base below which an estimate is suppressed (DESIGN: 30). */
  threshold?: number;
  /** Significance level for the BH-adjusted flag. */
  alpha?: number;
  /**
   * How groups are compared: 'auto' (default) every pair up to 5 groups, each group against the
   * rest of the sample above that; 'pairs' every pair up to 12 groups; 'rest' always the rest.
   */
  comparisons?: ComparisonMode;
}

export type ComparisonMode = 'auto' | 'pairs' | 'rest';

export interface Estimate {
  question: string;
  construct: string;
  category: string;
  label: string;
  net: boolean;
  group: null | { variable: string; value: string; label: string };
  /**
   * Unweighted respondents in the base (valid answers in the group); null when suppressed, since a
   * hidden cell's base with the published total would give the hidden group by subtraction.
   */
  n: number | null;
  /**
   * Effective base: the simple random sample size with the same precision, p̂(1−p̂)/SE² for a
   * proportion (null for means, suppressed cells, and p̂ of 0 or 1 where SE is 0).
   */
  nEffective: number | null;
  estimate: number | null;
  se: number | null;
  ci: [number, number] | null;
  suppressed: boolean;
  reason?: string;
  /** Set when the effective base is below 100 (build-report SMALL_EFFECTIVE_BASE): shown beside the figure in every output. */
  caution?: string;
  /** Overall shares only: the weighting sets this share (a calibration margin fixes it), so it has no sampling error. */
  fixedByWeighting?: boolean;
  /** With a declared sample design: the design degrees of freedom of the estimate's base (PSUs − strata), used for its CI. */
  df?: number;
}

export interface Comparison {
  question: string;
  category: string;
  variable: string;
  /** 'group': group a against group b; 'rest': group a against the rest of the sample (b is '_rest'). */
  against: 'group' | 'rest';
  a: string;
  b: string;
  estimateA: number | null;
  estimateB: number | null;
  difference: number | null;
  se: number | null;
  t: number | null;
  p: number | null;
  pAdjusted: number | null;
  significant: boolean;
  suppressed: boolean;
  reason?: string;
}

export interface Association {
  question: string;
  variable: string;
  F: number | null;
  ndf: number | null;
  ddf: number | null;
  p: number | null;
  pAdjusted: number | null;
  significant: boolean;
  /** Respondents who answered both; null below the threshold (a small base is not published). */
  n: number | null;
  reason?: string;
}

export interface Change {
  question: string;
  category: string;
  label: string;
  net: boolean;
  /** n is null when that wave's estimate is suppressed. */
  from: { wave: string; n: number | null; estimate: number | null };
  to: { wave: string; n: number | null; estimate: number | null };
  difference: number | null;
  se: number | null;
  p: number | null;
  pAdjusted: number | null;
  significant: boolean;
  suppressed: boolean;
  reason?: string;
}

export interface BaseNote {
  question: string;
  excluded: string[];
  note: string;
}

export interface WaveReport {
  n: number;
  nEffective: number;
  marginOfError: number;
  ciMethod: CiMethod;
  threshold: number;
  bases: BaseNote[];
  estimates: Estimate[];
  comparisons: Comparison[];
  /** How each breakdown's groups were compared, one per breakdown, with the rule in words. */
  comparisonRules: ComparisonRule[];
  /** The comparison rule as a paragraph for the report's method text. */
  comparisonMethod: string;
  associations: Association[];
  /** The declared sample design, or null (respondents treated as independent, with their weights). */
  sampleDesign: SampleDesignSummary | null;
}

export interface ComparisonRule {
  variable: string;
  groups: number;
  against: 'group' | 'rest';
  text: string;
}
