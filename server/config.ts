/**
 * Every environment setting, in one place, checked once at start (server/index.ts calls
 * `readSettings()`, then the readers of the settings that belong together: single sign-on and the
 * accessibility statement): a value of the wrong kind, out of range or not one of the allowed words stops
 * the server with a message naming the setting and what it may be. Nothing else reads process.env:
 * code asks `settings()` (re-read only when the environment changed, so tests may set a value).
 * README "Settings" lists them all; keep the two in step.
 */
import { z } from 'zod';

/** An unset or empty value is the default (compose files often pass `NAME=`). */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

function int(name: string, min: number, max: number, unit = '') {
  const allowed = `a whole number from ${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}${unit}`;
  return z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d+$/, `${name} must be ${allowed}`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `${name} must be ${allowed}`)
      .optional(),
  );
}

function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T, meaning = '') {
  return z.preprocess(
    (v) => (typeof blank(v) === 'string' ? (blank(v) as string).toLowerCase() : blank(v)),
    z.enum(values, { error: `${name} must be one of ${values.join(', ')}${meaning}` }).optional(),
  );
}

const text = z.preprocess(blank, z.string().optional());

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: int('PORT', 0, 65535),
  DATA_DIR: text,
  DATABASE_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/,
        'DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:port/database (leave it unset for the embedded SQLite store)',
      )
      .optional(),
  ),
  PUBLIC_URL: z.preprocess(
    blank,
    z
      .string()
      .regex(
        /^https?:\/\/[^\s/]+(\/\S*)?$/,
        'PUBLIC_URL must be the address people use, starting http:// or https:// (for example https://survey.example.gov.uk)',
      )
      .optional(),
  ),
  DEMO: oneOf('DEMO', ['0', '1'], ' (0 stops --demo loading the demo content)'),
  CLIENT_DIR: text,
  MAX_CONNECTIONS: int('MAX_CONNECTIONS', 1, 100_000),
  TRUSTED_PROXY: int('TRUSTED_PROXY', 0, 10, ' (the number of reverse proxies in front of the server)'),
  COOKIE_SECURE: oneOf('COOKIE_SECURE', ['0', '1'], ' (1 sends the sign-in cookie over HTTPS only)'),
  REPORT_WORKERS: int('REPORT_WORKERS', 1, 64),
  REPORT_QUEUE: int('REPORT_QUEUE', 0, 10_000),
  REPORT_HELPERS: int('REPORT_HELPERS', 0, 8, ' (helper threads per report worker for big reports; 0: none)'),
  REPORT_KEEP_READY: oneOf('REPORT_KEEP_READY', ['0', '1'], ' (0: no report worker is kept ready with the newest big wave read ahead)'),
  REPORT_WAVE_CACHE_MB: int('REPORT_WAVE_CACHE_MB', 0, 65_536, ' (MB of big waves each report thread keeps; 0: none)'),
  READY_MIN_FREE_MB: int('READY_MIN_FREE_MB', 0, Number.MAX_SAFE_INTEGER, ' (MB)'),
  UPLOAD_MAX_MB: int('UPLOAD_MAX_MB', 1, 65_536, ' (MB)'),
  STAGING_QUOTA_MB: int('STAGING_QUOTA_MB', 1, 1_048_576, ' (MB)'),
  STAGING_STALE_HOURS: int('STAGING_STALE_HOURS', 1, 720),
  MIGRATE_ON_START: oneOf(
    'MIGRATE_ON_START',
    ['true', 'false', '1', '0'],
    ' (false: start-up only checks the store is migrated; run `npm run cli -- migrate` as a release step)',
  ),
  STORE_SYNCHRONOUS: oneOf('STORE_SYNCHRONOUS', ['full', 'normal'], ' (normal is unsafe: only for measuring)'),
  LOG_LEVEL: oneOf('LOG_LEVEL', LOG_LEVELS),
  OIDC_ISSUER: text,
  OIDC_CLIENT_ID: text,
  OIDC_CLIENT_SECRET: text,
  OIDC_LABEL: text,
  ACCESSIBILITY_ORGANISATION: text,
  ACCESSIBILITY_CONTACT_EMAIL: text,
  ACCESSIBILITY_CONTACT_PHONE: text,
  ACCESSIBILITY_STATEMENT_PREPARED: text,
  ACCESSIBILITY_STATEMENT_REVIEWED: text,
});

