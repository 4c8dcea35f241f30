/** The downloads page's types. */

/** Each download button ('committee-open' shows the committee report in a tab, 'committee-html' saves it). */
export type DownloadKind =
  | 'committee-open'
  | 'committee-html'
  | 'report-xlsx'
  | 'report-crosstabs'
  | 'responses-csv'
  | 'responses-xlsx'
  | 'responses-sav'
  | 'responses-r';
