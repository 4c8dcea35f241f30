/**
 * A throw-away PostgreSQL cluster for one test file: a fresh data folder, initdb, a server on a
 * free port of 127.0.0.1 (its socket in the same folder), one database. `stop()` kills it and
 * removes the folder; call it in afterAll. Where PostgreSQL is not installed this throws: the
 * Postgres tests fail rather than skip (CI installs Debian's `postgresql`).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url: string;
  /** A URL for another database of the same cluster, created first. */
  database(name: string): string;
  stop(): void;
}

/** The newest PostgreSQL of /usr/lib/postgresql/<version>/bin (Debian's layout), or one on PATH. */
function binDir(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))) : [];
  if (versions.length) return join(base, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
  try {
    return execFileSync('sh', ['-c', 'dirname "$(command -v initdb)"'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH): apt-get install -y postgresql');
  }
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

/** `durable`: fsync on, as a production server runs (benchmarks); tests run without it. */
export async function startCluster(database = 'survey', { durable = false }: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'csp-pg-'));
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { stdio: 'pipe', cwd: dir })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe', cwd: dir });
  if (asRoot)
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })));
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = () => {
    try {
      // Once only: a second stop (a failed start, then the caller's own) does nothing.
      if (started) {
        started = false;
        run('pg_ctl', ['-D', data, 'stop', '-m', 'immediate']);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    // fsync off: a test cluster lives for one file; nothing in it has to survive a power cut.
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${durable ? '' : ' -c fsync=off'}`,
      '-w',
      '-t',
      '60',
      'start',
    ]);
    started = true;
    const url = (db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
    const database_ = (name: string) => {
      run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name]);
      return url(name);
    };
    return { url: database_(database), database: database_, stop };
  } catch (e) {
    stop();
    const err = e as Error & { stderr?: Buffer };
    throw new Error(`Could not start a throw-away PostgreSQL: ${err.stderr?.toString() || err.message}`);
  }
}

/**
 * A store on a fresh cluster (opened by `open`, e.g. migrated as the superuser, or as an ordinary
 * role), with a temp folder beside it, for suites that take `{ store, dir, close }`.
 */
export async function storeOnCluster<S extends { close(): Promise<void> }>(
  open: (cluster: Cluster) => Promise<S>,
): Promise<{ store: S; dir: string; close(): Promise<void> }> {
  const cluster = await startCluster();
  const store = await open(cluster);
  const dir = mkdtempSync(join(tmpdir(), 'csp-pg-files-'));
  return {
    store,
    dir,
    async close() {
      await store.close();
      cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
