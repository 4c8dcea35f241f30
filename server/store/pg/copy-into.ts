/**
 * Moves a district's SQLite store into one partnership of a shared Postgres database that may
 * hold others (`cli store copy --to postgres://… --into slug`). In ONE transaction it makes
 * (or takes, while it holds nothing) the partnership, then copies each table, parents first: rows
 * numbered by the store (surveys, waves, links, responses, weighting runs, boundaries, audit
 * entries) get new numbers there and every reference to them follows (a weighting run's list of
 * response ids too); officers already there by email keep their account and gain a role in the
 * partnership; the force's recorded crime is added where the database lacks it. Sessions, reset
 * codes, sign-in attempts, staged uploads, queued jobs and cached results are not copied.
 *
 * Before it commits, every copied table's rows are counted and hashed as the store holds them
 * (with the new numbers put in) and as Postgres now holds them: any difference rolls the whole
 * copy back, so it can be put right and run again. A name of the store's (a survey's, a link's, a
 * ward's) that is someone else's in the target refuses the copy before anything is written.
 */
import { PARTNERSHIP_SLUG } from '../partnership-slug.js';
import type Database from 'better-sqlite3';
import pg from 'pg';
import { type Store, StoreRefused } from '../open.js';
import { quote, sqliteRows, TableHasher, type TableCheck } from './content-hash.js';
import { connect, fromSnapshot, type Progress, redactedUrl, type TableSummary, toPostgres } from './copy.js';
import { migratePostgres } from './migrate.js';
import { type CopiedTable, copiedTables } from './tables.js';

export interface IntoSummary {
  partnership: { slug: string; name: string; id: number; created: boolean };
  tables: TableSummary[];
  /** Crime rows the database held already (the force's, imported by another partnership). */
  crimeAlreadyThere: number;
  ok: boolean;
}

/** Not copied: what lives only while a server runs, or is made again from what is copied. */
const SKIPPED = new Set([
  'partnerships',
  'sessions',
  'password_resets',
  'sign_in_attempts',
  'staged_uploads',
  'staged_upload_chunks',
  'queued_jobs',
  'result_cache',
  'data_versions',
]);

/** Per table: the columns holding another table's numbers (column → that table). */
const REFERENCES: Record<string, Record<string, string>> = {
  waves: { survey_id: 'surveys' },
  links: { wave_id: 'waves' },
  responses: { wave_id: 'waves', link_id: 'links' },
  weighting_runs: { wave_id: 'waves', restored_from: 'weighting_runs' },
  boundaries: { officer_id: 'officers' },
  audit_log: { officer_id: 'officers' },
  priority_assessments: { updated_by: 'officers' },
  priority_scores: { scored_by: 'officers' },
  officer_roles: { officer_id: 'officers' },
};

/** Which rows of a table, in the target, are the copy's: those it numbered, else by partnership. */
function targetRows(table: CopiedTable, p: number, ids: number[]): { where: string; param: unknown } {
  if (table.identity) return { where: `${quote(table.identity)} = ANY($1::int[])`, param: ids };
  const wards = '(SELECT code FROM areas WHERE partnership_id = $1)';
  if (table.name === 'lsoa_ward') return { where: `ward_code IN ${wards}`, param: p };
  if (table.name === 'population' || table.name === 'crime') return { where: `area_code IN ${wards}`, param: p };
  if (table.name === 'council_settings') return { where: 'id = $1', param: p };
  return { where: 'partnership_id = $1', param: p };
}

const MAX_PARAMETERS = 30_000;

