/**
 * Every read and write of sign_in_attempts: the only code that touches that table. Keys arrive
 * already hashed (./counter.ts).
 */
import { and, count, eq, gt, lte, min } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { signInAttempts } from '../store/schema.js';

/** The key's attempts after `since`: how many, and the times (oldest first) when needed. */
export function recentAttemptTimes(db: Db, key: string, since: number): number[] {
  return db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
    .orderBy(signInAttempts.at)
    .all()
    .map((r) => r.at);
}

export function recentAttemptCount(db: Db, key: string, since: number): number {
  return db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gt(signInAttempts.at, since)))
    .get()!.n;
}

export function insertAttempt(db: Db, key: string, at: number): number {
  return db.insert(signInAttempts).values({ key, at }).returning({ id: signInAttempts.id }).get().id;
}

export function deleteAttempt(db: Db, id: number): void {
  db.delete(signInAttempts).where(eq(signInAttempts.id, id)).run();
}

export function deleteAttemptsOfKey(db: Db, key: string): void {
  db.delete(signInAttempts).where(eq(signInAttempts.key, key)).run();
}

/** Removes attempts at or before `before` (aged out of every window). */
export function pruneAttempts(db: Db, before: number): void {
  db.delete(signInAttempts).where(lte(signInAttempts.at, before)).run();
}

/** The oldest attempt's time, or null with none: whether pruning has anything to do. */
export function oldestAttempt(db: Db): number | null {
  return (
    db
      .select({ at: min(signInAttempts.at) })
      .from(signInAttempts)
      .get()?.at ?? null
  );
}
