/**
 * Every read and write of recorded crime in the store: the counts by month × area × crime type
 * the imports replace, and the sums the rates, SPC and summary reports read. The report queries
 * are plain SQL on better-sqlite3, prepared once per store and reused (the fast path: a rates
 * report runs two or three of them). Nothing here decides anything.
 */
import type Database from 'better-sqlite3';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { crime } from '../store/schema.js';
import { ready } from '../store/transaction.js';

type Sqlite = Database.Database;

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

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/** The statement for `text`, prepared the first time this store runs it. */
function prepared(sqlite: Sqlite, text: string): Database.Statement {
  let cache = statements.get(sqlite);
  if (!cache) statements.set(sqlite, (cache = new Map()));
  let statement = cache.get(text);
  if (!statement) cache.set(text, (statement = sqlite.prepare(text)));
  return statement;
}

function typeCondition(t: CrimeTypeWhere): { where: string; param: string } {
  return 'only' in t ? { where: 'crime_type = ?', param: t.only } : { where: 'crime_type <> ?', param: t.except };
}

/** The months stored (any crime type), sorted. */
export async function storedMonths(sqlite: Sqlite): Promise<string[]> {
  await ready(sqlite);
  return (prepared(sqlite, 'SELECT DISTINCT month FROM crime ORDER BY month').all() as { month: string }[]).map((r) => r.month);
}

/** The crime types stored, sorted. */
export async function storedCrimeTypes(sqlite: Sqlite): Promise<string[]> {
  await ready(sqlite);
  return (prepared(sqlite, 'SELECT DISTINCT crime_type AS t FROM crime ORDER BY t').all() as { t: string }[]).map((r) => r.t);
}

/** Whether any crime is stored. */
export async function hasCrime(sqlite: Sqlite): Promise<boolean> {
  await ready(sqlite);
  return prepared(sqlite, 'SELECT 1 FROM crime LIMIT 1').get() !== undefined;
}

/** Crimes of the type from `from` to `to` (months inclusive), by area code; areas with none are absent. */
export async function countsByArea(sqlite: Sqlite, from: string, to: string, type: CrimeTypeWhere): Promise<Map<string, number>> {
  await ready(sqlite);
  const t = typeCondition(type);
  const rows = prepared(sqlite, `SELECT area_code AS code, SUM(count) AS n FROM crime WHERE month >= ? AND month <= ? AND ${t.where} GROUP BY area_code`).all(
    from,
    to,
    t.param,
  ) as { code: string; n: number }[];
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Crimes of the type by month, in one area or (no `areaCode`) all of them; months with none are absent. */
export async function countsByMonth(sqlite: Sqlite, type: CrimeTypeWhere, areaCode?: string): Promise<Map<string, number>> {
  await ready(sqlite);
  const t = typeCondition(type);
  const rows = (
    areaCode === undefined
      ? prepared(sqlite, `SELECT month, SUM(count) AS n FROM crime WHERE ${t.where} GROUP BY month`).all(t.param)
      : prepared(sqlite, `SELECT month, SUM(count) AS n FROM crime WHERE ${t.where} AND area_code = ? GROUP BY month`).all(t.param, areaCode)
  ) as { month: string; n: number }[];
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
export async function summaryCounts(sqlite: Sqlite, { by, from, to }: { by: readonly SummaryDimension[]; from?: string; to?: string }): Promise<SummaryRow[]> {
  await ready(sqlite);
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
    select.push('a.name AS ward', 'c.area_code AS wardCode');
    group.push('c.area_code');
    order.push('a.name');
  }
  if (by.includes('crime-type')) {
    select.push('c.crime_type AS crimeType');
    group.push('c.crime_type');
  }
  order.push('count DESC');
  if (by.includes('crime-type')) order.push('c.crime_type');
  const where: string[] = [];
  const params: string[] = [];
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
  const rows = prepared(sqlite, text).all(...params) as SummaryRow[];
  // SUM over no rows is NULL: an empty store or period has a total of 0.
  return rows.filter((r) => r.count !== null);
}

/** Replaces the counts of every month in `months` with `cells`, in one transaction. */
export async function replaceMonths(db: Db, months: readonly string[], cells: readonly CrimeCell[]): Promise<void> {
  await ready(db);
  db.transaction((tx) => {
    if (months.length)
      tx.delete(crime)
        .where(inArray(crime.month, [...months]))
        .run();
    for (let i = 0; i < cells.length; i += INSERT_BATCH)
      tx.insert(crime)
        .values(cells.slice(i, i + INSERT_BATCH))
        .run();
  });
}

/** Per month stored: crimes, wards and crime types with any crime. */
export async function monthTotals(db: Db): Promise<{ month: string; crimes: number; wards: number; crimeTypes: number }[]> {
  await ready(db);
  return db
    .select({
      month: crime.month,
      crimes: sql<number>`sum(${crime.count})`,
      wards: sql<number>`count(distinct ${crime.areaCode})`,
      crimeTypes: sql<number>`count(distinct ${crime.crimeType})`,
    })
    .from(crime)
    .groupBy(crime.month)
    .orderBy(crime.month)
    .all()
    .map((r) => ({ month: r.month, crimes: Number(r.crimes), wards: Number(r.wards), crimeTypes: Number(r.crimeTypes) }));
}

/** The distinct (month, source_file) pairs stored; source_file may name several files joined by '; '. */
export async function monthSources(db: Db): Promise<{ month: string; file: string }[]> {
  await ready(db);
  return db.selectDistinct({ month: crime.month, file: crime.sourceFile }).from(crime).all();
}
