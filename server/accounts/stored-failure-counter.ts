/**
 * The sign-in limiter's counts kept in the store (sign_in_attempts), so every server process on one
 * store shares them and a restart forgets nothing. Same rules as the in-memory FailureCounter
 * (./failure-counter.ts): a key with `maxFailures` attempts in the last `windowMs` is
 * blocked until the oldest ages out; `reserve` counts before the check, in one write transaction,
 * so a burst from any number of processes gets no more checks than attempts sent one by one.
 *
 * Keys are stored as a SHA-256, not as the email or address typed or seen; rows older than the
 * window are pruned as attempts are counted.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/open.js';
import { inTransaction } from '../store/transaction.js';
import {
  deleteAttempt,
  deleteAttemptsOfKey,
  insertAttempt,
  lockAttemptKey,
  oldestAttempt,
  pruneAttempts,
  recentAttemptCount,
  recentAttemptTimes,
} from './queries.js';

export interface StoredCounterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

export class StoredFailureCounter {
  private readonly now: () => number;

  constructor(
    private readonly store: Store,
    private readonly options: StoredCounterOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds until `key` may try again (0 when it may now). */
  async retryAfterSeconds(key: string): Promise<number> {
    return await this.waitFor(hash(key), this.now());
  }

  /** Counts one attempt now unless the key is blocked; `at` is what `release` gives back. */
  reserve(key: string): Promise<{ wait: number; at: number }> {
    const k = hash(key);
    // IMMEDIATE: the write lock is taken before counting, so two processes cannot both see room for one.
    // Postgres runs transactions side by side: the key's own lock, held to commit, does the same there.
    return inTransaction(this.store, async () => {
      await lockAttemptKey(this.store.db, k);
      const now = this.now();
      const oldest = await oldestAttempt(this.store.db);
      if (oldest !== null && oldest <= now - this.options.windowMs) await pruneAttempts(this.store.db, now - this.options.windowMs);
      const wait = await this.waitFor(k, now);
      if (wait) return { wait, at: 0 };
      return { wait: 0, at: await insertAttempt(this.store.db, k, now) };
    });
  }

  /** Gives back one attempt counted by `reserve` (one that succeeded, or was never checked). */
  async release(_key: string, at: number): Promise<void> {
    if (at) await deleteAttempt(this.store.db, at);
  }

  async reset(key: string): Promise<void> {
    await deleteAttemptsOfKey(this.store.db, hash(key));
  }

  private async waitFor(k: string, now: number): Promise<number> {
    const since = now - this.options.windowMs;
    if ((await recentAttemptCount(this.store.db, k, since)) < this.options.maxFailures) return 0;
    const recent = await recentAttemptTimes(this.store.db, k, since);
    const unblockAt = recent[recent.length - this.options.maxFailures] + this.options.windowMs;
    return Math.max(1, Math.ceil((unblockAt - now) / 1000));
  }
}
