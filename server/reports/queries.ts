/**
 * Every read the reports make of the store (responses, crime, areas, population, links). The
 * services in this folder call these and never touch the store themselves. Raw prepared statements
 * stay where they were (the crime tallies): they are the benchmarked fast paths.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, PostgresStore, Store } from '../store/open.js';
import { use } from '../store/transaction.js';
import { isPostgres, queryRows, tablesOf } from '../store/dialect.js';
import { ofScope, scopedAreasSql, scopedPartnership } from '../store/partnership-scope.js';

const ofWave = (db: Db, waveId: number) => eq(tablesOf(db).responses.waveId, waveId);
const completeOf = (db: Db, waveId: number) => and(ofWave(db, waveId), eq(tablesOf(db).responses.status, 'complete'));

/**
 * The responses of a wave an analysis reads: the complete ones, and the partial (unfinished) ones
 * too when asked, with their status.
 */
export async function analysisResponses(store: Store, waveId: number, includePartial: boolean) {
  const db = await use(store);
  const { responses } = tablesOf(db);
  const q = db
    .select({
      id: responses.id,
      status: responses.status,
      answers: responses.answers,
      designWeight: responses.designWeight,
      weight: responses.weight,
      synthetic: responses.synthetic,
      stratum: responses.stratum,
      psu: responses.psu,
      fpc: responses.fpc,
      locale: responses.locale,
    })
    .from(responses)
    .where(includePartial ? ofWave(db, waveId) : completeOf(db, waveId));
  // SQLite reads the wave's index, in the order readAnalysisRows reads it; Postgres gives heap order
  // (rows moved by updates, e.g. weighting) unless told: in id order, as readAnalysisRowsPg reads.
  return isPostgres(db) ? await q.orderBy(responses.id) : await q;
}

/**
 * A response as analysisResponses gives it, but as the raw row: the answers still JSON text, so a
 * big wave can be read into columns (see wave-columns.ts) without holding an object per response.
 */
export type RawAnalysisRow = [
  id: number,
  status: 'complete' | 'partial',
  answers: string,
  designWeight: number,
  weight: number | null,
  synthetic: 0 | 1,
  stratum: string | null,
  psu: string | null,
  fpc: number | null,
  locale: string | null,
];

/**
 * The responses analysisResponses gives, in the same order, one raw row at a time, with how many
 * there are: counted and read in one transaction, so a reply stored meanwhile is in neither. With
 * `afterId`, only those with a greater id, and `before` counts those up to it: a reply given a
 * smaller id but committed later (Postgres hands out ids before commit) shows there.
 */
export async function readAnalysisRows<T>(
  store: Store,
  waveId: number,
  includePartial: boolean,
  read: (count: number, rows: IterableIterator<RawAnalysisRow>, before: number) => T,
  afterId?: number,
): Promise<T> {
  await use(store);
  if (store.kind === 'postgres') return readAnalysisRowsPg(store, waveId, includePartial, read, afterId);
  const all = includePartial ? 'wave_id = ?' : "wave_id = ? AND status = 'complete'";
  const where = afterId === undefined ? all : `${all} AND id > ?`;
  const params = afterId === undefined ? [waveId] : [waveId, afterId];
  const count = store.sqlite.prepare(`SELECT count(*) AS n FROM responses WHERE ${where}`);
  const earlier = afterId === undefined ? null : store.sqlite.prepare(`SELECT count(*) AS n FROM responses WHERE ${all} AND id <= ?`);
  const rows = store.sqlite
    .prepare(`SELECT id, status, answers, design_weight, weight, synthetic, stratum, psu, fpc, locale FROM responses WHERE ${where}`)
    .raw();
  return store.sqlite.transaction(() => {
    const before = earlier ? (earlier.get(...params) as { n: number }).n : 0;
    const n = (count.get(...params) as { n: number }).n;
    const iterator = rows.iterate(...params) as IterableIterator<RawAnalysisRow>;
    try {
      return read(n, iterator, before);
    } finally {
      // A reader that stops early (or never starts) must still free the connection.
      iterator.return?.();
    }
  })();
}

