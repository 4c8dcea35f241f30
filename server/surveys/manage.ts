/**
 * Changes officers make: add or update a questionnaire (checked first: checkSurvey, uploadSurvey),
 * create waves, open/close them and set their dates (updateWave). Links are made in server/links/.
 * Used by the CLI, the demo loader and the officer API, so each rule lives once here.
 */
import { settings } from '../config.js';
import { Model } from 'survey-core';
import { validateMetadata, type SurveyMetadata } from '../../surveys/metadata.js';
import { audit } from '../accounts/audit.js';
import { Conflict, Unprocessable } from '../errors.js';
import { compileSurvey, SurveyDefinitionError, type QuestionSpec } from '../validation/index.js';
import type { Db, Store } from '../store/open.js';
import { insertSurvey, insertWave, openWaveBySurvey, responseCountOfSurvey, saveWave, surveyBySlug, updateSurvey, waveByName } from './queries.js';
import type {
  Audience,
  NewWave,
  SurveyCheck,
  SurveyCheckRequest,
  SurveyUpload,
  SurveyUploadRequest,
  WaveChangeRequest,
  WaveCreated,
  WaveUpdated,
  WaveView,
} from './schemas.js';
import { findSurvey, findWave, waveClosedReason, type SurveyRow, type WaveRow } from './surveys.js';
import { sanitiseDefinition } from './sanitise-html.js';
import { surveyLanguages } from './languages.js';
import { questionWording, textOf } from './wording.js';

export { AUDIENCES } from './schemas.js';
export type { Audience, SurveyCheck };

/** Who made a change, for the audit log; null from the CLI. */
export type Actor = { id: number } | null | undefined;
const SLUG = /^[a-z0-9][a-z0-9-]{1,60}$/;

export interface AddSurveyInput {
  definition: unknown;
  slug: string;
  audience?: Audience;
  title?: string;
  /** New question metadata; null or undefined keeps what is stored (the CLI passes null without --meta). */
  metadata?: Record<string, unknown> | null;
  /** Store the questionnaire without question metadata, dropping any that is stored. */
  removeMetadata?: boolean;
}

/**
 * Adds a questionnaire, or replaces it (version + 1) if the slug exists and anything changed:
 * the definition, the metadata, or a title or audience given explicitly.
 */
export async function addSurvey(db: Db, input: AddSurveyInput): Promise<{ survey: SurveyRow; created: boolean; changed: boolean }> {
  if (!SLUG.test(input.slug)) {
    throw new Unprocessable(`'${input.slug}' is not a usable survey name: use 2-61 lower-case letters, digits and hyphens.`);
  }
  // Stored with its HTML sanitised (server/surveys/sanitise-html.ts): what respondents will see.
  const definition = sanitiseDefinition(input.definition).definition as Record<string, unknown>;
  compileSurvey(definition); // throws with a clear message if it is not a usable questionnaire
  const title = input.title ?? textOf(definition.title) ?? input.slug;
  const existing = await surveyBySlug(db, input.slug);
  if (!existing) {
    const survey = await insertSurvey(db, {
      slug: input.slug,
      title,
      // A new questionnaire takes the audience its metadata states ("youth": answered through links
      // only, times kept to the day) unless one is given.
      audience: input.audience ?? metadataAudience(input.metadata) ?? 'resident',
      definition,
      metadata: input.removeMetadata ? null : (input.metadata ?? null),
    });
    return { survey, created: true, changed: true };
  }
  const metadata = input.removeMetadata ? null : (input.metadata ?? existing.metadata);
  const changed =
    JSON.stringify(existing.definition) !== JSON.stringify(definition) ||
    JSON.stringify(existing.metadata) !== JSON.stringify(metadata) ||
    (input.title !== undefined && input.title !== existing.title) ||
    (input.audience !== undefined && input.audience !== existing.audience);
  if (!changed) return { survey: existing, created: false, changed: false };
  const survey = await updateSurvey(db, existing.id, {
    definition,
    title,
    audience: input.audience ?? existing.audience,
    metadata,
    version: existing.version + 1,
  });
  return { survey, created: false, changed: true };
}

// ---------------------------------------------------------------------------------------------
// Checking a questionnaire before it is added (the officer upload page, POST /surveys/check).

