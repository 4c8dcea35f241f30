/**
 * The first page's types: the findings document from the typed client (so it follows the server's
 * schema) and what the view is given for each survey. Here, not in the Page, so the View does not
 * import its Page.
 */
import type { client, OfficerSurvey, OkOf } from '../../api';

type FindingsGet = (typeof client)['api']['officer']['surveys'][':slug']['waves'][':wave']['findings']['$get'];
export type WaveFindings = OkOf<FindingsGet>;
export type Finding = WaveFindings['findings'][number];
export type Wave = OfficerSurvey['waves'][number];
export type { OfficerSurvey };

/** One survey on the first page: its wave shown, the wave compared with, and the findings (or why there are none yet). */
export interface HeadlineCard {
  survey: OfficerSurvey;
  wave: Wave;
  /** The latest earlier wave with responses, whose changes the findings include (null: none). */
  compareWave: string | null;
  findings: WaveFindings | null;
  /** Still being computed. */
  loading: boolean;
  /** Why there are no figures (no complete responses yet, a failure), in words. */
  problem: string | null;
}
