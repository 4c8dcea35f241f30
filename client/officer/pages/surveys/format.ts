/** Words and dates the surveys pages share. */
import type { OfficerSurvey } from '../../api';

/** Stored wave dates are the start of a day in UTC: shown as that day ("1 Sept 2026"), wherever the browser is. */
export const day = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const AUDIENCE_LABELS: Record<OfficerSurvey['audience'], string> = {
  resident: 'Residents (18 and over)',
  youth: 'Young people (through schools)',
  other: 'Other',
};
