/**
 * Every read and write of recorded crime in the store: the counts by month × area × crime type
 * the imports replace, and the sums the rates, SPC and summary reports read. The report queries
 * are plain SQL (queryRows: prepared once per store and reused on SQLite, the fast path: a rates
 * report runs two or three of them). Nothing here decides anything.
 */
import { inArray, type SQL, sql } from 'drizzle-orm';
import { ofScopedAreas, scopedAreasSql } from '../store/partnership-scope.js';
import type { Db, Store } from '../store/open.js';
import { inTransaction, use } from '../store/transaction.js';
import { queryRows, tablesOf } from '../store/dialect.js';

/** Which crime types a sum counts: one type, or every type but one (anti-social behaviour). */
export type CrimeTypeWhere = { only: string } | { except: string };

export interface CrimeCell {
  month: string;
  areaCode: string;
  crimeType: string;
  count: number;
  sourceFile: string;
}

const INSERT_BATCH = 500;

/** The crime of the caller's partnership: the rows of its wards (crime is imported once for the force and split by the ward lookup). */
function scopeCondition(alias = ''): { and: string; params: number[] } {
  return scopedAreasSql(`${alias}area_code`);
}

function typeCondition(t: CrimeTypeWhere): { where: string; param: string } {
  return 'only' in t ? { where: 'crime_type = ?', param: t.only } : { where: 'crime_type <> ?', param: t.except };
}

/** The months stored (any crime type), sorted. */
export async function storedMonths(store: Store): Promise<string[]> {
  const s = scopeCondition();
  return (await queryRows<{ month: string }>(store, `SELECT DISTINCT month FROM crime WHERE 1 = 1${s.and} ORDER BY month`, s.params)).map((r) => r.month);
}

/** The crime types stored, sorted. */
export async function storedCrimeTypes(store: Store): Promise<string[]> {
  const s = scopeCondition();
  return (await queryRows<{ t: string }>(store, `SELECT DISTINCT crime_type AS t FROM crime WHERE 1 = 1${s.and} ORDER BY t`, s.params)).map((r) => r.t);
}

/** Whether any crime is stored. */
export async function hasCrime(store: Store): Promise<boolean> {
  const s = scopeCondition();
  return (await queryRows(store, `SELECT 1 FROM crime WHERE 1 = 1${s.and} LIMIT 1`, s.params)).length > 0;
}

