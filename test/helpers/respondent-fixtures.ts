/**
 * Shared set-up for the respondent API tests: a test store (SQLite or Postgres) with the resident
 * questionnaire open, one complete valid resident return, and row counting (every refusal must
 * leave it unchanged).
 */
import { count, eq } from 'drizzle-orm';
import { first, tablesOf } from '../../server/store/dialect.js';
import type { SqliteStore, Store } from '../../server/store/open.js';
import { responses } from '../../server/store/schema.js';
import { createLink } from '../../server/links/links.js';
import { testApp, testStore, withOpenWave } from './store.js';

export const RESIDENT = 'resident-safety';
export const YOUTH = 'youth-safety';
export const WAVE = '2026';

/** A complete, valid resident return (every required question answered). */
export function validResident(): Record<string, unknown> {
  return {
    safe_home: 'very_safe',
    safe_day_local: 'fairly_safe',
    safe_dark_local: 'fairly_unsafe',
    safe_day_town: 'very_safe',
    safe_dark_town: 'very_unsafe',
    worry_burglary: 'fairly_worried',
    has_car: 'yes',
    worry_car: 'not_very_worried',
    unsafe_places: ['town_centre', 'car_parks'],
    ward: 'E05004984',
    sex: 'female',
    age_band: '45-54',
    household_size: 3,
  };
}

/** A complete, valid youth return. */
export function validYouth(): Record<string, unknown> {
  return {
    safe_school: 'fairly_safe',
    worry_knife: 'fairly_worried',
    unsafe_places: ['bus_station', 'online'],
    school_year: 'year_9',
    gender: 'prefer_not_say',
  };
}

type ResponseRow = typeof responses.$inferSelect;

/**
 * How many responses the store holds. On a SQLite store (tempStore) it answers at once, for the
 * tests of what only SQLite has; on any store (testStore) await it.
 */
export function responseCount(store: SqliteStore): number;
export function responseCount(store: Store): number | Promise<number>;
export function responseCount(store: Store): number | Promise<number> {
  if (store.kind === 'sqlite') return store.db.select({ n: count() }).from(responses).get()!.n;
  const t = tablesOf(store.db);
  return first(store.db.select({ n: count() }).from(t.responses)).then((r) => r!.n);
}

/** One response row by id (undefined when there is none); as responseCount, await it on any store. */
export function responseRow(store: SqliteStore, id: number): ResponseRow | undefined;
export function responseRow(store: Store, id: number): ResponseRow | undefined | Promise<ResponseRow | undefined>;
export function responseRow(store: Store, id: number): ResponseRow | undefined | Promise<ResponseRow | undefined> {
  if (store.kind === 'sqlite') return store.db.select().from(responses).where(eq(responses.id, id)).get();
  const t = tablesOf(store.db);
  return first(store.db.select().from(t.responses).where(eq(t.responses.id, id)));
}

/** A fresh store with the resident survey open (and the youth one, with links made on request). */
export async function respondentWorld() {
  const temp = await testStore();
  await withOpenWave(temp.store, RESIDENT, WAVE);
  await withOpenWave(temp.store, YOUTH, WAVE);
  const app = testApp(temp.store);
  const link = async (label: string, opts: { expires?: string; max?: number; slug?: string } = {}) =>
    await createLink(temp.store.db, { slug: opts.slug ?? YOUTH, wave: WAVE, label, expires: opts.expires, max: opts.max });
  return { ...temp, app, link };
}
