/**
 * Whether the store can take answers now (GET /api/ready): it accepts a write, its quick integrity
 * check passes, and the disk has more free space than READY_MIN_FREE_MB (default 100 MB).
 * The integrity check reads the whole file, so its result is kept for a minute.
 */
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
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
  return process.env.READY_MIN_FREE_MB ? Number(process.env.READY_MIN_FREE_MB) : 100;
}

export function readiness(store: Store, now = Date.now()): Readiness {
  const problems: string[] = [];
  let writable = true;
  try {
    // Takes the write lock and writes the journal header, without changing anything.
    store.sqlite.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch (e) {
    writable = false;
    problems.push(`The store does not accept writes (${(e as Error).message}).`);
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
