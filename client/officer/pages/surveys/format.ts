/** Words and dates the surveys pages share. */
import type { Audience } from './types';

export const AUDIENCE_LABELS: Record<Audience, string> = {
  resident: 'Residents (18 and over)',
  youth: 'Young people (through schools)',
  other: 'Other',
};
