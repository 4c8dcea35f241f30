/**
 * Changes officers make: add or update a questionnaire, create/open/close waves, create links.
 * Used by the CLI, the demo loader and (later) the officer API, so each rule lives once here.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { compileSurvey } from '../validation/index.js';
import type { Db } from '../db/open.js';
import { links, surveys, waves } from '../db/schema.js';
import { findSurvey, findWave, NotAvailable, type SurveyRow, type WaveRow } from './surveys.js';

export type Audience = 'resident' | 'youth' | 'other';
const SLUG = /^[a-z0-9][a-z0-9-]{1,60}$/;

export interface AddSurveyInput {
  definition: unknown;
  slug: string;
  audience?: Audience;
  title?: string;
  metadata?: Record<string, unknown> | null;
}

/** Adds a questionnaire, or replaces its definition (version + 1) if the slug exists and it changed. */
export function addSurvey(db: Db, input: AddSurveyInput): { survey: SurveyRow; created: boolean; changed: boolean } {
  if (!SLUG.test(input.slug)) {
    throw new NotAvailable(422, `'${input.slug}' is not a usable survey name: use 2-61 lower-case letters, digits and hyphens.`);
  }
  compileSurvey(input.definition); // throws with a clear message if it is not a usable questionnaire
  const definition = input.definition as Record<string, unknown>;
  const title = input.title ?? (typeof definition.title === 'string' ? definition.title : input.slug);
  const existing = db.select().from(surveys).where(eq(surveys.slug, input.slug)).get();
  if (!existing) {
    const survey = db
      .insert(surveys)
      .values({ slug: input.slug, title, audience: input.audience ?? 'resident', definition, metadata: input.metadata ?? null })
      .returning()
      .get();
    return { survey, created: true, changed: true };
  }
  const changed =
    JSON.stringify(existing.definition) !== JSON.stringify(definition) ||
    JSON.stringify(existing.metadata) !== JSON.stringify(input.metadata ?? existing.metadata);
  if (!changed) return { survey: existing, created: false, changed: false };
  const survey = db
    .update(surveys)
    .set({
      definition,
      title,
      audience: input.audience ?? existing.audience,
      metadata: input.metadata ?? existing.metadata,
      version: existing.version + 1,
    })
    .where(eq(surveys.id, existing.id))
    .returning()
    .get();
  return { survey, created: false, changed: true };
}

function isoDate(value: string | undefined, what: string): string | null {
  if (value === undefined) return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new NotAvailable(422, `${what} '${value}' is not a date (use YYYY-MM-DD).`);
  return d.toISOString();
}

export function createWave(db: Db, slug: string, name: string, dates: { opens?: string; closes?: string } = {}): WaveRow {
  const survey = findSurvey(db, slug);
  if (!name.trim()) throw new NotAvailable(422, 'A wave needs a name, e.g. 2026.');
  const exists = db.select().from(waves).where(and(eq(waves.surveyId, survey.id), eq(waves.name, name))).get();
  if (exists) throw new NotAvailable(409, `Survey '${slug}' already has a wave called '${name}'.`);
  return db
    .insert(waves)
    .values({ surveyId: survey.id, name, opensAt: isoDate(dates.opens, 'Opening date'), closesAt: isoDate(dates.closes, 'Closing date') })
    .returning()
    .get();
}

/** Opens a wave (closing any other open wave of the same survey: one wave takes answers at a time) or closes it. */
export function setWaveStatus(db: Db, slug: string, name: string, status: 'open' | 'closed'): WaveRow {
  const survey = findSurvey(db, slug);
  const wave = findWave(db, survey, name);
  return db.transaction((tx) => {
    if (status === 'open') {
      tx.update(waves)
        .set({ status: 'closed' })
        .where(and(eq(waves.surveyId, survey.id), eq(waves.status, 'open'), ne(waves.id, wave.id)))
        .run();
    }
    return tx.update(waves).set({ status }).where(eq(waves.id, wave.id)).returning().get();
  });
}

export interface CreateLinkInput {
  slug: string;
  wave: string;
  label: string;
  kind?: 'school' | 'channel' | 'single';
  expires?: string;
  max?: number;
}

export function createLink(db: Db, input: CreateLinkInput) {
  const survey = findSurvey(db, input.slug);
  const wave = findWave(db, survey, input.wave);
  if (!input.label.trim()) throw new NotAvailable(422, 'A link needs a label, e.g. the school name.');
  if (input.max !== undefined && (!Number.isInteger(input.max) || input.max < 1)) {
    throw new NotAvailable(422, `The response cap must be a whole number of at least 1, not '${input.max}'.`);
  }
  // 12 URL-safe characters (72 random bits): unguessable, short enough to type from a poster.
  const token = randomBytes(9).toString('base64url');
  return db
    .insert(links)
    .values({
      token,
      waveId: wave.id,
      label: input.label.trim(),
      kind: input.kind ?? (input.max === 1 ? 'single' : 'school'),
      expiresAt: isoDate(input.expires, 'Expiry date'),
      maxResponses: input.max ?? null,
    })
    .returning()
    .get();
}

export function publicUrl(): string {
  return (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
}

export const linkUrl = (token: string) => `${publicUrl()}/y/${token}`;
export const surveyUrl = (slug: string) => `${publicUrl()}/s/${slug}`;
