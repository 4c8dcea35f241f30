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

type TranslationsApi = SurveysApi[':slug']['translations'];

/** A language a questionnaire is offered in (GET /surveys/{slug}/translations). */
export type Language = OkOf<TranslationsApi['$get']>['languages'][number];

/** A filled-in sheet checked (POST …/translations/{locale}/check): every string and the translated questionnaire. */
export type TranslationPreview = OkOf<TranslationsApi[':locale']['check']['$post']>;

/** Where the Translations section of a questionnaire is. */
export interface TranslationsState {
  languages: Language[];
  loadError: string | null;
  /** The locale code typed in, as typed. */
  locale: string;
  /** Why the locale typed cannot be used (null when it can). */
  localeProblem: string | null;
  busy: boolean;
  /** The chosen file's name while it is checked or stored. */
  fileName: string | null;
  /** A refusal: the message and each problem listed. */
  refusal: { message: string; problems: string[] } | null;
  preview: TranslationPreview | null;
  showQuestionnaire: boolean;
  confirming: boolean;
  /** The outcome of storing, announced. */
  stored: string | null;
}