/** Copies the store into partnership `slug` of the database at `url` (made, named `name`, when it is not there). */
export async function copyIntoPartnership(
  store: Store,
  url: string,
  slug: string,
  name: string | undefined,
  progress: Progress = () => {},
): Promise<IntoSummary> {
  if (!PARTNERSHIP_SLUG.test(slug)) throw new StoreRefused(`'${slug}' is not a partnership name in addresses: 1–40 lower-case letters, digits and hyphens.`);
  const tables = copiedTables().filter((t) => !SKIPPED.has(t.name));
  const client = await connect(url);
  try {
    progress(`Migrating ${redactedUrl(url)}`);
    await migratePostgres(client);
    return await fromSnapshot(store, async (sqlite) => {
      await client.query('BEGIN');
      try {
        // One copy at a time into this database: the checks below stay true until it commits.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['store copy into a partnership']);
        const partnership = await takePartnership(client, sqlite, slug, name);
        await refuseClashes(client, sqlite);
        const p = partnership.id;
        const maps = new Map<string, Map<number, number>>();
        const summary: TableSummary[] = [];
        let crimeAlreadyThere = 0;
        for (const table of tables) {
          const copied = await copyTable(client, sqlite, table, p, maps);
          if (table.name === 'crime') crimeAlreadyThere = copied.skipped;
          const target = await hashTarget(client, table, p, copied.ids);
          const match = copied.check.rows === target.rows && copied.check.hash === target.hash;
          summary.push({ name: table.name, rows: copied.check.rows, hash: copied.check.hash, targetRows: target.rows, targetHash: target.hash, match });
          progress(`copied ${table.name}: ${copied.check.rows.toLocaleString('en-GB')} rows, ${match ? 'same rows and content' : 'DIFFERENT'}`);
        }
        const ok = summary.every((t) => t.match);
        await client.query(ok ? 'COMMIT' : 'ROLLBACK');
        if (!ok) progress('The copy did not match the SQLite store, so it was rolled back: nothing was written.');
        return { partnership: { ...partnership, id: p }, tables: summary, crimeAlreadyThere, ok };
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (e instanceof pg.DatabaseError) throw new StoreRefused(`Postgres refused part of the copy: ${e.message}. It was rolled back: nothing was written.`);
        throw e;
      }
    });
  } finally {
    await client.end();
  }
}

/** The target partnership: made, or an empty one of that name taken. */
async function takePartnership(client: pg.ClientBase, sqlite: Database.Database, slug: string, name: string | undefined) {
  const partnerships = Number((sqlite.prepare('SELECT count(*) AS n FROM partnerships').get() as { n: number }).n);
  if (partnerships > 1)
    throw new StoreRefused(
      `The store holds ${partnerships} partnerships: \`--partnership\` copies a store of one district. Copy the whole store into an empty database instead.`,
    );
  const found = (await client.query<{ id: number; name: string }>('SELECT id, name FROM partnerships WHERE slug = $1', [slug])).rows[0];
  if (found) {
    const held = (
      await client.query<{ n: string }>(
        'SELECT (SELECT count(*) FROM surveys WHERE partnership_id = $1) + (SELECT count(*) FROM areas WHERE partnership_id = $1) AS n',
        [found.id],
      )
    ).rows[0]!;
    if (Number(held.n) > 0)
      throw new StoreRefused(
        `The partnership '${slug}' holds surveys or wards already: a store is copied only into a new or empty partnership. Nothing was written.`,
      );
    return { slug, name: found.name, id: found.id, created: false };
  }
  const council = sqlite.prepare('SELECT council_name AS n FROM council_settings ORDER BY id LIMIT 1').get() as { n: string } | undefined;
  const chosen = name?.trim() || council?.n || slug;
  const made = (await client.query<{ id: number }>('INSERT INTO partnerships (slug, name) VALUES ($1, $2) RETURNING id', [slug, chosen])).rows[0]!;
  return { slug, name: chosen, id: made.id, created: true };
}

/** Refuses, before anything is written, names of the store's that are another partnership's in the target. */
async function refuseClashes(client: pg.ClientBase, sqlite: Database.Database): Promise<void> {
  const checks: [string, string, string][] = [
    ['survey', 'SELECT slug AS v FROM surveys', 'SELECT slug AS v FROM surveys WHERE slug = ANY($1::text[])'],
    ['link', 'SELECT token AS v FROM links', 'SELECT token AS v FROM links WHERE token = ANY($1::text[])'],
    ['ward', 'SELECT code AS v FROM areas', 'SELECT code AS v FROM areas WHERE code = ANY($1::text[])'],
    ['LSOA', 'SELECT lsoa_code AS v FROM lsoa_ward', 'SELECT lsoa_code AS v FROM lsoa_ward WHERE lsoa_code = ANY($1::text[])'],
  ];
  for (const [what, mine, theirs] of checks) {
    const values = (sqlite.prepare(mine).all() as { v: string }[]).map((r) => r.v);
    if (!values.length) continue;
    const taken = (await client.query<{ v: string }>(theirs, [values])).rows.map((r) => r.v);
    if (taken.length)
      throw new StoreRefused(
        `${taken.length} ${what}${taken.length === 1 ? '' : 's'} of the store ${taken.length === 1 ? 'is' : 'are'} another partnership's in the target already (${taken.slice(0, 5).join(', ')}): nothing was written. Rename ${taken.length === 1 ? 'it' : 'them'} in the store, or copy into a database without ${taken.length === 1 ? 'it' : 'them'}.`,
      );
  }
}