/** A questionnaire or its metadata that cannot be added: `problems` lists each reason. */
export class SurveyUploadError extends Unprocessable {
  constructor(
    message: string,
    public problems: string[] = [],
  ) {
    super(problems.length ? `${message} ${problems.join(' ')}` : message, { body: { problems } });
  }
}

type ListedQuestion = { name: string; title: string };

/**
 * What the results report makes of a questionnaire: the questions it estimates (single and
 * multiple choice, numbers, yes/no, ratings) and the names `?by=` accepts (single-choice and yes/no
 * questions, and the regrouped ones the metadata defines, as in server/reports/wave-data.ts).
 */
export function reportQuestionLists(definition: unknown, specs: readonly QuestionSpec[], metadata: SurveyMetadata | null) {
  const titles = new Map<string, string>();
  for (const [name, w] of questionWording(definition)) if (w.reportTitle) titles.set(name, w.reportTitle);
  const named = specs.map((s) => ({ name: s.name, kind: s.kind, type: s.type, title: titles.get(s.name) ?? s.name }));
  const questions: ListedQuestion[] = named
    .filter((s) => s.kind === 'single' || s.kind === 'multi' || s.kind === 'number' || s.kind === 'boolean' || s.kind === 'rating')
    .map(({ name, title }) => ({ name, title }));
  // Yes/no questions are single choices of two answers, so they break results down too.
  const breakdowns: ListedQuestion[] = named.filter((s) => s.kind === 'single' || s.kind === 'boolean').map(({ name, title }) => ({ name, title }));
  for (const meta of metadata?.questions ?? []) {
    if (!meta.groups) continue;
    const base = breakdowns.find((b) => b.name === meta.name)?.title ?? meta.name;
    breakdowns.push({ name: `${meta.name}_group`, title: `${base} (grouped)` });
  }
  // As server/reports/wave-data.ts adds it: the language of response, when there is more than one.
  if (isObject(definition) && surveyLanguages(definition).length > 1 && !named.some((s) => s.name === 'language')) {
    breakdowns.push({ name: 'language', title: 'Language of response' });
  }
  const notReported = named
    .filter((s) => s.kind === 'text')
    .map(({ name, title }) => ({ name, title, reason: 'free text: kept with the responses and in the response downloads, not charted' }));
  return { questions, breakdowns, notReported, untitled: named.filter((s) => !titles.has(s.name)).map((s) => s.name) };
}