/** Crimes of the type from `from` to `to` (months inclusive), by area code; areas with none are absent. */
export async function countsByArea(store: Store, from: string, to: string, type: CrimeTypeWhere): Promise<Map<string, number>> {
  const t = typeCondition(type);
  const s = scopeCondition();
  const rows = await queryRows<{ code: string; n: number }>(
    store,
    `SELECT area_code AS code, SUM(count) AS n FROM crime WHERE month >= ? AND month <= ? AND ${t.where}${s.and} GROUP BY area_code`,
    [from, to, t.param, ...s.params],
  );
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Crimes of the type by month, in one area or (no `areaCode`) all of them; months with none are absent. */
export async function countsByMonth(store: Store, type: CrimeTypeWhere, areaCode?: string): Promise<Map<string, number>> {
  const t = typeCondition(type);
  const s = scopeCondition();
  const rows =
    areaCode === undefined
      ? await queryRows<{ month: string; n: number }>(store, `SELECT month, SUM(count) AS n FROM crime WHERE ${t.where}${s.and} GROUP BY month`, [
          t.param,
          ...s.params,
        ])
      : await queryRows<{ month: string; n: number }>(
          store,
          `SELECT month, SUM(count) AS n FROM crime WHERE ${t.where} AND area_code = ?${s.and} GROUP BY month`,
          [t.param, areaCode, ...s.params],
        );
  return new Map(rows.map((r) => [r.month, r.n]));
}

/** What the crime summary groups by. */
export type SummaryDimension = 'ward' | 'crime-type' | 'month';

/** One cell of the crime summary: the groups asked for, and the count of crimes in it. */
export interface SummaryRow {
  month?: string;
  ward?: string;
  wardCode?: string;
  crimeType?: string;
  count: number;
}

/**
 * Crime totals grouped by any of month, ward and crime type over an optional period, largest
 * first within each month and ward. Cells with no crime are absent.
 */
export async function summaryCounts(store: Store, { by, from, to }: { by: readonly SummaryDimension[]; from?: string; to?: string }): Promise<SummaryRow[]> {
  // Columns come from this fixed list only (never from the caller), so the SQL is not injectable.
  const select: string[] = [];
  const group: string[] = [];
  const order: string[] = [];
  if (by.includes('month')) {
    select.push('c.month AS month');
    group.push('c.month');
    order.push('c.month');
  }
  if (by.includes('ward')) {
    select.push('a.name AS ward', 'c.area_code AS "wardCode"');
    group.push('c.area_code', 'a.name');
    order.push('a.name');
  }
  if (by.includes('crime-type')) {
    select.push('c.crime_type AS "crimeType"');
    group.push('c.crime_type');
  }
  order.push('count DESC');
  if (by.includes('crime-type')) order.push('c.crime_type');
  const where: string[] = [];
  const params: (string | number)[] = [];
  const s = scopeCondition('c.');
  if (s.params.length) {
    where.push(s.and.replace(/^ AND /, ''));
    params.push(...s.params);
  }
  if (from) {
    where.push('c.month >= ?');
    params.push(from);
  }
  if (to) {
    where.push('c.month <= ?');
    params.push(to);
  }
  const text =
    `SELECT ${[...select, 'SUM(c.count) AS count'].join(', ')} FROM crime c LEFT JOIN areas a ON a.code = c.area_code` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    (group.length ? ` GROUP BY ${group.join(', ')}` : '') +
    ` ORDER BY ${order.join(', ')}`;
  const rows = await queryRows<SummaryRow>(store, text, params);
  // SUM over no rows is NULL: an empty store or period has a total of 0.
  return rows.filter((r) => r.count !== null);
}

/** Replaces the counts of every month in `months` with `cells`, in one transaction. */
export async function replaceMonths(db: Db, months: readonly string[], cells: readonly CrimeCell[]): Promise<void> {
  await inTransaction(db, async () => {
    const tx = await use(db);
    const { crime } = tablesOf(tx);
    if (months.length) await tx.delete(crime).where(inArray(crime.month, [...months]));
    for (let i = 0; i < cells.length; i += INSERT_BATCH) await tx.insert(crime).values(cells.slice(i, i + INSERT_BATCH));
  });
}

/** Per month stored: crimes, wards and crime types with any crime. */
export async function monthTotals(db: Db): Promise<{ month: string; crimes: number; wards: number; crimeTypes: number }[]> {
  db = await use(db);
  const { crime } = tablesOf(db);
  return (
    await db
      .select({
        month: crime.month,
        crimes: sql<number>`sum(${crime.count})`,
        wards: sql<number>`count(distinct ${crime.areaCode})`,
        crimeTypes: sql<number>`count(distinct ${crime.crimeType})`,
      })
      .from(crime)
      .where(crimeOfScope(db))
      .groupBy(crime.month)
      .orderBy(crime.month)
  ).map((r) => ({ month: r.month, crimes: Number(r.crimes), wards: Number(r.wards), crimeTypes: Number(r.crimeTypes) }));
}

/** The distinct (month, source_file) pairs stored; source_file may name several files joined by '; '. */
export async function monthSources(db: Db): Promise<{ month: string; file: string }[]> {
  db = await use(db);
  const { crime } = tablesOf(db);
  return await db.selectDistinct({ month: crime.month, file: crime.sourceFile }).from(crime).where(crimeOfScope(db));
}

/** scopeCondition for drizzle queries. */
function crimeOfScope(db: Db): SQL | undefined {
  return ofScopedAreas(tablesOf(db).crime.areaCode);
}