interface Copied {
  check: TableCheck;
  /** Rows the target held already (the force's crime, officers by email). */
  skipped: number;
  /** The new numbers of the rows copied, to read them back by. */
  ids: number[];
}

/**
 * Copies one table: each row with its partnership and references put right, inserted in batches;
 * returns the count and hash of the rows as they should now be in the target (in the order the
 * target is read back: by the new numbers, or by the primary key).
 */
async function copyTable(
  client: pg.ClientBase,
  sqlite: Database.Database,
  table: CopiedTable,
  p: number,
  maps: Map<string, Map<number, number>>,
): Promise<Copied> {
  const refs = REFERENCES[table.name] ?? {};
  const cols = table.columns.map((c) => c.name);
  const at = (c: string) => cols.indexOf(c);
  const idAt = table.identity ? at(table.identity) : -1;
  const mine = new Map<number, number>();
  maps.set(table.name, mine);
  const mapped = (ref: string, v: unknown) => {
    if (v === null || v === undefined) return null;
    const to = (ref === table.name ? mine : maps.get(ref))?.get(Number(v));
    if (to === undefined) throw new StoreRefused(`${table.name}: a row refers to ${ref} ${v}, which the store does not hold. Nothing was written.`);
    return to;
  };
  const rows: unknown[][] = [];
  const oldIds: number[] = [];
  for (const source of sqliteRows(sqlite, table)) {
    const row = [...source];
    // A reference to an earlier row of the same table (a restored weighting run) is put right as it is inserted.
    for (const [col, ref] of Object.entries(refs)) if (at(col) >= 0 && ref !== table.name) row[at(col)] = mapped(ref, row[at(col)]);
    // Every copied table with a partnership_id column is the partnership's.
    if (at('partnership_id') >= 0) row[at('partnership_id')] = p;
    if (table.name === 'council_settings') row[at('id')] = p;
    if (table.name === 'weighting_runs' && row[at('weights')] !== null) row[at('weights')] = remapWeights(String(row[at('weights')]), maps.get('responses')!);
    if (idAt >= 0) oldIds.push(Number(row[idAt]));
    rows.push(row);
  }
  if (table.name === 'officers') return await copyOfficers(client, table, rows, oldIds, mine);
  const insertCols = idAt >= 0 ? cols.filter((_, i) => i !== idAt) : cols;
  const pick = (row: unknown[]) => (idAt >= 0 ? row.filter((_, i) => i !== idAt) : row);
  const conflict = table.name === 'crime' || table.name === 'officer_roles' ? ' ON CONFLICT DO NOTHING' : '';
  const batch = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / insertCols.length)));
  let inserted = 0;
  // Rows referring to earlier rows of the same table (a restored weighting run) go one by one.
  const oneByOne = Object.values(refs).includes(table.name);
  const step = oneByOne ? 1 : batch;
  for (let i = 0; i < rows.length; i += step) {
    const chunk = rows.slice(i, i + step);
    if (oneByOne) for (const [col, ref] of Object.entries(refs)) if (ref === table.name) chunk[0]![at(col)] = mapped(ref, chunk[0]![at(col)]);
    const r = await insertRows(client, table, insertCols, chunk.map(pick), conflict, idAt >= 0 ? table.identity! : null);
    inserted += r.rowCount ?? 0;
    if (idAt >= 0) r.rows.forEach((x, k) => mine.set(oldIds[i + k]!, Number(x.id)));
  }
  const hasher = new TableHasher(table);
  if (idAt >= 0) {
    rows.forEach((row, i) => {
      row[idAt] = mine.get(oldIds[i]!);
      hasher.add(row);
    });
  } else {
    for (const row of sortByKey(rows, table)) hasher.add(row);
  }
  return { check: hasher.result(), skipped: rows.length - inserted, ids: [...mine.values()] };
}

