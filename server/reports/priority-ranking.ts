/**
 * What a saved priority matrix (MoRiLE-style: threat, risk and harm scored per crime or
 * anti-social-behaviour theme, then ranked) gives the committee report and its Word copy. The
 * matrix itself (scoring, evidence, audit) lives in this folder; the report only prints this.
 */

/** One thing officers score 1–5, with the weight the partnership gave it. */
export interface PriorityCriterion {
  key: string;
  label: string;
  /** What a 1 and a 5 mean, as shown to the officer scoring. */
  guidance: string;
  weight: number;
}

/** One theme's row of the ranked list. */
export interface PriorityRow {
  theme: string;
  label: string;
  /** 1 = highest priority; null while the theme is not fully scored. */
  rank: number | null;
  /** The weighted score; null while any criterion is unscored. */
  score: number | null;
  /** Criterion key → the officer's score 1–5, or null if not scored yet. */
  scores: Record<string, number | null>;
  /** The evidence the product pre-filled, each a sentence in plain English (volume, trend, perception). */
  evidence: string[];
  /** Who last scored this theme, and when (ISO 8601). */
  scoredBy: string | null;
  scoredAt: string | null;
}

export interface PriorityRanking {
  /** The assessment year, e.g. "2026". */
  year: string;
  criteria: PriorityCriterion[];
  /** In rank order; unscored themes last. */
  rows: PriorityRow[];
  /** How the score is formed, in plain English, for the report's method. */
  method: string;
}
