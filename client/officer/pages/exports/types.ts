/** The downloads page's types. */

/** Each download button ('committee-open' shows the committee report in a tab, 'committee-html' saves it, 'committee-docx' saves the Word copy). */
export type DownloadKind =
  | 'committee-open'
  | 'committee-html'
  | 'committee-docx'
  | 'report-xlsx'
  | 'report-crosstabs'
  | 'responses-csv'
  | 'responses-xlsx'
  | 'responses-sav'
  | 'responses-r';
