/**
 * Transactions over the asynchronous data layer. `inTransaction(store, work)` runs `work` (which
 * calls the per-noun query functions) so that all of it is stored or none.
 *
 * On SQLite there is one connection per process, so a transaction is open on the connection
 * everyone shares: a query of some other request arriving while it is open would become part of it
 * (and be undone with it). So each query function first awaits `ready(db)`, which lets calls from
 * inside the open transaction through and makes every other caller wait until it ends; the batched
 * submission commit waits the same way (`whenIdle`). Transactions themselves take turns.
 *
 * On Postgres each transaction has a connection of its own from the pool, and any number run at
 * once: `use(db)` gives a query called inside one that transaction's connection, and everyone else
 * the pool.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Db, Store } from './open.js';
import { isPostgres, markPostgres, partnershipDb } from './kind.js';
import { scopedPartnership } from './partnership-scope.js';

interface Open {
  token: object;
  done: Promise<void>;
}

/** The transaction open on each SQLite connection (at most one), and the queue of those waiting. */
const open = new WeakMap<Database.Database, Open>();
const turns = new WeakMap<Database.Database, Promise<void>>();
const context = new AsyncLocalStorage<object>();

type Handle = Db | Store | Database.Database;

/** The Postgres transaction the caller is inside, with the pool's db it was opened on. */
const pgContext = new AsyncLocalStorage<{ root: Db; tx: Db }>();

function dbOf(h: Db | Store): Db {
  return 'kind' in h && typeof h.kind === 'string' ? (h as Store).db : (h as Db);
}

function connectionOf(h: Handle): Database.Database | undefined {
  if ('kind' in h && h.kind === 'postgres') return undefined;
  if ('sqlite' in h && typeof h.sqlite === 'object') return (h as { sqlite: Database.Database }).sqlite;
  if ('$client' in h) return (h as { $client: Database.Database }).$client;
  if ('prepare' in h) return h as Database.Database;
  return undefined;
}

/**
 * Resolves when the caller may use the store: at once when no transaction is open or the caller is
 * inside it, else when it has ended. Undefined (nothing to await) in the common case.
 */
export function ready(h: Handle): Promise<void> | undefined {
  const conn = connectionOf(h);
  const tx = conn && open.get(conn);
  if (!tx || context.getStore() === tx.token) return undefined;
  return tx.done.then(() => ready(h));
}

/**
 * The db a query function runs its statements on, once it may: what every query function awaits
 * first. On SQLite the shared connection (after any other caller's open transaction has ended); on
 * Postgres the caller's transaction when it is inside one, else the pool.
 */
export async function use(h: Db | Store): Promise<Db> {
  const db = dbOf(h);
  if (isPostgres(db)) {
    const tx = pgContext.getStore();
    if (tx && tx.root === db) return tx.tx;
    return ofPartnership(db);
  }
  await ready(db);
  return db;
}

/** Runs `fn` once no transaction of another caller is open on the connection. */
export function whenIdle(conn: Database.Database, fn: () => void): void {
  const wait = ready(conn);
  if (wait !== undefined) void wait.then(() => whenIdle(conn, fn));
  else fn();
}

/** Whether the caller is inside an open transaction of this store. */
export function insideTransaction(h: Handle): boolean {
  if (!('prepare' in h) && isPostgres(h)) return pgContext.getStore()?.root === dbOf(h);
  const conn = connectionOf(h);
  const tx = conn && open.get(conn);
  return !!tx && context.getStore() === tx.token;
}

/**
 * Runs `work` in one transaction (BEGIN IMMEDIATE: the write lock is taken first, so a count read
 * inside cannot be overtaken by another process's insert): all of it is stored, or none, and its
 * value is returned. Nested calls join the outer transaction.
 */
export async function inTransaction<T>(h: Handle, work: () => Promise<T> | T): Promise<T> {
  if (!('prepare' in h) && isPostgres(h)) return inPostgresTransaction(dbOf(h), work);
  const conn = connectionOf(h);
  if (!conn) throw new Error('inTransaction: not a store');
  if (insideTransaction(conn)) return work();
  const before = turns.get(conn) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  turns.set(
    conn,
    before.then(() => mine),
  );
  await before;
  // Other callers' queries already past their ready() check ran before this point (they are
  // synchronous on SQLite); from here on they wait.
  while (open.get(conn)) await open.get(conn)!.done;
  const token = {};
  open.set(conn, { token, done: mine });
  try {
    conn.exec('BEGIN IMMEDIATE');
    let value: T;
    try {
      value = await context.run(token, work);
    } catch (error) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw error;
    }
    conn.exec('COMMIT');
    return value;
  } finally {
    if (conn.inTransaction) conn.exec('ROLLBACK');
    open.delete(conn);
    release();
  }
}

/**
 * On Postgres, a caller working in a partnership uses that partnership's pool, whose connections
 * set app.partnership, so the database's row-level security keeps to it too.
 */
function ofPartnership(root: Db): Db {
  const id = scopedPartnership();
  return id === undefined ? root : (partnershipDb(root, id) ?? root);
}

/** A Postgres transaction on a connection of its own; nested calls join it. */
async function inPostgresTransaction<T>(root: Db, work: () => Promise<T> | T): Promise<T> {
  if (pgContext.getStore()?.root === root) return work();
  const pool = ofPartnership(root) as unknown as { transaction<R>(f: (tx: object) => Promise<R>): Promise<R> };
  return pool.transaction((tx) => {
    markPostgres(tx);
    return pgContext.run({ root, tx: tx as Db }, async () => work());
  });
}
