/**
 * The Postgres storage schema (drizzle, pg-core): every table of ../schema.ts with the same table,
 * column and index names, so the one product can run on either store and a SQLite store copies
 * into it without loss (`cli store copy`). Migrations in ../../../drizzle-pg are generated from it
 * (`npx drizzle-kit generate --config drizzle.pg.config.ts`); test/pg/schema-in-step.test.ts
 * fails when the two schemas drift apart.
 *
 * Representations are kept as SQLite stores them: timestamps stay ISO 8601 text, JSON stays its
 * text (`json` keeps the exact input, unlike `jsonb`), 0/1 flags become boolean only where SQLite
 * declares them boolean.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, doublePrecision, index, integer, json, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { newPublicId } from '../schema.js';

/** The same text as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ','now'): UTC, milliseconds, a Z. */
const createdAt = () => text('created_at').notNull().default(sql`(to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);

/** SQLite's blob (a Buffer both ways). */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const partnerships = pgTable('partnerships', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

/** As in SQLite, no foreign key (the two stores keep the same constraints). */
const partnershipId = () => integer('partnership_id').notNull().default(1);

export const surveys = pgTable('surveys', {
  id: id(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
  audience: text('audience', { enum: ['resident', 'youth', 'other'] }).notNull(),
  definition: json('definition').notNull().$type<Record<string, unknown>>(),
  metadata: json('metadata').$type<Record<string, unknown> | null>(),
  version: integer('version').notNull().default(1),
  retentionMonths: integer('retention_months'),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

export const waves = pgTable(
  'waves',
  {
    id: id(),
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
  (t) => [uniqueIndex('waves_survey_name').on(t.surveyId, t.name), index('waves_survey_status').on(t.surveyId, t.status)],
);

export const links = pgTable(
  'links',
  {
    id: id(),
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
  (t) => [index('links_wave').on(t.waveId)],
);

export const responses = pgTable(
  'responses',
  {
    id: id(),
    waveId: integer('wave_id')
      .notNull()
      .references(() => waves.id),
    linkId: integer('link_id').references(() => links.id),
    status: text('status', { enum: ['complete', 'partial'] })
      .notNull()
      .default('complete'),
    lastPage: integer('last_page'),
    locale: text('locale'),
    answers: json('answers').notNull().$type<Record<string, unknown>>(),
    surveyVersion: integer('survey_version').notNull(),
    source: text('source', { enum: ['web', 'import', 'paper', 'demo'] })
      .notNull()
      .default('web'),
    synthetic: boolean('synthetic').notNull().default(false),
    idempotencyKey: text('idempotency_key'),
    publicId: text('public_id').$defaultFn(newPublicId),
    designWeight: doublePrecision('design_weight').notNull().default(1),
    weight: doublePrecision('weight'),
    stratum: text('stratum'),
    psu: text('psu'),
    fpc: doublePrecision('fpc'),
    createdAt: createdAt(),
  },
  (t) => [
    index('responses_wave').on(t.waveId, t.status),
    index('responses_link').on(t.linkId),
    uniqueIndex('responses_wave_key').on(t.waveId, t.idempotencyKey),
    uniqueIndex('responses_public_id').on(t.publicId),
  ],
);

export const weightingRuns = pgTable('weighting_runs', {
  id: id(),
  waveId: integer('wave_id')
    .notNull()
    .references(() => waves.id),
  method: text('method').notNull(),
  margins: json('margins').notNull().$type<unknown>(),
  diagnostics: json('diagnostics').notNull().$type<unknown>(),
  weights: json('weights').$type<{ ids: number[]; weights: number[] } | null>(),
  restoredFrom: integer('restored_from'),
  createdAt: createdAt(),
});

export const areas = pgTable('areas', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().default('ward'),
  parentCode: text('parent_code'),
  partnershipId: partnershipId(),
});

export const lsoaWard = pgTable('lsoa_ward', {
  lsoaCode: text('lsoa_code').primaryKey(),
  wardCode: text('ward_code')
    .notNull()
    .references(() => areas.code),
});

export const boundaries = pgTable('boundaries', {
  id: id(),
  geojson: json('geojson').$type<unknown>().notNull(),
  source: text('source').notNull(),
  wards: integer('wards').notNull(),
  officerId: integer('officer_id'),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

export const population = pgTable(
  'population',
  {
    areaCode: text('area_code').notNull(),
    sex: text('sex').notNull().default('*'),
    ageBand: text('age_band').notNull().default('*'),
    count: doublePrecision('count').notNull(),
    source: text('source').notNull(),
    illustrative: boolean('illustrative').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.areaCode, t.sex, t.ageBand] })],
);

export const crime = pgTable(
  'crime',
  {
    month: text('month').notNull(),
    areaCode: text('area_code').notNull(),
    crimeType: text('crime_type').notNull(),
    count: integer('count').notNull(),
    sourceFile: text('source_file').notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.areaCode, t.crimeType] }), index('crime_type_month').on(t.crimeType, t.month)],
);

export const officers = pgTable('officers', {
  id: id(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'analyst', 'viewer'] }).notNull(),
  createdAt: createdAt(),
  disabledAt: text('disabled_at'),
  lastSignInAt: text('last_sign_in_at'),
  totpSecret: text('totp_secret'),
  totpPendingSecret: text('totp_pending_secret'),
  /** A TOTP time step (Unix seconds / 30): fits an integer for centuries, but it is a clock, so bigint. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
  countyReader: boolean('county_reader').notNull().default(false),
});

export const officerRoles = pgTable(
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
  (t) => [primaryKey({ columns: [t.officerId, t.partnershipId] }), index('officer_roles_partnership').on(t.partnershipId)],
);

export const passwordResets = pgTable('password_resets', {
  id: text('id').primaryKey(),
  officerId: integer('officer_id')
    .notNull()
    .references(() => officers.id),
  expiresAt: text('expires_at').notNull(),
  usedAt: text('used_at'),
  createdAt: createdAt(),
});

export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  officerId: integer('officer_id')
    .notNull()
    .references(() => officers.id),
  csrfToken: text('csrf_token').notNull(),
  expiresAt: text('expires_at').notNull(),
  createdAt: createdAt(),
  partnershipId: integer('partnership_id'),
});

export const auditLog = pgTable('audit_log', {
  id: id(),
  officerId: integer('officer_id'),
  action: text('action').notNull(),
  detail: json('detail').$type<unknown>(),
  createdAt: createdAt(),
  partnershipId: partnershipId(),
});

export const dataVersions = pgTable('data_versions', {
  scope: text('scope').primaryKey(),
  /** Goes up on every change of what the analyses read, for as long as the store lives: bigint. */
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

export const councilSettings = pgTable('council_settings', {
  id: integer('id').primaryKey(),
  councilName: text('council_name').notNull(),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  postalAddress: text('postal_address'),
  dpoContact: text('dpo_contact'),
  logo: bytea('logo'),
  logoType: text('logo_type', { enum: ['image/png', 'image/svg+xml'] }),
  updatedAt: text('updated_at').notNull(),
});

export const priorityAssessments = pgTable(
  'priority_assessments',
  {
    year: text('year').notNull(),
    weights: json('weights').$type<Record<string, number>>().notNull(),
    updatedBy: integer('updated_by').references(() => officers.id),
    updatedAt: text('updated_at').notNull(),
    partnershipId: partnershipId(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.year] })],
);

export const priorityScores = pgTable(
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
  (t) => [primaryKey({ columns: [t.partnershipId, t.year, t.theme, t.criterion] })],
);

/** ms since 1970 overflow integer: bigint. */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: id(),
    key: text('key').notNull(),
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sign_in_attempts_key_at').on(t.key, t.at), index('sign_in_attempts_at').on(t.at)],
);

export const stagedUploads = pgTable('staged_uploads', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull(),
  complete: boolean('complete').notNull().default(false),
  importing: boolean('importing').notNull().default(false),
  progress: json('progress').$type<Record<string, unknown> | null>(),
  createdAt: createdAt(),
});

export const stagedUploadChunks = pgTable(
  'staged_upload_chunks',
  {
    uploadId: text('upload_id')
      .notNull()
      .references(() => stagedUploads.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

export const queuedJobs = pgTable(
  'queued_jobs',
  {
    id: id(),
    kind: text('kind').notNull(),
    input: json('input').notNull().$type<unknown>(),
    state: text('state', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    progress: json('progress').$type<unknown>(),
    result: json('result').$type<unknown>(),
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
  (t) => [index('queued_jobs_state_id').on(t.state, t.id)],
);

export const resultCache = pgTable(
  'result_cache',
  {
    key: text('key').primaryKey(),
    value: bytea('value').notNull(),
    meta: json('meta').$type<Record<string, unknown> | null>(),
    bytes: integer('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('result_cache_created').on(t.createdAt)],
);
