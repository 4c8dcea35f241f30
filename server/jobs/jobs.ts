/**
 * The jobs service: the heavy work routes and the CLI ask for (the survey report, perception vs
 * crime, ward small-area estimates, the downloads, a weighting run's calibration), run in the worker pool (pool.ts) and computed once (cache.ts). A layer
 * between http/cli and the nouns: it imports the nouns' services (through kinds.ts, in the worker)
 * and is given to the routers in AppDeps.
 *
 * A result is cached by its kind, survey, waves, options and the data versions of what it reads
 * (queries.ts), so asking again answers from memory until a response, a weighting run, a change to
 * the questionnaire or crime and population figures makes a new version. The key is read before
 * the work starts, so a change made while it runs can only make the stored result newer than its
 * key says, never older than what a later request expects.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { auditDownload, COMMITTEE_KINDS, type Download, type DownloadKind, type DownloadOptions } from '../reports/downloads.js';
import type { PerceptionOptions } from '../reports/perception.js';
import type { PerceptionReport, ReportDetail, SurveyReport, SurveyReportLean } from '../reports/schemas.js';
import type { ReportOptions } from '../reports/survey-report.js';
import type { WardEstimatesOptions } from '../reports/ward-estimates.js';
import type { WardEstimates } from '../reports/ward-estimates-schema.js';
import type { WaveFindings } from '../reports/findings-schema.js';
import type { WaveFindingsOptions } from '../reports/wave-findings.js';
import { priorityMatrixVersion, type PriorityMatrix } from '../priorities/matrix.js';
import { allMigrations } from '../store/migrations.js';
import { migrationsFolder, storeLocation, type Store } from '../store/open.js';
import { scopedPartnership } from '../store/partnership-scope.js';
import { storeWeighing, type WeighWave } from '../weighting/runs.js';
import type { WeightingRunResponse } from '../weighting/schemas.js';
import { ResultCache } from './cache.js';
import type { ArgsOf, Kind, ResultOf } from './kinds.js';
import { WorkerPool } from './pool.js';
import { allVersions, pruneResults, type StoredResult, storedResult, storeResult, versionsOf } from './queries.js';

export interface JobsOptions {
  /** Worker threads; default one per core but one (at least 1), leaving a core to the request thread. */
  workers?: number;
  /** Jobs that may wait for a worker before a 503; default 4 per worker. */
  queue?: number;
  /** Memory the cached results may hold; default 256 MB. */
  cacheBytes?: number;
  /** What the results kept in the store for every server may take; default 512 MB; 0: none kept. */
  sharedCacheBytes?: number;
  /** An idle worker stops after this long (ms); default 60 s. */
  idleMs?: number;
  /** Helper threads each worker shares a big report with (server/reports/report-parts.ts); default none (the server gives defaultHelpers()). */
  helpers?: number;
  /** One worker kept ready, reading the newest big wave ahead (pool.ts); default false: the server sets it, the CLI does not. */
  keep?: boolean;
  /** Responses from which the kept worker reads a wave ahead (tests: small waves); default 20,000. */
  warmFrom?: number;
  /** How often the kept worker, while idle, looks whether what it read ahead is stale (ms); default 30 s. */
  rewarmMs?: number;
}

/** The JSON of a T as UTF-8, as the worker serialised it: sent on as it is, never parsed on the request thread. */
export type JsonBytes<T> = Uint8Array<ArrayBuffer> & { readonly __json?: T };