export interface SurveyCheckInput {
  definition: unknown;
  slug?: string;
  audience?: Audience;
  title?: string;
  /** Question metadata sent with the questionnaire (undefined: keep any that is stored). */
  metadata?: unknown;
  removeMetadata?: boolean;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

const NO_METADATA_WARNING =
  'No question metadata: the report will show each question with its answers as the questionnaire words them, with every answer in the base. ' +
  'Without metadata there are no headline groups such as "safe" or "worried", no answers left out of the base (such as "Don\'t know"), ' +
  'no regrouped breakdowns, and no link to police.uk crime types (perception vs reality will not be available).';

/** Unknown properties SurveyJS ignores (often a typo, e.g. "isRequred"), as sentences. */
function surveyJsWarnings(definition: unknown): string[] {
  let model: Model | undefined;
  try {
    model = new Model(definition);
    return (model.jsonErrors ?? []).slice(0, 20).map((e) => {
      const el = (e as { element?: { name?: string; getType?: () => string } }).element;
      const where = el?.name ? `'${el.name}'` : 'The questionnaire';
      return `${where}: SurveyJS does not know the property '${(e as { propertyName?: string }).propertyName ?? '?'}' and will ignore it (a typo?).`;
    });
  } catch (e) {
    throw new SurveyUploadError(`SurveyJS cannot read this questionnaire: ${(e as Error).message}`);
  } finally {
    model?.dispose();
  }
}

function pageCount(definition: Record<string, unknown>): number {
  const pages = Array.isArray(definition.pages) ? definition.pages.length : 0;
  const top = definition.elements ?? definition.questions;
  return pages + (Array.isArray(top) && top.length ? 1 : 0);
}

/**
 * Checks a questionnaire (and its metadata) as adding it would, without storing anything.
 * Refuses (SurveyUploadError / Unprocessable 422) with the reason; otherwise says what the
 * report will make of it and what to look out for.
 */
export async function checkSurvey(
  db: Db,
  input: SurveyCheckInput,
): Promise<SurveyCheck & { effectiveMetadata: SurveyMetadata | null; existing: SurveyRow | null }> {
  const { definition } = input;
  if (!isObject(definition)) throw new SurveyUploadError('The questionnaire must be a JSON object in SurveyJS format (with "pages" or "elements").');
  if (input.slug !== undefined && !SLUG.test(input.slug)) {
    throw new SurveyUploadError(`'${input.slug}' is not a usable survey name: use 2-61 lower-case letters, digits and hyphens, e.g. park-safety.`);
  }
  let compiled: ReturnType<typeof compileSurvey>;
  try {
    compiled = compileSurvey(definition);
  } catch (e) {
    if (e instanceof SurveyDefinitionError) throw new SurveyUploadError(`The questionnaire cannot be used: ${e.message}`);
    throw e;
  }
  const warnings = surveyJsWarnings(definition);
  const sanitised = sanitiseDefinition(definition);
  if (sanitised.changed.length)
    warnings.push(
      `Some HTML was removed because respondents' browsers would run or follow it (scripts, styles, frames, event handlers, or links that are not http, https, mailto or tel): ${sanitised.changed.join(', ')}.`,
    );
  const existing = input.slug ? ((await surveyBySlug(db, input.slug)) ?? null) : null;

  let metadata: SurveyMetadata | null = null;
  let source: SurveyCheck['metadata'] = 'none';
  if (input.metadata !== undefined && input.metadata !== null) {
    const problems = validateMetadata(definition, input.metadata);
    const meta = input.metadata as Record<string, unknown>;
    if (input.slug && isObject(meta) && typeof meta.slug === 'string' && meta.slug && meta.slug !== input.slug) {
      problems.push(`The metadata is for the survey '${meta.slug}', not '${input.slug}'.`);
    }
    if (input.audience && input.audience !== 'other' && isObject(meta) && typeof meta.audience === 'string' && meta.audience !== input.audience) {
      problems.push(`The metadata says the audience is ${meta.audience}, but ${input.audience} was chosen.`);
    }
    if (problems.length) throw new SurveyUploadError('The question metadata does not fit the questionnaire:', problems);
    metadata = input.metadata as SurveyMetadata;
    source = 'uploaded';
  } else if (existing?.metadata && !input.removeMetadata) {
    const problems = validateMetadata(definition, existing.metadata);
    if (problems.length) {
      throw new SurveyUploadError(
        `The question metadata stored with version ${existing.version} of '${existing.slug}' does not fit this questionnaire. Choose a metadata file that fits it, or add it without metadata.`,
        problems,
      );
    }
    metadata = existing.metadata as unknown as SurveyMetadata;
    source = 'stored';
  }

  const title = input.title?.trim() || textOf(definition.title) || existing?.title || input.slug || 'Untitled questionnaire';
  const lists = reportQuestionLists(definition, compiled.questions, metadata);
  if (!textOf(definition.title) && !input.title?.trim())
    warnings.push(`The questionnaire has no title: officers will see it as '${title}'. Add a "title" to the file, or give one.`);
  if (lists.untitled.length) {
    warnings.push(
      `${lists.untitled.length === 1 ? 'One question has' : `${lists.untitled.length} questions have`} no title, so the report names them by their key: ${lists.untitled.join(', ')}.`,
    );
  }
  if (source === 'none') warnings.push(NO_METADATA_WARNING);
  else if (!metadata!.questions.some((q) => q.crimeTypes?.length))
    warnings.push('No question is linked to police.uk crime types in the metadata, so perception vs reality will not be available for this survey.');
  if (source === 'stored')
    warnings.push(`No metadata file was sent: the question metadata stored with version ${existing!.version} is kept (it fits this questionnaire).`);
  if (!lists.questions.length)
    warnings.push('No question will be in the results report: it covers single and multiple choice, number, yes/no and rating questions.');
  if (!lists.breakdowns.length) warnings.push('No single-choice or yes/no question, so results cannot be broken down by anything.');
  const notReportedTypes = lists.notReported.filter((q) => !q.reason.startsWith('free text'));
  if (notReportedTypes.length)
    warnings.push(`Not in the results report: ${notReportedTypes.map((q) => `'${q.name}' (${q.reason.split(':')[0]})`).join(', ')}.`);
  if (input.audience === 'other' && metadata && metadata.audience)
    warnings.push(`The metadata describes a ${metadata.audience} survey; it will be stored with the audience "other".`);

  let outcome: SurveyCheck['outcome'] = null;
  let version: number | null = null;
  if (input.slug) {
    if (!existing) {
      outcome = 'create';
      version = 1;
    } else {
      const same =
        JSON.stringify(existing.definition) === JSON.stringify(sanitised.definition) &&
        JSON.stringify(existing.metadata ?? null) === JSON.stringify(metadata) &&
        title === existing.title &&
        (input.audience === undefined || input.audience === existing.audience);
      outcome = same ? 'unchanged' : 'update';
      version = same ? existing.version : existing.version + 1;
      if (!same) warnings.push(...(await updateWarnings(db, existing, compiled.questionNames)));
    }
  }
  return {
    slug: input.slug ?? null,
    title,
    audience: input.audience ?? null,
    pages: pageCount(definition),
    questions: compiled.questions.length,
    reported: lists.questions,
    breakdowns: lists.breakdowns,
    notReported: lists.notReported,
    metadata: source,
    warnings,
    outcome,
    version,
    effectiveMetadata: metadata,
    existing,
  };
}

/** What replacing a stored questionnaire means for its waves and the answers already stored. */
async function updateWarnings(db: Db, existing: SurveyRow, newNames: string[]): Promise<string[]> {
  const out: string[] = [];
  const open = await openWaveBySurvey(db, existing.id);
  if (open) out.push(`Wave ${open.name} is open: respondents get version ${existing.version + 1} as soon as it is added.`);
  const stored = await responseCountOfSurvey(db, existing.id);
  let oldNames: string[] = [];
  try {
    oldNames = compileSurvey(existing.definition).questionNames;
  } catch {
    // a stored definition that no longer compiles has nothing to compare
  }
  const removed = oldNames.filter((n) => !newNames.includes(n));
  if (removed.length && stored) {
    out.push(
      `Version ${existing.version + 1} no longer asks ${removed.map((n) => `'${n}'`).join(', ')}: the ${stored} responses already stored keep those answers, but the report will leave them out.`,
    );
  }
  return out;
}

export type UploadOutcome = 'created' | 'updated' | 'unchanged';

function metadataAudience(metadata: Record<string, unknown> | null | undefined): Audience | undefined {
  const a = metadata?.audience;
  return a === 'resident' || a === 'youth' || a === 'other' ? a : undefined;
}

/** Checks, then adds or replaces a questionnaire: what the officer upload does. */
export async function uploadSurvey(db: Db, input: SurveyCheckInput & { slug: string; audience?: Audience }) {
  const check = await checkSurvey(db, input);
  const { effectiveMetadata, existing, ...summary } = check;
  const { survey, created, changed } = await addSurvey(db, {
    slug: input.slug,
    audience: input.audience,
    title: check.title,
    definition: input.definition,
    metadata: effectiveMetadata as unknown as Record<string, unknown> | null,
    removeMetadata: check.metadata === 'none',
  });
  const outcome: UploadOutcome = created ? 'created' : changed ? 'updated' : 'unchanged';
  return { outcome, previousVersion: existing?.version ?? null, survey, check: summary };
}

// ---------------------------------------------------------------------------------------------
// Waves.

const WAVE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight (UTC) at the start of a YYYY-MM-DD day, as stored; a 422 for anything else. */
export function dayStart(value: string, what: string): string {
  const m = DAY.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new Unprocessable(`${what} '${value}' is not a date: use YYYY-MM-DD, e.g. 2026-09-01.`);
  }
  return d.toISOString();
}

