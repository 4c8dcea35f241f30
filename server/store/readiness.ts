/**
 * Whether the store can take answers now (GET /api/ready): it has room for a write, its quick integrity
 * check passes, and the disk has more free space than READY_MIN_FREE_MB (default 100 MB).
 * The integrity check reads the whole file, so its result is kept for a minute.
 */
import { settings } from '../config.js';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDiskFull } from '../errors.js';
import { quickCheck, type Store } from './open.js';

export interface Readiness {
  ok: boolean;
  checks: { writable: boolean; integrity: boolean; freeMb: number; minFreeMb: number };
  /** Why not ready, in words; absent when ready. */
  error?: string;
}

const INTEGRITY_TTL_MS = 60_000;
const integrity = new WeakMap<Store, { at: number; problem: string | null }>();

export function minFreeMb(): number {
  return settings().readyMinFreeMb;
}

export function readiness(store: Store, now = Date.now()): Readiness {
  const problems: string[] = [];
  let writable = true;
  try {
    // Takes the write lock and allocates the pages of a submission or two (64 KB), then rolls
    // back: a store at its size limit (SQLITE_FULL) is not ready, though nothing is written.
    store.sqlite.exec('BEGIN IMMEDIATE; CREATE TABLE ready_probe(b); INSERT INTO ready_probe VALUES (zeroblob(65536));');
  } catch (e) {
    writable = false;
    problems.push(
      isDiskFull(e)
        ? `The store cannot grow: the disk is full (${(e as Error).message}). Free some space.`
        : `The store does not accept writes (${(e as Error).message}).`,
    );
  } finally {
    if (store.sqlite.inTransaction) store.sqlite.exec('ROLLBACK');
  }
  let cached = integrity.get(store);
  if (!cached || now - cached.at > INTEGRITY_TTL_MS) {
    let problem: string | null;
    try {
      problem = quickCheck(store.sqlite);
    } catch (e) {
      problem = (e as Error).message;
    }
    cached = { at: now, problem };
    integrity.set(store, cached);
  }
  if (cached.problem) problems.push(`The store failed its integrity check (${cached.problem}): restore it from a backup.`);
  const fs = statfsSync(dirname(store.file));
  const freeMb = Math.floor((fs.bavail * fs.bsize) / 2 ** 20);
  const floor = minFreeMb();
  if (freeMb < floor) problems.push(`The disk holding the store has ${freeMb} MB free, below ${floor} MB: free some space.`);
  const checks = { writable, integrity: !cached.problem, freeMb, minFreeMb: floor };
  return problems.length ? { ok: false, checks, error: problems.join(' ') } : { ok: true, checks };
}
