/**
 * Every read and write of the partnerships table: the only code of server/partnerships/ that
 * touches the store. Officers' roles in partnerships are accounts' (server/accounts/queries.ts).
 */
import { asc, count, eq } from 'drizzle-orm';
import { tablesOf } from '../store/dialect.js';
import type { Db } from '../store/open.js';
import type { partnerships } from '../store/schema.js';
import { use } from '../store/transaction.js';

export type PartnershipRow = typeof partnerships.$inferSelect;

/** Every partnership, oldest first. */
export async function allPartnerships(db: Db): Promise<PartnershipRow[]> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  return await db.select().from(partnerships).orderBy(asc(partnerships.id));
}

export async function partnershipBySlug(db: Db, slug: string): Promise<PartnershipRow | undefined> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  return (await db.select().from(partnerships).where(eq(partnerships.slug, slug)))[0];
}

export async function partnershipById(db: Db, id: number): Promise<PartnershipRow | undefined> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  return (await db.select().from(partnerships).where(eq(partnerships.id, id)))[0];
}

export async function insertPartnership(db: Db, values: { slug: string; name: string }): Promise<PartnershipRow> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  return (await db.insert(partnerships).values(values).returning())[0]!;
}

/** Wards and surveys per partnership id (the operator's list). */
export async function partnershipCounts(db: Db): Promise<Map<number, { wards: number; surveys: number }>> {
  db = await use(db);
  const { areas, surveys } = tablesOf(db);
  const out = new Map<number, { wards: number; surveys: number }>();
  const entry = (id: number) => out.get(id) ?? out.set(id, { wards: 0, surveys: 0 }).get(id)!;
  for (const r of await db.select({ id: areas.partnershipId, n: count() }).from(areas).groupBy(areas.partnershipId)) entry(r.id).wards = Number(r.n);
  for (const r of await db.select({ id: surveys.partnershipId, n: count() }).from(surveys).groupBy(surveys.partnershipId)) entry(r.id).surveys = Number(r.n);
  return out;
}

/** Renames a partnership. */
export async function renamePartnership(db: Db, id: number, name: string): Promise<void> {
  db = await use(db);
  const { partnerships } = tablesOf(db);
  await db.update(partnerships).set({ name }).where(eq(partnerships.id, id));
}