function checkDates(opensAt: string | null, closesAt: string | null): void {
  if (opensAt && closesAt && closesAt <= opensAt) {
    throw new Unprocessable(`The closing date (${closesAt.slice(0, 10)}) must be after the opening date (${opensAt.slice(0, 10)}).`);
  }
}

export async function createWave(db: Db, slug: string, name: string, dates: { opens?: string; closes?: string } = {}): Promise<WaveRow> {
  const survey = await findSurvey(db, slug);
  const clean = name.trim();
  if (!clean) throw new Unprocessable('A wave needs a name, e.g. 2026.');
  if (!WAVE_NAME.test(clean)) {
    throw new Unprocessable(
      `'${clean}' is not a usable wave name: use up to 40 letters, digits, spaces, dots, hyphens or underscores, starting with a letter or digit (e.g. 2026 or 2026-spring).`,
    );
  }
  const opensAt = dates.opens === undefined ? null : dayStart(dates.opens, 'Opening date');
  const closesAt = dates.closes === undefined ? null : dayStart(dates.closes, 'Closing date');
  checkDates(opensAt, closesAt);
  if (await waveByName(db, survey.id, clean)) throw new Conflict(`Survey '${slug}' already has a wave called '${clean}'.`);
  return await insertWave(db, { surveyId: survey.id, name: clean, opensAt, closesAt });
}

