/**
 * End-to-end harness: the real server as a child process on a temporary data folder, the real
 * CLI against the same folder, and a browser context in the one headless Chromium (the system
 * one, through playwright-core) that test/e2e/global-setup.ts starts for the whole run.
 * Everything started here is stopped by the returned `stop()`/`close()`; call them in afterAll.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page, type Browser as PlaywrightBrowser } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { createOfficer } from '../../server/accounts/officers.js';
import type { Role } from '../../server/accounts/roles.js';
import { openStore, type Store } from '../../server/store/open.js';
import { openPostgresStore } from '../../server/store/pg/open.js';
import { type Cluster, startCluster } from '../pg/cluster.js';
import { loadDemoCrimeIfEmpty, loadDemoIfEmpty } from '../../server/demo/load.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const run = promisify(execFile);

/** The built client the server serves: dist/client, or CLIENT_OUT_DIR when a test run builds its own. */
export const clientDir = resolve(root, process.env.CLIENT_OUT_DIR ?? 'dist/client');

/** Builds the client once if the pages are missing (CI runs `vite build` first anyway). */
export function ensureBuilt(): void {
  if (existsSync(join(clientDir, 'respondent.html')) && existsSync(join(clientDir, 'officer.html'))) return;
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build'], { cwd: root, stdio: 'pipe', env: { ...process.env, CLIENT_OUT_DIR: clientDir } });
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** The PostgreSQL store it runs on (extraEnv.DATABASE_URL); undefined: the SQLite file in dataDir. */
  databaseUrl?: string;
  /** Everything the server printed so far. */
  output(): string;
  /** What each setup command printed, in order. */
  setupOutput: string[];
  /** Runs `tsx server/cli/index.ts ...args` against the same data folder; resolves to stdout. */
  cli(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The server did not answer /api/health within ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts the server on a fresh data folder. `setup` is a list of CLI commands (argv arrays) run
 * first, in one process (test/e2e/cli-batch.ts); their outputs are returned in `setupOutput`.
 * With E2E_STORE=postgres (npm run test:browser:pg) each server gets a throw-away PostgreSQL
 * cluster of its own as its store, stopped with it.
 */
export async function startServer(setup: string[][] = [], extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  ensureBuilt();
  let cluster: Cluster | undefined;
  if (process.env.E2E_STORE === 'postgres' && !extraEnv.DATABASE_URL) {
    cluster = await startCluster();
    extraEnv = { ...extraEnv, DATABASE_URL: cluster.url };
  }
  try {
    return await startServerOn(setup, extraEnv, () => cluster?.stop());
  } catch (e) {
    cluster?.stop();
    throw e;
  }
}

async function startServerOn(setup: string[][], extraEnv: Record<string, string>, stopStore: () => void): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO: '0',
    PUBLIC_URL: url,
    CLIENT_DIR: clientDir,
    ...extraEnv,
  };
  let setupOutput: string[] = [];
  // On PostgreSQL the schema is a release step (the server only checks it): run it as one would.
  if (env.DATABASE_URL) await run(tsx, ['server/cli/index.ts', 'migrate'], { cwd: root, env });
  if (setup.length) {
    try {
      const { stdout } = await run(tsx, ['test/e2e/cli-batch.ts', JSON.stringify(setup)], { cwd: root, env });
      setupOutput = JSON.parse(stdout);
    } catch (e) {
      rmSync(dataDir, { recursive: true, force: true });
      const err = e as { stderr?: string; message: string };
      throw new Error(`Setting up the test data failed: ${err.stderr || err.message}`);
    }
  }
  // Own process group, so stopping it also stops the node process tsx starts.
  const child = spawn(tsx, ['server/index.ts'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 3000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    stopStore();
  };

  try {
    await waitForHealth(url, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }

  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await run(tsx, ['server/cli/index.ts', ...args], { cwd: root, env, maxBuffer: 32 * 1024 * 1024 });
      return stdout;
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      throw new Error(`CLI ${args.join(' ')} failed: ${err.stderr || err.message}`);
    }
  };
  return { url, dataDir, databaseUrl: env.DATABASE_URL, output: () => output, setupOutput, cli, stop };
}

export interface SeedOptions {
  /** The demo content (SYNTHETIC responses, ILLUSTRATIVE population). */
  demo?: boolean;
  /** The demo's real police.uk month. */
  demoCrime?: boolean;
  officers?: { email: string; password: string; role: Role }[];
}

/** Writes demo content and officer accounts into a running server's data folder (SQLite WAL lets both open it). */
export async function seed(server: RunningServer, { demo = false, demoCrime = false, officers = [] }: SeedOptions): Promise<void> {
  const store: Store = server.databaseUrl ? await openPostgresStore(server.databaseUrl) : openStore(server.dataDir);
  try {
    if (demo) await loadDemoIfEmpty(store);
    if (demoCrime) await loadDemoCrimeIfEmpty(store);
    for (const o of officers) await createOfficer(store.db, o);
  } finally {
    await store.close();
  }
}

export { chromiumArgs, chromiumPath } from './chromium.js';

export interface Browser {
  context: BrowserContext;
  /** A new tab in this context at the given viewport. */
  newPage(width: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

// One connection per test file to the shared Chromium, dropped when the file's last context closes.
let connection: Promise<PlaywrightBrowser> | undefined;
let openContexts = 0;

function connect(): Promise<PlaywrightBrowser> {
  if (!connection) {
    const wsEndpoint = inject('chromiumWsEndpoint');
    // Run without the browser config's global setup: this file gets a Chromium of its own.
    connection = wsEndpoint ? chromium.connect(wsEndpoint) : chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    connection.catch(() => {
      connection = undefined;
    });
  }
  return connection;
}

/** A fresh browser context (its own cookies and localStorage, so they start empty) in the shared Chromium. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await connect();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  openContexts++;
  let closed = false;
  return {
    context,
    async newPage(width, height = 900) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => undefined);
      if (--openContexts === 0) {
        connection = undefined;
        // Disconnects from the shared Chromium (or stops this file's own one).
        await browser.close().catch(() => undefined);
      }
    },
  };
}

/** Runs `fn` with a browser and always closes it. */
export async function withBrowser<T>(fn: (context: BrowserContext) => Promise<T>): Promise<T> {
  const browser = await launchBrowser();
  try {
    return await fn(browser.context);
  } finally {
    await browser.close();
  }
}
