/**
 * `store copy --to postgres://…`: the whole store copied into an empty Postgres database and
 * checked table by table; `store verify --to postgres://…`: the same check of an earlier copy.
 * Both print a JSON summary { tables: [{ name, rows, hash, match, … }], ok } and exit 1 unless
 * every table matches. Progress goes to standard error (server/store/pg/copy.ts).
 */
import { copyToPostgres, isPostgresUrl, verifyPostgres } from '../../store/pg/copy.js';
import { copyIntoPartnership } from '../../store/pg/copy-into.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `store copy --to postgres://user@host:5432/db   (the whole store, into an empty database; checked by counts and hashes)
store copy --to postgres://… --into partnership [--name "Name"]   (a district's store into one partnership of a shared database)
store verify --to postgres://user@host:5432/db   (compares the store with an earlier copy)`;

export const storeCommand: Command = async (args, { store, out, err }) => {
  const [action, ...rest] = args;
  if (action !== 'copy' && action !== 'verify') throw new UsageError(action ? `Unknown store action '${action}'.` : 'Say copy or verify.');
  const f = flags(rest, { to: { type: 'string' }, into: { type: 'string' }, name: { type: 'string' } }, ['to']);
  if (!isPostgresUrl(f.to!)) throw new UsageError(`--to must be a Postgres address starting postgres:// (got '${f.to}').`);
  if (f.into !== undefined && action !== 'copy') throw new UsageError('--into goes with store copy (the copy checks itself before it commits).');
  const summary =
    f.into !== undefined
      ? await copyIntoPartnership(store, f.to!, f.into, f.name, err)
      : action === 'copy'
        ? await copyToPostgres(store, f.to!, err)
        : await verifyPostgres(store, f.to!, err);
  out(JSON.stringify(summary, null, 2));
  if (!summary.ok)
    err(
      `Tables that differ: ${summary.tables
        .filter((t) => !t.match)
        .map((t) => t.name)
        .join(', ')}.`,
    );
  return summary.ok ? 0 : 1;
};