export interface WaveChange {
  status?: 'open' | 'closed';
  /** YYYY-MM-DD, or null to clear the date. */
  opens?: string | null;
  closes?: string | null;
}

export interface WaveUpdate {
  wave: WaveRow;
  /** The other wave this one's opening closed (one wave of a survey takes answers at a time). */
  closedWave: string | null;
  /** What changed, from → to (empty when the wave already was as asked). */
  changes: Record<string, { from: string | null; to: string | null }>;
  /** Why an open wave does not take answers now (before its opening date, after its closing date). */
  notTakingAnswers: string | null;
}

/**
 * Opens or closes a wave and sets or clears its dates, in one transaction. Opening a wave closes
 * any other open wave of the same survey. Dates are checked together with the ones it keeps.
 */
export async function updateWave(db: Db, slug: string, name: string, change: WaveChange, now = new Date()): Promise<WaveUpdate> {
  const survey = await findSurvey(db, slug);
  const wave = await findWave(db, survey, name);
  const opensAt = change.opens === undefined ? wave.opensAt : change.opens === null ? null : dayStart(change.opens, 'Opening date');
  const closesAt = change.closes === undefined ? wave.closesAt : change.closes === null ? null : dayStart(change.closes, 'Closing date');
  checkDates(opensAt, closesAt);
  const status = change.status ?? wave.status;
  const { updated, closed } = await saveWave(db, wave, { status, opensAt, closesAt });
  const changes: WaveUpdate['changes'] = {};
  if (updated.status !== wave.status) changes.status = { from: wave.status, to: updated.status };
  if (updated.opensAt !== wave.opensAt) changes.opens = { from: wave.opensAt?.slice(0, 10) ?? null, to: updated.opensAt?.slice(0, 10) ?? null };
  if (updated.closesAt !== wave.closesAt) changes.closes = { from: wave.closesAt?.slice(0, 10) ?? null, to: updated.closesAt?.slice(0, 10) ?? null };
  return { wave: updated, closedWave: closed.join(', ') || null, changes, notTakingAnswers: updated.status === 'open' ? waveClosedReason(updated, now) : null };
}

/** Opens a wave (closing any other open wave of the same survey: one wave takes answers at a time) or closes it. */
export async function setWaveStatus(db: Db, slug: string, name: string, status: 'open' | 'closed'): Promise<WaveRow> {
  return (await updateWave(db, slug, name, { status })).wave;
}

// ---------------------------------------------------------------------------------------------
// What the officer API and the CLI do: one call each, audited, with the sentence to show.

/** The request as the services take it: names trimmed, an empty title left out. */
function surveyInput(body: SurveyCheckRequest): SurveyCheckInput {
  return {
    definition: body.definition,
    slug: body.slug,
    audience: body.audience,
    title: body.title?.trim() || undefined,
    metadata: body.metadata ?? undefined,
    removeMetadata: body.removeMetadata === true,
  };
}

/** Checks a questionnaire as adding it would, storing nothing (POST /surveys/check). */
export async function checkQuestionnaire(db: Db, body: SurveyCheckRequest): Promise<SurveyCheck> {
  const { effectiveMetadata: _m, existing: _e, ...summary } = await checkSurvey(db, surveyInput(body));
  return summary;
}

/**
 * Checks, then adds or replaces a questionnaire; audited 'survey.created' / 'survey.updated' unless
 * unchanged. The officer upload (POST /surveys) and the CLI's `survey add` (which may leave the
 * audience out: a new survey is then 'resident', a stored one keeps its own).
 */
