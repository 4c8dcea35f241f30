/**
 * The council_settings rows: the only code of settings/ that touches the store. Each partnership
 * has its own row, whose id is the partnership's (the caller's; the default one outside any).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import type { councilSettings } from '../store/schema.js';
import { use } from '../store/transaction.js';
import { tablesOf } from '../store/dialect.js';
import { owningPartnership } from '../store/partnership-scope.js';

export type SettingsRow = typeof councilSettings.$inferSelect;
export type SettingsText = Omit<SettingsRow, 'id' | 'logo' | 'logoType' | 'updatedAt'>;

export async function settingsRow(db: Db): Promise<SettingsRow | undefined> {
  db = await use(db);
  const { councilSettings } = tablesOf(db);
  return (await db.select().from(councilSettings).where(eq(councilSettings.id, owningPartnership())))[0];
}

/** Writes the text fields, keeping the logo. */
export async function saveSettingsText(db: Db, values: SettingsText, updatedAt: string): Promise<SettingsRow> {
  db = await use(db);
  const { councilSettings } = tablesOf(db);
  return (
    await db
      .insert(councilSettings)
      .values({ id: owningPartnership(), ...values, updatedAt })
      .onConflictDoUpdate({ target: councilSettings.id, set: { ...values, updatedAt } })
      .returning()
  )[0];
}

/** Sets (or with null, removes) the logo of the stored row. */
export async function saveLogo(
  db: Db,
  logo: { bytes: Buffer; type: 'image/png' | 'image/svg+xml' } | null,
  updatedAt: string,
): Promise<SettingsRow | undefined> {
  db = await use(db);
  const { councilSettings } = tablesOf(db);
  return (
    await db
      .update(councilSettings)
      .set({ logo: logo?.bytes ?? null, logoType: logo?.type ?? null, updatedAt })
      .where(eq(councilSettings.id, owningPartnership()))
      .returning()
  )[0];
}
