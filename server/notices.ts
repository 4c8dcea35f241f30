/**
 * The warnings every view carries beside made-up figures: synthetic (demo) responses and
 * ILLUSTRATIVE population figures. One wording each, so the JSON, the workbooks, the committee
 * report and the CLI say the same thing. It imports nothing, so every noun (responses,
 * weighting, reports, crime), the routes and the CLI can use it, as they use errors.ts.
 */

/** Weighting targets taken from illustrative population figures. */
export const ILLUSTRATIVE_TARGETS_NOTICE = 'Weighting targets come from ILLUSTRATIVE population figures (made up, not ONS data).';

/** Crime rates per 1,000 residents computed from illustrative population figures. */
export const ILLUSTRATIVE_RATES_NOTICE =
  'The population figures are ILLUSTRATIVE (made up, not ONS data), so the crime rates per 1,000 residents are illustrative too; load real figures on the Data page (or with `population import`).';

/** Ward population shares from illustrative figures (the Returns page). */
export const ILLUSTRATIVE_SHARES_NOTICE =
  'The population shares are ILLUSTRATIVE (made up, not ONS data); load real figures on the Data page (or with `population import`).';

/** The population table itself holds illustrative figures (the Data page, the population API). */
export const ILLUSTRATIVE_POPULATION_NOTICE =
  'These population figures are ILLUSTRATIVE (made up, not ONS data): crime rates per 1,000 residents and weighting targets made from them are illustrative too. Upload real figures (for example ONS mid-year estimates) to replace them.';

/** The `synthetic` column of an exported response that is demo data (CSV and workbook). */
export const SYNTHETIC_ROW_MARK = 'synthetic (made-up demo data)';

/** `synthetic` of the report's responses are demo data; null when none are. */
export function syntheticResponsesNotice(synthetic: number): string | null {
  return synthetic ? `${synthetic} of these responses are SYNTHETIC demo data (made up), not real survey results.` : null;
}

/** `synthetic` of a wave's `total` returns (complete and partial) are demo data; null when none are. */
export function syntheticReturnsNotice(synthetic: number, total: number): string | null {
  return synthetic ? `${synthetic} of these ${total} returns are SYNTHETIC demo data (made up), not real survey replies.` : null;
}

/** `synthetic` of the `total` responses exported (CSV or workbook) are demo data; null when none are. */
export function syntheticExportNotice(synthetic: number, total: number): string | null {
  return synthetic ? `${synthetic} of these ${total} responses are SYNTHETIC demo data (made up), not real survey results.` : null;
}

/** `synthetic` of a weighted wave's responses are demo data; null when none are. */
export function syntheticWaveNotice(synthetic: number): string | null {
  return synthetic ? `${synthetic} of the responses in this wave are SYNTHETIC demo data (made up), not real survey replies.` : null;
}