export async function addQuestionnaire(
  store: Store,
  actor: Actor,
  body: Omit<SurveyUploadRequest, 'audience'> & { audience?: Audience },
): Promise<SurveyUpload> {
  const r = await uploadSurvey(store.db, { ...surveyInput(body), slug: body.slug, audience: body.audience });
  const survey = { slug: r.survey.slug, title: r.survey.title, audience: r.survey.audience, version: r.survey.version };
  const message =
    r.outcome === 'created'
      ? `Added '${survey.title}' as ${survey.slug} (version 1). Create a wave and open it to take answers.`
      : r.outcome === 'updated'
        ? `Replaced ${survey.slug} version ${r.previousVersion} with version ${survey.version}.`
        : `${survey.slug} is unchanged: version ${survey.version} is already this questionnaire. Nothing was stored.`;
  if (r.outcome !== 'unchanged') {
    await audit(store, actor, r.outcome === 'created' ? 'survey.created' : 'survey.updated', {
      survey: survey.slug,
      version: survey.version,
      title: survey.title,
      audience: survey.audience,
      metadata: r.check.metadata,
      questions: r.check.questions,
    });
  }
  return { outcome: r.outcome, message, survey, check: r.check };
}

/** A wave as the officer pages show it: dates as YYYY-MM-DD. */
export function waveView(w: WaveRow): WaveView {
  return { name: w.name, status: w.status, opens: w.opensAt?.slice(0, 10) ?? null, closes: w.closesAt?.slice(0, 10) ?? null };
}

/** A date as sent: trimmed; "" and null mean none. */
const sentDay = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Creates a draft wave; audited 'wave.created'. */
export async function addWave(store: Store, actor: Actor, slug: string, body: NewWave): Promise<WaveCreated> {
  const wave = waveView(await createWave(store.db, slug, body.name, { opens: sentDay(body.opens), closes: sentDay(body.closes) }));
  await audit(store, actor, 'wave.created', { survey: slug, wave: wave.name, opens: wave.opens, closes: wave.closes });
  return { wave, message: `Created wave ${wave.name} of ${slug} (a draft: open it to take answers).` };
}

/** "Wave 2027 of park-safety is now open. Wave 2026 was closed, as only one wave of a survey takes answers at a time." */
function waveMessage(slug: string, r: WaveUpdate): string {
  const subject = `Wave ${r.wave.name} of ${slug}`;
  const parts: string[] = [];
  if (!Object.keys(r.changes).length && !r.closedWave) parts.push(`${subject} already was as asked: nothing changed.`);
  if (r.changes.status) parts.push(`${subject} is now ${r.wave.status}.`);
  if (r.closedWave) parts.push(`Wave ${r.closedWave} was closed, as only one wave of a survey takes answers at a time.`);
  const dates: string[] = [];
  for (const k of ['opens', 'closes'] as const) {
    const ch = r.changes[k];
    if (ch) dates.push(ch.to ? `${k} on ${ch.to}` : `no longer has ${k === 'opens' ? 'an opening' : 'a closing'} date`);
  }
  if (dates.length) parts.push(`${r.changes.status ? 'It' : subject} ${dates.join(' and ')}.`);
  if (r.notTakingAnswers) parts.push(`It is open but not taking answers now: ${r.notTakingAnswers}`);
  return parts.join(' ');
}

/** Opens or closes a wave, sets or clears its dates; audited 'wave.updated' when anything changed. */
export async function changeWave(store: Store, actor: Actor, slug: string, name: string, body: WaveChangeRequest, now = new Date()): Promise<WaveUpdated> {
  const change: WaveChange = {};
  if (body.status !== undefined) change.status = body.status;
  for (const k of ['opens', 'closes'] as const) {
    if (body[k] !== undefined) change[k] = sentDay(body[k]) ?? null;
  }
  const r = await updateWave(store.db, slug, name, change, now);
  if (Object.keys(r.changes).length || r.closedWave) {
    await audit(store, actor, 'wave.updated', { survey: slug, wave: r.wave.name, changes: r.changes, closedWave: r.closedWave });
  }
  return { wave: waveView(r.wave), closedWave: r.closedWave, changes: r.changes, notTakingAnswers: r.notTakingAnswers, message: waveMessage(slug, r) };
}

export function publicUrl(): string {
  return (settings().publicUrl ?? `http://localhost:${settings().port}`).replace(/\/$/, '');
}

export const surveyUrl = (slug: string) => `${publicUrl()}/s/${slug}`;
