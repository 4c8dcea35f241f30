/**
 * Shared set-up for the respondent API tests: a temp store with the resident questionnaire open,
 * one complete valid resident return, and row counting (every refusal must leave it unchanged).
 */
import { count, eq } from 'drizzle-orm';
import type { SqliteStore as Store } from '../../server/store/open.js';
import { responses } from '../../server/store/schema.js';
import { createLink } from '../../server/links/links.js';
import { tempStore, testApp, withOpenWave } from './store.js';

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

export function responseCount(store: Store): number {
  return store.db.select({ n: count() }).from(responses).get()!.n;
}

export function responseRow(store: Store, id: number) {
  return store.db.select().from(responses).where(eq(responses.id, id)).get();
}

/** A fresh store with the resident survey open (and the youth one, with links made on request). */
export async function respondentWorld() {
  const temp = tempStore();
  await withOpenWave(temp.store, RESIDENT, WAVE);
  await withOpenWave(temp.store, YOUTH, WAVE);
  const app = testApp(temp.store);
  const link = async (label: string, opts: { expires?: string; max?: number; slug?: string } = {}) =>
    await createLink(temp.store.db, { slug: opts.slug ?? YOUTH, wave: WAVE, label, expires: opts.expires, max: opts.max });
  return { ...temp, app, link };
}
