/**
 * Whether the store can take answers now (GET /api/ready): it has room for a write, its quick integrity
 * check passes, and the disk has more free space than READY_MIN_FREE_MB (default 100 MB).
 * The integrity check reads the whole file, so its result is kept for a minute. On PostgreSQL:
 * the database answers, and this server's data folder has the space.
 */
import { settings } from '../config.js';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { isDiskFull } from '../errors.js';
import { localFolder, type PostgresStore, quickCheck, type Store } from './open.js';

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

/** Free MB on the disk under the folder. */
function freeMbAt(folder: string): number {
  const fs = statfsSync(folder);
  return Math.floor((fs.bavail * fs.bsize) / 2 ** 20);
}

/**
 * Postgres: ready when a statement runs (the database server keeps its own disk and integrity);
 * the free space is that of this server's own folder (DATA_DIR: staged uploads).
 */
async function postgresReadiness(store: PostgresStore): Promise<Readiness> {
  const freeMb = freeMbAt(localFolder(store));
  const floor = minFreeMb();
  const problems: string[] = [];
  let writable = true;
  try {
    await store.pool.query('SELECT 1');
  } catch (e) {
    writable = false;
    problems.push(`The PostgreSQL store ${store.where} does not answer (${(e as Error).message}).`);
  }
  if (freeMb < floor) problems.push(`The disk holding the data folder has ${freeMb} MB free, below ${floor} MB: free some space.`);
  const checks = { writable, integrity: true, freeMb, minFreeMb: floor };
  return problems.length ? { ok: false, checks, error: problems.join(' ') } : { ok: true, checks };
}

export async function readiness(store: Store, now = Date.now()): Promise<Readiness> {
  if (store.kind === 'postgres') return postgresReadiness(store);
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
  const freeMb = freeMbAt(dirname(store.file));
  const floor = minFreeMb();
  if (freeMb < floor) problems.push(`The disk holding the store has ${freeMb} MB free, below ${floor} MB: free some space.`);
  const checks = { writable, integrity: !cached.problem, freeMb, minFreeMb: floor };
  return problems.length ? { ok: false, checks, error: problems.join(' ') } : { ok: true, checks };
}