export interface Jobs {
  /** The report's JSON: as the CLI prints it, or with `lean` as the API sends it (lean or, with detail 'full', in full). */
  report<D extends ReportDetail = 'lean'>(
    opts: ReportOptions & { lean?: boolean; detail?: D },
    signal?: AbortSignal,
  ): Promise<JsonBytes<D extends 'full' ? SurveyReport : SurveyReport | SurveyReportLean>>;
  perception(opts: PerceptionOptions, signal?: AbortSignal): Promise<JsonBytes<PerceptionReport>>;
  wardEstimates(opts: WardEstimatesOptions, signal?: AbortSignal): Promise<JsonBytes<WardEstimates>>;
  /** A wave's headline figures and key findings (the officers' first page). */
  findings(opts: WaveFindingsOptions, signal?: AbortSignal): Promise<JsonBytes<WaveFindings>>;
  /**
   * A year's priority matrix with its evidence, and whether it came from the cache. Cached by every
   * data version (crime, population, responses, weighting runs, questionnaires) and the year's
   * scores, weights and the years saved, so any of them changing makes it afresh.
   */
  priorities(year: string, signal?: AbortSignal): Promise<{ json: JsonBytes<PriorityMatrix>; cached: boolean }>;
  /** Weights a wave: the weights computed in a worker (its progress passed to `args.onProgress`), then stored and audited here (never cached). */
  weigh(args: WeighWave, signal?: AbortSignal): Promise<WeightingRunResponse>;
  /** Makes the download (or finds it made) and writes it to the audit log for `officer`. */
  download(officer: { id: number } | null, kind: DownloadKind, opts: DownloadOptions, signal?: AbortSignal): Promise<Download>;
  readonly pool: WorkerPool;
  readonly cache: ResultCache<unknown>;
  /** Stops the workers (the CLI, once its command is done). */
  close(): Promise<void>;
}

export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;
/** What the results stored for every server may take in the store before the oldest go. */
export const DEFAULT_SHARED_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * Results kept in the store outlive this process, so their keys name the release that made them
 * (the package version and the newest migration): after an upgrade nothing older is served.
 */
const RELEASE = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `v${pkg.version}/${allMigrations(migrationsFolder).at(-1)?.tag ?? 'none'}`;
})();

/** A result as stored: its bytes, and for a download the rest of it. */
function encodeResult(value: unknown): { bytes: Buffer; meta: Record<string, unknown> | null } {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength), meta: null };
  const { body, ...rest } = value as Download;
  return typeof body === 'string'
    ? { bytes: Buffer.from(body, 'utf8'), meta: { ...rest, text: true } }
    : { bytes: Buffer.from(body), meta: { ...rest, text: false } };
}

