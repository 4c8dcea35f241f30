/**
 * Whether a school or channel link takes answers now: one rule for the respondent API (findLink
 * refuses with it) and the officer pages (links.ts describes it), so the two always agree.
 */
import { Gone, NotFound } from '../errors.js';
import type { Db } from '../store/open.js';
import { responseCountOfLink } from '../surveys/queries.js';
import { type LinkRow, waveClosedReason, type WaveRow } from '../surveys/surveys.js';
import { type LinkContext, linkByToken } from './queries.js';

export const LINK_FULL = 'This survey link has received all the answers it was set up for.';

/** Why a link takes no answers now, checked in this order; null when it does. */
export type LinkUnavailable = { kind: 'expired' } | { kind: 'wave closed'; reason: string } | { kind: 'full' };

/**
 * The one rule for whether a link takes answers: expired, then its wave closed (or outside its
 * dates), then full. `used` is asked only when the link has a cap. The respondent API refuses with
 * it (findLink) and the officer pages describe it (links.ts), so the two always agree.
 */
export function linkUnavailable(link: LinkRow, wave: WaveRow, used: () => number, now = new Date()): LinkUnavailable | null {
  if (link.expiresAt && now >= new Date(link.expiresAt)) return { kind: 'expired' };
  const closed = waveClosedReason(wave, now);
  if (closed) return { kind: 'wave closed', reason: closed };
  if (link.maxResponses != null && used() >= link.maxResponses) return { kind: 'full' };
  return null;
}

/**
 * A distribution link with its wave and survey; 404 if unknown; 410 if expired, full, or its wave
 * is closed. `checkCap: false` leaves the cap to storeResponse, which checks it after the
 * idempotency key, so a retried return through a link that has just filled still gets its id.
 */
export async function findLink(db: Db, token: string, now = new Date(), { checkCap = true } = {}): Promise<LinkContext> {
  const row = await linkByToken(db, token);
  if (!row) throw new NotFound('This survey link is not recognised. Check that it was copied in full.');
  const used = checkCap && row.link.maxResponses != null ? await responseCountOfLink(db, row.link.id) : 0;
  const unavailable = linkUnavailable(row.link, row.wave, () => used, now);
  if (unavailable?.kind === 'expired') throw new Gone(`This survey link expired on ${row.link.expiresAt!.slice(0, 10)}.`);
  if (unavailable?.kind === 'wave closed') throw new Gone(unavailable.reason);
  if (unavailable?.kind === 'full') throw new Gone(LINK_FULL);
  return row;
}