export const SETTING_NAMES = Object.keys(schema.shape) as (keyof typeof schema.shape)[];

/** The settings with their defaults filled in. */
export interface Settings {
  port: number;
  dataDir: string;
  /** A PostgreSQL store's address; undefined: the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  publicUrl: string | undefined;
  demo: boolean;
  clientDir: string | undefined;
  maxConnections: number;
  trustedProxy: number;
  cookieSecure: boolean;
  reportWorkers: number | undefined;
  reportHelpers: number | undefined;
  reportWaveCacheMb: number | undefined;
  /** A report worker kept ready with the newest big wave read ahead (REPORT_KEEP_READY, default on). */
  reportKeepReady: boolean;
  reportQueue: number | undefined;
  readyMinFreeMb: number;
  uploadMaxBytes: number;
  stagingQuotaBytes: number;
  stagingStaleMs: number;
  storeSynchronous: 'full' | 'normal';
  /** Apply pending migrations on opening the store (default); false refuses a store that lacks some. */
  migrateOnStart: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The raw text of the single sign-on and accessibility settings, for their own readers. */
  text: Record<string, string | undefined>;
}

/** A setting cannot be used; the message names each one and what it may be. */
export class SettingsError extends Error {}

const MB = 1024 * 1024;

/** Reads and checks `env`; throws a SettingsError naming every bad setting. */
export function readSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = schema.safeParse(Object.fromEntries(SETTING_NAMES.map((n) => [n, env[n]])));
  if (!parsed.success) {
    throw new SettingsError(`${parsed.error.issues.map((i) => `${i.message}; it is '${env[String(i.path[0])]}'.`).join(' ')}`);
  }
  const s = parsed.data;
  const text = Object.fromEntries(SETTING_NAMES.filter((n) => /^(OIDC|ACCESSIBILITY)_/.test(n)).map((n) => [n, s[n] as string | undefined]));
  return {
    port: s.PORT ?? 3000,
    dataDir: s.DATA_DIR ?? './data',
    databaseUrl: s.DATABASE_URL,
    publicUrl: s.PUBLIC_URL,
    demo: s.DEMO !== '0',
    clientDir: s.CLIENT_DIR,
    maxConnections: s.MAX_CONNECTIONS ?? 1000,
    trustedProxy: s.TRUSTED_PROXY ?? 0,
    cookieSecure: s.COOKIE_SECURE === '1',
    reportWorkers: s.REPORT_WORKERS,
    reportHelpers: s.REPORT_HELPERS,
    reportWaveCacheMb: s.REPORT_WAVE_CACHE_MB,
    reportKeepReady: s.REPORT_KEEP_READY !== '0',
    reportQueue: s.REPORT_QUEUE,
    readyMinFreeMb: s.READY_MIN_FREE_MB ?? 100,
    uploadMaxBytes: (s.UPLOAD_MAX_MB ?? 512) * MB,
    stagingQuotaBytes: (s.STAGING_QUOTA_MB ?? 2048) * MB,
    stagingStaleMs: (s.STAGING_STALE_HOURS ?? 24) * 60 * 60 * 1000,
    storeSynchronous: s.STORE_SYNCHRONOUS ?? 'full',
    migrateOnStart: s.MIGRATE_ON_START !== 'false' && s.MIGRATE_ON_START !== '0',
    // Quiet under vitest unless a test asks for logs.
    logLevel: s.LOG_LEVEL ?? (env.VITEST ? 'silent' : 'info'),
    text,
  };
}

let cached: { key: string; settings: Settings } | null = null;

/** The settings now. Re-read when a setting in the environment has changed (tests change some). */
export function settings(): Settings {
  const key = [...SETTING_NAMES, 'VITEST'].map((n) => process.env[n] ?? '\u0000').join('\u0001');
  if (cached?.key !== key) cached = { key, settings: readSettings(process.env) };
  return cached.settings;
}

/** Once listening on PORT=0, the port chosen, so printed links (PUBLIC_URL unset) work. */
export function noteListeningPort(port: number): void {
  process.env.PORT = String(port);
}
