/**
 * The partnership a request works in. An officer's request runs inside `inPartnership(id, …)`
 * (set once, by the `partnershipScope` middleware, from their session), and every query of a
 * partnership's data (surveys, wards, boundaries, priorities, the audit log, queued jobs, settings)
 * reads `scopedPartnership()` and keeps to it: a second line behind the routes' own checks, so a
 * query added later can't leak another partnership's rows by forgetting a parameter.
 *
 * Outside any scope (the CLI, respondents' pages, the queue runner) queries see the whole
 * deployment and new rows go to `DEFAULT_PARTNERSHIP` unless the caller names one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type AnyColumn, eq, type SQL, sql } from 'drizzle-orm';

/** The partnership made by the migration, which holds everything stored before partnerships. */
export const DEFAULT_PARTNERSHIP = 1;

const scope = new AsyncLocalStorage<number>();

/** Runs `work` (and everything it awaits) inside partnership `id`. */
export function inPartnership<T>(id: number, work: () => T): T {
  return scope.run(id, work);
}

/** The partnership the caller works in, or undefined outside any (the whole deployment). */
export function scopedPartnership(): number | undefined {
  return scope.getStore();
}

/** The partnership a new row belongs to: the caller's, else the default one. */
export function owningPartnership(): number {
  return scope.getStore() ?? DEFAULT_PARTNERSHIP;
}

/** A query's condition keeping `column` (a partnership_id) to the caller's partnership; undefined (no condition) outside one. */
export function ofScope(column: AnyColumn): SQL | undefined {
  const id = scope.getStore();
  return id === undefined ? undefined : eq(column, id);
}

/**
 * A condition keeping rows keyed by an area code (population, recorded crime) to the caller's
 * partnership: those of its wards. A code no partnership's wards hold (an older store's, figures
 * loaded before the lookup) counts as the default partnership's. Undefined outside a scope.
 */
export function ofScopedAreas(codeColumn: AnyColumn): SQL | undefined {
  const id = scope.getStore();
  if (id === undefined) return undefined;
  return id === DEFAULT_PARTNERSHIP
    ? sql`${codeColumn} NOT IN (SELECT code FROM areas WHERE partnership_id <> ${id})`
    : sql`${codeColumn} IN (SELECT code FROM areas WHERE partnership_id = ${id})`;
}

/** ofScopedAreas as raw SQL text (`AND …` with `?` parameters) for queryRows; empty outside a scope. */
export function scopedAreasSql(codeColumn: string): { and: string; params: number[] } {
  const id = scope.getStore();
  if (id === undefined) return { and: '', params: [] };
  return id === DEFAULT_PARTNERSHIP
    ? { and: ` AND ${codeColumn} NOT IN (SELECT code FROM areas WHERE partnership_id <> ?)`, params: [id] }
    : { and: ` AND ${codeColumn} IN (SELECT code FROM areas WHERE partnership_id = ?)`, params: [id] };
}