/** The same on Postgres: one REPEATABLE READ snapshot for the count and the rows, as SQLite's do. */
async function readAnalysisRowsPg<T>(
  store: PostgresStore,
  waveId: number,
  includePartial: boolean,
  read: (count: number, rows: IterableIterator<RawAnalysisRow>, before: number) => T,
  afterId?: number,
): Promise<T> {
  const all = includePartial ? 'wave_id = $1' : "wave_id = $1 AND status = 'complete'";
  const where = afterId === undefined ? all : `${all} AND id > $2`;
  const params = afterId === undefined ? [waveId] : [waveId, afterId];
  // In a partnership, on its own pool: the database's row-level security keeps to it as well.
  const partnership = scopedPartnership();
  const client = await (partnership === undefined ? store.pool : store.partnershipPool(partnership)).connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const count = (await client.query<{ n: number }>(`SELECT count(*) AS n FROM responses WHERE ${where}`, params)).rows[0].n;
    const before =
      afterId === undefined
        ? 0
        : Number((await client.query<{ n: number }>(`SELECT count(*) AS n FROM responses WHERE ${all} AND id <= $2`, params)).rows[0].n);
    const rows = await client.query<RawAnalysisRow>({
      text: `SELECT id, status, answers::text, design_weight, weight, synthetic::int, stratum, psu, fpc, locale FROM responses WHERE ${where} ORDER BY id`,
      values: params,
      rowMode: 'array',
    });
    await client.query('COMMIT');
    return read(count, rows.rows[Symbol.iterator](), before);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    client.release();
  }
}

/**
 * The versions of what a wave's responses read for analysis depends on, bumped by the store's
 * triggers in the same transaction as any change, in one query: `data`, of everything it reads (its
 * responses and weighting runs, and the surveys and waves): read before the responses, a copy kept
 * under this key is never newer than the key says; and `rows`, the same but for new responses
 * ('rows:<wave>' moves with a response erased or changed and with a weighting run, not with a new
 * response): while it stands still, a wave read before is brought up to date by its responses with a
 * greater id.
 */
export async function waveVersions(store: Store, waveId: number): Promise<{ data: string; rows: string }> {
  const db = await use(store);
  const { dataVersions } = tablesOf(db);
  const scopes = ['surveys', `wave:${waveId}`, `rows:${waveId}`];
  const stored = new Map((await db.select().from(dataVersions).where(inArray(dataVersions.scope, scopes))).map((r) => [r.scope, r.version]));
  const of = (s: string) => `${s}:${stored.get(s) ?? 0}`;
  return { data: `${of('surveys')} ${of(`wave:${waveId}`)}`, rows: `${of('surveys')} ${of(`rows:${waveId}`)}` };
}

/** How many partial (unfinished) responses a wave holds. */
export async function partialCount(store: Store, waveId: number): Promise<number> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return (
    await db
      .select({ n: sql<number>`count(*)` })
      .from(responses)
      .where(and(ofWave(db, waveId), eq(responses.status, 'partial')))
  )[0]!.n;
}

/** When the wave's last complete response came in (ISO text), or null. */
export async function lastCompleteResponseAt(store: Store, waveId: number): Promise<string | null> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return (
    await db
      .select({ at: sql<string | null>`max(${responses.createdAt})` })
      .from(responses)
      .where(completeOf(db, waveId))
  )[0]!.at;
}

/** The months (YYYY-MM) with any recorded crime, in order. */
export async function crimeMonths(store: Store): Promise<string[]> {
  const s = scopedAreasSql('area_code');
  return (await queryRows<{ month: string }>(store, `SELECT DISTINCT month FROM crime WHERE 1 = 1${s.and} ORDER BY month`, s.params)).map((r) => r.month);
}

/** Every police.uk crime type in the store, in order. */
export async function crimeTypes(store: Store): Promise<string[]> {
  const s = scopedAreasSql('area_code');
  return (await queryRows<{ t: string }>(store, `SELECT DISTINCT crime_type AS t FROM crime WHERE 1 = 1${s.and} ORDER BY t`, s.params)).map((r) => r.t);
}

/** Ward → crime type → count over the months `from` to `to` (inclusive). */
export async function crimeCounts(store: Store, from: string, to: string): Promise<Map<string, Map<string, number>>> {
  const s = scopedAreasSql('area_code');
  const rows = await queryRows<{ area: string; type: string; n: number }>(
    store,
    `SELECT area_code AS area, crime_type AS type, SUM(count) AS n FROM crime WHERE month >= ? AND month <= ?${s.and} GROUP BY area_code, crime_type`,
    [from, to, ...s.params],
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!out.has(r.area)) out.set(r.area, new Map());
    out.get(r.area)!.set(r.type, r.n);
  }
  return out;
}

/** Area code → name, for every stored area. */
export async function areaNames(store: Store): Promise<Map<string, string>> {
  const db = await use(store);
  const { areas } = tablesOf(db);
  return new Map((await db.select({ code: areas.code, name: areas.name }).from(areas).where(ofScope(areas.partnershipId))).map((a) => [a.code, a.name]));
}

