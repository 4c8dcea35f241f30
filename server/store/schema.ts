/**
 * The one storage schema (drizzle, SQLite). Migrations in ../../drizzle are generated from it
 * (`npm run db:generate`) and applied at start by ./open.ts.
 *
 * Each index names the query it serves.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** 128 random bits as 32 hex digits (the migration backfills older rows the same way in SQL). */
export const newPublicId = () => randomBytes(16).toString('hex');

const createdAt = () => text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`);

/**
 * A community safety partnership. One deployment can hold several (a county's districts); each
 * survey, ward, set of boundaries, priority assessment, audit entry and queued job belongs to one,
 * and an officer works in the partnerships of their officer_roles. Partnership 1 is made by the
 * migration and holds everything stored before there were partnerships.
 */
export const partnerships = sqliteTable('partnerships', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** The partnership a row belongs to (no foreign key: SQLite can't add one with a default to a table). */
const partnershipId = () => integer('partnership_id').notNull().default(1);

/** A questionnaire. `definition` is SurveyJS JSON; `version` goes up each time it changes. */
export const surveys = sqliteTable('surveys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  audience: text('audience', { enum: ['resident', 'youth', 'other'] }).notNull(),
  definition: text('definition', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  /** Question metadata (construct ids, scales, nets, crime types); see surveys/metadata.ts. */
  metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  version: integer('version').notNull().default(1),
  /** Months a response is kept after it arrived, then deleted by the retention sweep; null: kept until deleted by hand. */
  retentionMonths: integer('retention_months'),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

/** A fielding period of a survey, e.g. "2021". At most one wave of a survey is open. */
export const waves = sqliteTable(
  'waves',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    surveyId: integer('survey_id')
      .notNull()
      .references(() => surveys.id),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'open', 'closed'] })
      .notNull()
      .default('draft'),
    opensAt: text('opens_at'),
    closesAt: text('closes_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // wave lookup by survey + name (CLI, report) and "the open wave of this survey" (respondent GET)
    uniqueIndex('waves_survey_name').on(t.surveyId, t.name),
    index('waves_survey_status').on(t.surveyId, t.status),
  ],
);

/** A distribution link: one per school, per channel, or single use. */
export const links = sqliteTable(
  'links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    token: text('token').notNull().unique(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    label: text('label').notNull(),
    kind: text('kind', { enum: ['school', 'channel', 'single'] })
      .notNull()
      .default('school'),
    expiresAt: text('expires_at'),
    maxResponses: integer('max_responses'),
    createdAt: createdAt(),
  },
  // links of a wave (returns by school)
  (t) => [index('links_wave').on(t.waveId)],
);

/**
 * One questionnaire return. Answers are JSON keyed by question name, with the survey version they
 * were answered against. No IP address, user agent or other fingerprint is ever stored.
 */
export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    linkId: integer('link_id').references(() => links.id),
    status: text('status', { enum: ['complete', 'partial'] })
      .notNull()
      .default('complete'),
    /**
     * A partial web return: the page the respondent last reached (1 = the questionnaire's first
     * page), so officers see where people stop; null for complete returns and when not sent.
     */
    lastPage: integer('last_page'),
    /** The language the respondent answered in ('en', 'cy', …); null for paper, imported and older returns. */
    locale: text('locale'),
    answers: text('answers', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
    surveyVersion: integer('survey_version').notNull(),
    /** How it arrived: web, paper (keyed or imported) or demo (synthetic, made up). */
    source: text('source', { enum: ['web', 'import', 'paper', 'demo'] })
      .notNull()
      .default('web'),
    /** True for made-up demo data; every output that shows it says so. */
    synthetic: integer('synthetic', { mode: 'boolean' }).notNull().default(false),
    /** The page's key for this return, unique within its wave (a key reused in another wave is another return). */
    idempotencyKey: text('idempotency_key'),
    /**
     * The id told to the respondent: 128 random bits, base64url, so it says nothing about how many
     * replied and cannot be guessed; `id` stays the officers' (sequential) id.
     */
    publicId: text('public_id').$defaultFn(newPublicId),
    /** Design weight from import (default 1) and the calibrated analysis weight once computed. */
    designWeight: real('design_weight').notNull().default(1),
    weight: real('weight'),
    /**
     * A complex sample declared at import (null when not): the stratum and the PSU (cluster, read
     * within its stratum) the return was sampled in, and the finite population correction (PSUs in
     * the stratum's population, or the sampling fraction when at most 1).
     */
    stratum: text('stratum'),
    psu: text('psu'),
    fpc: real('fpc'),
    createdAt: createdAt(),
  },
  (t) => [
    // all responses of a wave (analysis, export); link counts for caps and returns by school
    index('responses_wave').on(t.waveId, t.status),
    index('responses_link').on(t.linkId),
    // a retried or page-by-page saved return is found by its key within its wave
    uniqueIndex('responses_wave_key').on(t.waveId, t.idempotencyKey),
    uniqueIndex('responses_public_id').on(t.publicId),
  ],
);

/** The weighting runs of a wave, the latest current: targets, diagnostics and weights, so reports can state the method and a run can be restored. */
export const weightingRuns = sqliteTable('weighting_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  waveId: integer('wave_id')
    .notNull()
    .references(() => waves.id),
  method: text('method').notNull(),
  margins: text('margins', { mode: 'json' }).notNull().$type<unknown>(),
  diagnostics: text('diagnostics', { mode: 'json' }).notNull().$type<unknown>(),
  /**
   * The weights the run gave, as parallel arrays of response ids and weights (responses it left
   * out are absent), so the run can be made current again; null for runs stored before this.
   */
  weights: text('weights', { mode: 'json' }).$type<{ ids: number[]; weights: number[] } | null>(),
  /** The run this one restored (a copy made current again), or null for a run computed afresh. */
  restoredFrom: integer('restored_from'),
  createdAt: createdAt(),
});

/** Wards (or other areas) by code. */
export const areas = sqliteTable('areas', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().default('ward'),
  parentCode: text('parent_code'),
  partnershipId: partnershipId(),
});

/** LSOA → ward lookup; 2011 and 2021 LSOA codes both appear in police.uk files. */
export const lsoaWard = sqliteTable('lsoa_ward', {
  lsoaCode: text('lsoa_code').primaryKey(),
  wardCode: text('ward_code')
    .notNull()
    .references(() => areas.code),
});

/**
 * Ward boundaries an officer uploaded (GeoJSON, WGS84 lon/lat, checked against the ward lookup),
 * newest last; with none, the bundled boundaries of the bundled lookup are used. `geojson` is the
 * checked FeatureCollection as stored: one feature per ward, properties { code }.
 */
export const boundaries = sqliteTable('boundaries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  geojson: text('geojson', { mode: 'json' }).$type<unknown>().notNull(),
  source: text('source').notNull(),
  wards: integer('wards').notNull(),
  officerId: integer('officer_id'),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

/** Known population by area and demographic cell ('*' = all). Illustrative figures say so. */
export const population = sqliteTable(
  'population',
  {
    areaCode: text('area_code').notNull(),
    sex: text('sex').notNull().default('*'),
    ageBand: text('age_band').notNull().default('*'),
    count: real('count').notNull(),
    source: text('source').notNull(),
    illustrative: integer('illustrative', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.sex, t.ageBand] })],
);

/** Recorded crime counts by month × area × crime type, aggregated from police.uk rows. */
export const crime = sqliteTable(
  'crime',
  {
    month: text('month').notNull(),
    areaCode: text('area_code').notNull(),
    crimeType: text('crime_type').notNull(),
    count: integer('count').notNull(),
    sourceFile: text('source_file').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.areaCode, t.crimeType] }),
    // summaries by crime type over a period
    index('crime_type_month').on(t.crimeType, t.month),
  ],
);

export const officers = sqliteTable('officers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
  createdAt: createdAt(),
  /** Set when an admin disables the account: it can't sign in and its sessions are gone. */
  disabledAt: text('disabled_at'),
  lastSignInAt: text('last_sign_in_at'),
  /** The confirmed TOTP secret (base32), or null when two-factor sign-in is off. */
  totpSecret: text('totp_secret'),
  /** A secret shown to the officer but not yet confirmed with a code. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The last TOTP time step accepted, so a code can't be used twice. */
  totpLastStep: integer('totp_last_step'),
  /** Reads every partnership's surveys and results (a county's community safety unit), as a viewer where it has no role. */
  countyReader: integer('county_reader', { mode: 'boolean' }).notNull().default(false),
});

/**
 * An officer's role in a partnership: what authorises them (officers.role is their role in the
 * default partnership, or the one the account was made with: what listings outside a partnership show).
 */
export const officerRoles = sqliteTable(
  'officer_roles',
  {
    officerId: integer('officer_id')
      .notNull()
      .references(() => officers.id, { onDelete: 'cascade' }),
    partnershipId: integer('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
  },
  // an officer's roles (at sign-in, every request); a partnership's officers (its accounts page)
  (t) => [primaryKey({ columns: [t.officerId, t.partnershipId] }), index('officer_roles_partnership').on(t.partnershipId)],
);

/** One-time password reset codes an admin passes on; only the SHA-256 of the code is kept. */
export const passwordResets = sqliteTable('password_resets', {
  id: text('id').primaryKey(),
  officerId: integer('officer_id')
    .notNull()
    .references(() => officers.id),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  createdAt: createdAt(),
});

export const sessions = sqliteTable('sessions', {
  id: text('id').primaryKey(),
  officerId: integer('officer_id')
    .notNull()
    .references(() => officers.id),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: text('expires_at').notNull(),
  createdAt: createdAt(),
  /** The partnership the officer is working in (chosen in the header), or null for their first. */
  partnershipId: integer('partnership_id'),
});

export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  officerId: integer('officer_id'),
  action: text('action').notNull(),
  detail: text('detail', { mode: 'json' }).$type<unknown>(),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

/**
 * A counter per scope ('wave:<id>', 'surveys', 'crime') that goes up whenever what the analyses
 * read changes: the cached reports (server/jobs/) are keyed by it, so a new response, weighting
 * run or crime import drops them. Bumped by triggers (in the migration) rather than by each query,
 * so every writer counts: the server, the CLI in another process, and any query added later.
 */
export const dataVersions = sqliteTable('data_versions', {
  scope: text('scope').primaryKey(),
  version: integer('version').notNull().default(0),
});

/**
 * The council running the surveys, as respondents see it (the privacy notice, the pages' header):
 * one row (id 1), written by admins. The logo is a PNG or a checked SVG, at most 200 KB.
 */
export const councilSettings = sqliteTable('council_settings', {
  id: integer('id').primaryKey(),
  councilName: text('council_name').notNull(),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  postalAddress: text('postal_address'),
  /** The data protection officer: how to reach them (an e-mail address or a sentence). */
  dpoContact: text('dpo_contact'),
  logo: blob('logo', { mode: 'buffer' }),
  logoType: text('logo_type', { enum: ['image/png', 'image/svg+xml'] }),
  updatedAt: text('updated_at').notNull(),
});

/**
 * A priority assessment (MoRiLE-style) for one year: the weight of each criterion, as the
 * partnership set it. Scores are in priority_scores.
 */
export const priorityAssessments = sqliteTable(
  'priority_assessments',
  {
    year: text('year').notNull(),
    /** Criterion key → weight (0–10). */
    weights: text('weights', { mode: 'json' }).$type<Record<string, number>>().notNull(),
    updatedBy: integer('updated_by').references(() => officers.id),
    updatedAt: text('updated_at').notNull(),
    partnershipId: partnershipId(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.year] })],
);

/** An officer's score 1–5 of one theme against one criterion in a year's assessment, and who gave it when. */
export const priorityScores = sqliteTable(
  'priority_scores',
  {
    year: text('year').notNull(),
    theme: text('theme').notNull(),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    scoredBy: integer('scored_by').references(() => officers.id),
    scoredAt: text('scored_at').notNull(),
    partnershipId: partnershipId(),
  },
  // (The year's assessment is checked in code: SQLite can't move a foreign key onto the new key in place.)
  (t) => [primaryKey({ columns: [t.partnershipId, t.year, t.theme, t.criterion] })],
);

/**
 * One sign-in attempt counted against a key (a SHA-256 of the email or the client's address, never
 * the plain text) at `at` (ms): kept in the store so every server on it shares the limits and they
 * survive a restart. Rows older than the window are pruned as attempts are counted.
 */
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    at: integer('at').notNull(),
  },
  // Counting a key's recent attempts, and pruning by age.
  (t) => [index('sign_in_attempts_key_at').on(t.key, t.at), index('sign_in_attempts_at').on(t.at)],
);

/**
 * A police.uk file an officer has uploaded and not yet imported, kept in the store so any server
 * on it can import it (the upload may reach one instance and the import another). `bytes` counts
 * what has arrived so far and `complete` is set once all of it is kept and checked; `importing` is
 * set while an import holds it, so two imports never take the same file; `progress` is how far
 * that import has got, for any instance to report.
 */
export const stagedUploads = sqliteTable('staged_uploads', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  bytes: integer('bytes').notNull(),
  complete: integer('complete', { mode: 'boolean' }).notNull().default(false),
  importing: integer('importing', { mode: 'boolean' }).notNull().default(false),
  progress: text('progress', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  createdAt: createdAt(),
});

/** The bytes of a staged upload, in order, a megabyte a row (so no file is ever held whole in memory). */
export const stagedUploadChunks = sqliteTable(
  'staged_upload_chunks',
  {
    uploadId: text('upload_id')
      .notNull()
      .references(() => stagedUploads.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

/**
 * A long job (an import, a weighting run) queued for whichever server on the store is free:
 * `state` goes queued → running → done or failed; `progress` is what an officer watches, `result`
 * or `error` what it came to. A running job whose server stops beating (`heartbeatAt`) is taken up
 * again by another, so nothing queued is lost.
 */
export const queuedJobs = sqliteTable(
  'queued_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    input: text('input', { mode: 'json' }).notNull().$type<unknown>(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    progress: text('progress', { mode: 'json' }).$type<unknown>(),
    result: text('result', { mode: 'json' }).$type<unknown>(),
    error: text('error'),
    errorStatus: integer('error_status'),
    attempts: integer('attempts').notNull().default(0),
    officerId: integer('officer_id').references(() => officers.id),
    runner: text('runner'),
    createdAt: createdAt(),
    startedAt: text('started_at'),
    heartbeatAt: text('heartbeat_at'),
    finishedAt: text('finished_at'),
    partnershipId: partnershipId(),
  },
  // The next job to take: the oldest queued (or stalled) one.
  (t) => [index('queued_jobs_state_id').on(t.state, t.id)],
);

/**
 * Results computed once (reports, exports) for every server on the store: `key` names the result
 * with the data versions it was made from, so a changed response, weight or crime figure makes a
 * new key and an old entry is simply never asked for again (the oldest go past a size limit).
 * `value` is the result's bytes; `meta` the rest of a download (its type and file name).
 */
export const resultCache = sqliteTable(
  'result_cache',
  {
    key: text('key').primaryKey(),
    value: blob('value', { mode: 'buffer' }).notNull(),
    meta: text('meta', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    bytes: integer('bytes').notNull(),
    createdAt: createdAt(),
  },
  // The oldest first, when the cache is pruned.
  (t) => [index('result_cache_created').on(t.createdAt)],
);
