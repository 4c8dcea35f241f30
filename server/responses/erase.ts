/**
 * Deleting returns for good: one return (an erasure request, a test entry) or every return of a
 * wave, each with the reason kept in the audit log. Nothing else is deleted: the wave, its links
 * and its weighting runs stay. The data version triggers bump on delete, so cached reports of the
 * wave are never served again.
 */
import { inTransaction } from '../store/transaction.js';
import { audit } from '../accounts/audit.js';
import { NotFound, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { findSurvey, findWave } from '../surveys/surveys.js';
import { deleteResponse, deleteWaveResponses, waveHasWeights } from './queries.js';
import type { ResponsesDeleted } from './schemas.js';

export const REASON_REQUIRED =
  'Say why the responses are being deleted (for example "erasure request from the respondent" or "test entry"): the reason is kept in the audit log. Nothing was deleted.';

export interface EraseBy {
  /** The officer who asked, for the audit log; the CLI has none. */
  by?: { id: number } | null;
  /** Who or what asked when there is no officer (the CLI, the retention sweep). */
  actor?: string;
}

function reasonOf(reason: string | undefined): string {
  const r = (reason ?? '').trim();
  if (!r) throw new Unprocessable(REASON_REQUIRED, { field: 'reason' });
  return r;
}

function outcome(deleted: number, weighted: boolean): ResponsesDeleted {
  return {
    deleted,
    reweight: weighted && deleted > 0,
    message: `${deleted === 1 ? '1 response was' : `${deleted} responses were`} deleted.${
      weighted && deleted > 0 ? " The wave's weights were made with them: run the weighting again." : ''
    }`,
  };
}

/** Deletes return `id` of a wave, audited as `responses.deleted` with the reason. */
export async function eraseResponse(store: Store, args: { slug: string; wave: string; id: number; reason?: string } & EraseBy): Promise<ResponsesDeleted> {
  const reason = reasonOf(args.reason);
  const wave = await findWave(store.db, await findSurvey(store.db, args.slug), args.wave);
  return inTransaction(store, async () => {
    const deleted = await deleteResponse(store, args.id, wave.id);
    if (!deleted) throw new NotFound(`Wave ${args.wave} of ${args.slug} has no response ${args.id}. Nothing was deleted.`);
    await audit(store, args.by, 'responses.deleted', {
      survey: args.slug,
      wave: args.wave,
      ids: [args.id],
      count: 1,
      reason,
      ...(args.actor ? { actor: args.actor } : {}),
    });
    return outcome(deleted, await waveHasWeights(store, wave.id));
  });
}

/**
 * Deletes every return of a wave, audited as `responses.deleted` with the count and reason.
 * `confirm` must be the wave's name as typed, so a wave is never emptied by a slip.
 */
export async function eraseWaveResponses(
  store: Store,
  args: { slug: string; wave: string; confirm?: string; reason?: string } & EraseBy,
): Promise<ResponsesDeleted> {
  const reason = reasonOf(args.reason);
  const wave = await findWave(store.db, await findSurvey(store.db, args.slug), args.wave);
  if ((args.confirm ?? '').trim() !== wave.name) {
    throw new Unprocessable(`Type the wave's name, ${wave.name}, to confirm that every response of it is to be deleted. Nothing was deleted.`, {
      field: 'confirm',
    });
  }
  return inTransaction(store, async () => {
    const deleted = await deleteWaveResponses(store, wave.id);
    await audit(store, args.by, 'responses.deleted', {
      survey: args.slug,
      wave: args.wave,
      all: true,
      count: deleted,
      reason,
      ...(args.actor ? { actor: args.actor } : {}),
    });
    return outcome(deleted, await waveHasWeights(store, wave.id));
  });
}