/** The stored wards (imported with the crime data); empty when none are. */
export async function storedWards(store: Store): Promise<{ code: string; name: string }[]> {
  const db = await use(store);
  const { areas } = tablesOf(db);
  return await db
    .select({ code: areas.code, name: areas.name })
    .from(areas)
    .where(and(eq(areas.kind, 'ward'), ofScope(areas.partnershipId)));
}

/** A wave's returns by status, with how many of each are demo data. */
export async function returnsByStatus(store: Store, waveId: number) {
  const db = await use(store);
  const { responses } = tablesOf(db);
  return await db
    .select({ status: responses.status, n: sql<number>`count(*)`, synthetic: sql<number>`sum(case when ${responses.synthetic} then 1 else 0 end)` })
    .from(responses)
    .where(ofWave(db, waveId))
    .groupBy(responses.status);
}

/**
 * A wave's web returns for the drop-out table: how many are complete, and the partial ones by the
 * page they last reached (null: saved without a page).
 */
export async function webReturnsByPage(store: Store, waveId: number) {
  const db = await use(store);
  const { responses } = tablesOf(db);
  const rows = await db
    .select({ status: responses.status, page: responses.lastPage, n: sql<number>`count(*)` })
    .from(responses)
    .where(and(ofWave(db, waveId), eq(responses.source, 'web')))
    .groupBy(responses.status, responses.lastPage);
  const partialByPage = new Map<number | null, number>();
  let complete = 0;
  for (const r of rows) {
    if (r.status === 'complete') complete += r.n;
    else partialByPage.set(r.page, (partialByPage.get(r.page) ?? 0) + r.n);
  }
  return { complete, partialByPage };
}

/** A wave's returns per UTC day, with how many are complete. */
export async function returnsByDay(store: Store, waveId: number) {
  const db = await use(store);
  const { responses } = tablesOf(db);
  const day = sql<string>`substr(${responses.createdAt}, 1, 10)`;
  return await db
    .select({ date: day, count: sql<number>`count(*)`, complete: sql<number>`sum(case when ${responses.status} = 'complete' then 1 else 0 end)` })
    .from(responses)
    .where(ofWave(db, waveId))
    .groupBy(day)
    .orderBy(day);
}

/** A wave's returns per answer to `question` (answer → count; unanswered left out). */
export async function returnsByAnswer(store: Store, waveId: number, question: string): Promise<Map<string, number>> {
  const db = await use(store);
  const { responses } = tablesOf(db);
  // Postgres: the name as a literal, so the select and the GROUP BY are the same expression.
  const answer = isPostgres(db)
    ? sql<string | null>`${responses.answers} ->> ${sql.raw(`'${question.replace(/'/g, "''")}'`)}`
    : sql<string | null>`json_extract(${responses.answers}, ${`$.${question}`})`;
  const counts = new Map<string, number>();
  for (const r of await db.select({ code: answer, n: sql<number>`count(*)` }).from(responses).where(ofWave(db, waveId)).groupBy(answer)) {
    if (r.code !== null) counts.set(String(r.code), r.n);
  }
  return counts;
}

/** The school links of a wave and how many returns came through each, by label. */
export async function schoolLinkReturns(store: Store, waveId: number) {
  const db = await use(store);
  const { links, responses } = tablesOf(db);
  return await db
    .select({ label: links.label, base: sql<number>`count(${responses.id})` })
    .from(links)
    .leftJoin(responses, eq(responses.linkId, links.id))
    .where(and(eq(links.waveId, waveId), eq(links.kind, 'school')))
    .groupBy(links.id)
    .orderBy(links.label);
}

/** A wave's complete returns by how they arrived (source) and the kind of link they came through (null: the open link or none). */
export async function completeReturnsByChannel(store: Store, waveId: number) {
  const db = await use(store);
  const { links, responses } = tablesOf(db);
  return await db
    .select({ source: responses.source, linkKind: links.kind, n: sql<number>`count(*)` })
    .from(responses)
    .leftJoin(links, eq(responses.linkId, links.id))
    .where(completeOf(db, waveId))
    .groupBy(responses.source, links.kind);
}

/** How many links of each kind a wave has. */
export async function linkKindCounts(store: Store, waveId: number) {
  const db = await use(store);
  const { links } = tablesOf(db);
  return await db.select({ kind: links.kind, n: sql<number>`count(*)` }).from(links).where(eq(links.waveId, waveId)).groupBy(links.kind);
}