async function insertRows(client: pg.ClientBase, table: CopiedTable, cols: string[], rows: unknown[][], conflict: string, returning: string | null) {
  const kinds = cols.map((c) => table.columns.find((x) => x.name === c)!.kind);
  const n = cols.length;
  const values = rows.map((_, r) => `(${cols.map((_, c) => `$${r * n + c + 1}`).join(', ')})`).join(', ');
  const params = rows.flatMap((row) => row.map((v, c) => toPostgres(v, kinds[c]!)));
  return await client.query<{ id: number }>(
    `INSERT INTO ${quote(table.name)} (${cols.map(quote).join(', ')}) VALUES ${values}${conflict}${returning ? ` RETURNING ${quote(returning)}` : ''}`,
    params,
  );
}

/** Officers by email: one already there keeps its account (password, two-factor); a new one is added. */
async function copyOfficers(client: pg.ClientBase, table: CopiedTable, rows: unknown[][], oldIds: number[], mine: Map<number, number>): Promise<Copied> {
  const cols = table.columns.map((c) => c.name);
  const email = cols.indexOf('email');
  const idAt = cols.indexOf(table.identity!);
  const hasher = new TableHasher(table);
  let kept = 0;
  const expected: unknown[][] = [];
  for (const [i, row] of rows.entries()) {
    const there = (await client.query<{ id: number }>('SELECT id FROM officers WHERE email = $1', [row[email]])).rows[0];
    if (there) {
      mine.set(oldIds[i]!, there.id);
      kept++;
      continue;
    }
    const insertCols = cols.filter((_, k) => k !== idAt);
    const r = await insertRows(client, table, insertCols, [row.filter((_, k) => k !== idAt)], '', table.identity!);
    mine.set(oldIds[i]!, Number(r.rows[0]!.id));
    expected.push([...row.slice(0, idAt), Number(r.rows[0]!.id), ...row.slice(idAt + 1)]);
  }
  for (const row of expected) hasher.add(row);
  return { check: hasher.result(), skipped: kept, ids: expected.map((row) => row[idAt] as number) };
}

function remapWeights(text: string, responses: Map<number, number>): string {
  const w = JSON.parse(text) as { ids: number[]; weights: number[] } | null;
  if (!w) return text;
  return JSON.stringify({ ...w, ids: w.ids.map((id) => responses.get(id) ?? id) });
}

/** Rows sorted as Postgres orders them by the primary key (numbers by value, text bytewise). */
function sortByKey(rows: unknown[][], table: CopiedTable): unknown[][] {
  const keys = table.primaryKey.map((k) => ({ at: table.columns.findIndex((c) => c.name === k), kind: table.columns.find((c) => c.name === k)!.kind }));
  const cmp = (a: unknown, b: unknown, kind: string) => {
    if (kind === 'integer' || kind === 'real') return Number(a) - Number(b);
    const x = String(a);
    const y = String(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const c = cmp(a[k.at], b[k.at], k.kind);
      if (c) return c;
    }
    return 0;
  });
}

/** The count and hash of the copy's rows as the target holds them. */
async function hashTarget(client: pg.ClientBase, table: CopiedTable, p: number, ids: number[]): Promise<TableCheck> {
  const hasher = new TableHasher(table);
  const columns = table.columns.map((c) => (c.kind === 'json' ? `${quote(c.name)}::text` : quote(c.name))).join(', ');
  const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
  const order = table.primaryKey.map((k) => (kinds.get(k) === 'text' ? `${quote(k)} COLLATE "C"` : quote(k))).join(', ');
  const { where, param } = targetRows(table, p, ids);
  const r = await client.query<unknown[]>({
    text: `SELECT ${columns} FROM ${quote(table.name)} WHERE ${where} ORDER BY ${order}`,
    values: [param],
    rowMode: 'array',
  });
  for (const row of r.rows) hasher.add(row);
  return hasher.result();
}
