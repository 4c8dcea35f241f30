/**
 * Which questionnaire this page is for, read from its address: `/s/<slug>` (a public survey)
 * or `/y/<token>` (a school or channel link). Pure: takes a pathname, returns API paths.
 */
export interface Target {
  kind: 'survey' | 'link';
  /** The slug or the link token, as in the address. */
  id: string;
  /** GET this for the questionnaire. */
  surveyUrl: string;
  /** POST answers here. */
  responsesUrl: string;
}

export function targetFromPath(pathname: string): Target | null {
  const m = /^\/(s|y)\/([^/?#]+)\/?$/.exec(pathname);
  if (!m) return null;
  const id = decodeURIComponent(m[2]);
  const base = m[1] === 's' ? `/api/surveys/${encodeURIComponent(id)}` : `/api/links/${encodeURIComponent(id)}`;
  return { kind: m[1] === 's' ? 'survey' : 'link', id, surveyUrl: base, responsesUrl: `${base}/responses` };
}
