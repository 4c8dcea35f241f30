/**
 * The surveys pages' types: response shapes from the typed client (`OkOf`, so they follow the
 * server's schemas), and the page state the views are given. Here, not in a Page, so no View
 * imports its Page.
 */
import type { client, OfficerSurvey, OkOf } from '../../api';

type SurveysApi = (typeof client)['api']['officer']['surveys'];

export type { OfficerSurvey };
export type Wave = OfficerSurvey['waves'][number];
export type Audience = OfficerSurvey['audience'];

/** What POST /surveys/check says of a questionnaire. */
export type CheckSummary = OkOf<SurveysApi['check']['$post']>;

/** A questionnaire to preview (GET /surveys/{slug}/definition). */
export type PreviewSurvey = OkOf<SurveysApi[':slug']['definition']['$get']>;

/** An open or close waiting for the officer's yes. */
export interface Pending {
  slug: string;
  title: string;
  wave: string;
  status: 'open' | 'closed';
  /** The survey's wave that is open now (opening another closes it). */
  openNow: string | null;
  opens: string | null;
  closes: string | null;
}

/** Dates as the date inputs give them: YYYY-MM-DD, or '' for none. */
export interface WaveDates {
  opens: string;
  closes: string;
}

export interface Feedback {
  slug: string;
  kind: 'ok' | 'error';
  message: string;
}