function decodeResult({ value, meta }: StoredResult): unknown {
  // A copy of its own (a Buffer may share a pool's memory): what the worker would have sent.
  const bytes = new Uint8Array(value.byteLength);
  bytes.set(value);
  if (!meta) return bytes;
  const { text, ...rest } = meta as Omit<Download, 'body'> & { text: boolean };
  return { ...rest, body: text ? Buffer.from(bytes).toString('utf8') : bytes };
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** One helper per report worker where there is a second core: a big report then takes two cores, and one more report can queue on the others. */
export function defaultHelpers(): number {
  return availableParallelism() > 1 ? 1 : 0;
}

/** Stored results between prunings of the shared cache (the first store prunes too, then every PRUNE_EVERYth). */
const PRUNE_EVERY = 20;

export function createJobs(store: Store, options: JobsOptions = {}): Jobs {
  const workers = Math.max(1, options.workers ?? defaultWorkers());
  const pool = new WorkerPool({
    file: storeLocation(store),
    workers,
    queue: options.queue ?? workers * 4,
    idleMs: options.idleMs,
    helpers: options.helpers,
    keep: options.keep,
    warmFrom: options.warmFrom,
    rewarmMs: options.rewarmMs,
  });
  const cache = new ResultCache<unknown>(options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  const shared = options.sharedCacheBytes !== 0;
  const sharedBytes = options.sharedCacheBytes ?? DEFAULT_SHARED_CACHE_BYTES;

  let stores = 0;
  /** Stores a result for the other servers; a failure (a full disk) only costs them the time to make it. */
  async function keepResult(key: string, value: unknown): Promise<void> {
    try {
      const { bytes, meta } = encodeResult(value);
      await storeResult(store, key, bytes, meta);
      // Summing the cache's size on every store would cost more than the results: every 20th does.
      if (stores++ % PRUNE_EVERY === 0) await pruneResults(store, sharedBytes);
    } catch {
      // The result was answered already; the cache is only a saving.
    }
  }

  /** The cache key, or null (not cached) when the survey or a wave does not exist: the worker says why. */
  const keyOf = async (kind: string, slug: string, waves: (string | undefined)[], args: unknown, extra = '') => {
    const versions = await versionsOf(
      store,
      slug,
      waves.filter((w): w is string => typeof w === 'string'),
    );
    return versions === null ? null : `${RELEASE} ${kind} ${slug} ${versions} ${canonical(args)}${extra}`;
  };

  async function run<K extends Kind>(
    kind: K,
    args: ArgsOf<K>,
    key: string | null,
    signal?: AbortSignal,
    onProgress?: (message: string) => void,
  ): Promise<ResultOf<K>> {
    // A partnership's results are its own: the key names it, and the worker keeps to it.
    const partnership = scopedPartnership();
    if (key !== null) key = ofPartnership(key);
    if (key !== null) {
      const hit = cache.get(key);
      if (hit !== undefined) return hit as ResultOf<K>;
      // Made already by this or another server on the store (the key holds the data versions).
      const stored = shared ? await storedResult(store, key).catch(() => undefined) : undefined;
      if (stored) {
        const value = decodeResult(stored) as ResultOf<K>;
        cache.set(key, value, sizeOf(value));
        return value;
      }
    }
    const value = (await pool.run(kind, args, signal, onProgress, partnership)) as ResultOf<K>;
    if (key !== null) {
      cache.set(key, value, sizeOf(value));
      if (shared) void keepResult(key, value);
    }
    return value;
  }

  return {
    pool,
    cache,
    report: async (opts, signal) => run('report', opts, await keyOf('report', opts.slug, [opts.wave, opts.compareWave], opts), signal),
    perception: async (opts, signal) => run('perception', opts, await keyOf('perception', opts.slug, [opts.wave, opts.compareWave], opts), signal),
    wardEstimates: async (opts, signal) => run('wardEstimates', opts, await keyOf('wardEstimates', opts.slug, [opts.wave], opts), signal),
    findings: async (opts, signal) => run('findings', opts, await keyOf('findings', opts.slug, [opts.wave, opts.compareWave], opts), signal),
    async priorities(year, signal) {
      const key = `${RELEASE} priorities ${year} ${await allVersions(store)} ${await priorityMatrixVersion(store, year)}`;
      const cached = cache.get(ofPartnership(key)) !== undefined;
      return { json: await run('priorities', { year }, key, signal), cached };
    },
    async weigh(args, signal) {
      const { slug, wave, request, onProgress } = args;
      const weighing = await run('weighing', { slug, wave, request }, null, signal, onProgress);
      return await storeWeighing(store, weighing, args);
    },
    async download(officer, kind, opts, signal) {
      // The committee report prints the day it was produced, so a copy is good for that day only, and
      // the priority matrix with its evidence, which reads every survey's waves, crime and population:
      // so any data version, score or weight changing makes a new copy.
      const day = COMMITTEE_KINDS.has(kind)
        ? ` ${new Date().toISOString().slice(0, 10)} ${await allVersions(store)} ${await priorityMatrixVersion(store, opts.wave)}`
        : '';
      const out = await run('download', { kind, opts }, await keyOf('download', opts.slug, [opts.wave, opts.compareWave], { kind, opts }, day), signal);
      await auditDownload(store, officer, kind, opts);
      return out;
    },
    close: () => pool.close(),
  };
}

/** A cache key of the caller's partnership (every partnership's priorities for 2026 are different). */
function ofPartnership(key: string): string {
  return `${key} p${scopedPartnership() ?? '*'}`;
}

/** JSON with object keys sorted, so `?by=a&ci=beta` and `?ci=beta&by=a` share a key. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** Roughly what a result holds in memory: its bytes (a string's length). */
function sizeOf(value: unknown): number {
  if (value instanceof Uint8Array) return value.byteLength;
  const body = (value as Download).body;
  if (body === undefined) return 1024; // a weighing is never cached; a small guess for anything else
  return typeof body === 'string' ? body.length : body.byteLength;
}
