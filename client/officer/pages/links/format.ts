/** Words for the links page: kinds, states, days (stored as the start of a UTC day). */
import { count } from '../../format';

export const KIND_WORDS: Record<string, string> = { school: 'School', channel: 'Channel', single: 'Single use' };
export const STATE_WORDS: Record<string, string> = { active: 'Active', expired: 'Expired', full: 'Full', 'wave closed': 'Wave closed' };

/** "12 of 30" or "12 (no cap)". */
export const answersText = (responses: number, max: number | null) => (max === null ? `${count(responses)} (no cap)` : `${count(responses)} of ${count(max)}`);

/** Tomorrow as YYYY-MM-DD (UTC), the earliest expiry a new link can have. */
export const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
export const today = () => new Date().toISOString().slice(0, 10);

/** A file name for the downloaded QR code. */
export const qrFileName = (slug: string, wave: string, label: string) =>
  `qr-${[slug, wave, label]
    .map((s) =>
      s
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 60),
    )
    .join('-')}.svg`;
