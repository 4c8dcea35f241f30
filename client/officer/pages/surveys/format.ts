/** Words and dates the surveys pages share. */
import type { OfficerSurvey } from '../../api';

export const AUDIENCE_LABELS: Record<OfficerSurvey['audience'], string> = {
  resident: 'Residents (18 and over)',
  youth: 'Young people (through schools)',
  other: 'Other',
};
