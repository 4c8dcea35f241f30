/**
 * Distribution links as officers manage them, from the officer pages and the CLI alike: the links
 * of a wave with how many answers each has taken and whether it works now (and why not), creating
 * a link, changing its label, expiry or cap, and its QR code and poster. Changes made by an
 * officer are written to the audit log here.
 *
 * Dates are whole days (`YYYY-MM-DD`). An expiry date is the day the link stops working: it is
 * stored as the start of that day (UTC), and the respondent API refuses the link from then on
 * (`findLink` in availability.ts). `now` is the app's clock, so tests can control what has expired.
 */
import { randomBytes } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { audit } from '../accounts/audit.js';
import { BadRequest, Conflict, NotFound, Unprocessable } from '../errors.js';
import type { Db, Store } from '../store/open.js';
import { publicUrl } from '../surveys/manage.js';
import { linkUnavailable } from './availability.js';
import { findSurvey, findWave, waveClosedReason, type LinkRow, type WaveRow } from '../surveys/surveys.js';
import { dayText, lastDayText, todayUtc } from './days.js';
import { posterHtml } from './poster.js';
import { qrSvg } from './qr.js';
import { answerCounts, deleteLinkRow, insertLink, labelsOfWave, linkByToken, linksOfWave, type LinkChanges, updateLinkRow } from './queries.js';
import {
  CreateLinkBody,
  type CreateLinkRequest,
  type LinkDeleted,
  type LinkKind,
  type LinkState,
  type LinkWave,
  type OfficerLink,
  type OfficerLinkContext,
  UpdateLinkBody,
  type UpdateLinkRequest,
  type WaveLinks,
} from './schemas.js';

export * from './schemas.js';
export { dayText, lastDayText } from './days.js';

/** The absolute address respondents open. */
export const linkUrl = (token: string) => `${publicUrl()}/y/${token}`;

/** Who asked, for the audit log; CLI commands (not audited, like every CLI command) give none. */
export interface LinkCall {
  now: Date;
  by?: { id: number } | null;
}

/**
 * A request checked with its schema. The routes have checked it already; the CLI has not, and
 * this is what makes both refuse the same things with the same words.
 */
function checked<S extends z.ZodType>(schema: S, request: unknown): z.output<S> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  return issue.path.length ? thrown(new Unprocessable(issue.message, { field: String(issue.path[0]) })) : thrown(new BadRequest(issue.message));
}

function thrown(e: Error): never {
  throw e;
}

function stateOf(link: LinkRow, wave: WaveRow, used: number, now: Date): { state: LinkState; stateReason: string } {
  // The respondent API's own rule (linkUnavailable), so the page says what a respondent would be told.
  const unavailable = linkUnavailable(link, wave, () => used, now);
  if (unavailable?.kind === 'expired') {
    return {
      state: 'expired',
      stateReason: `Stopped working on ${dayText(link.expiresAt!)}: anyone who opens it is told it has expired. Give it a later date to open it again.`,
    };
  }
  if (unavailable?.kind === 'wave closed')
    return { state: 'wave closed', stateReason: `${unavailable.reason} The link takes no answers until the wave is open.` };
  if (unavailable?.kind === 'full') {
    return {
      state: 'full',
      stateReason: `Has taken all ${link.maxResponses!.toLocaleString('en-GB')} answers it was set up for: further answers are refused. Raise the cap to take more.`,
    };
  }
  const until = link.expiresAt ? ` until the end of ${lastDayText(link.expiresAt)}` : '';
  const left = link.maxResponses != null ? `, ${(link.maxResponses - used).toLocaleString('en-GB')} more answers before it is full` : '';
  return { state: 'active', stateReason: `Takes answers now${until}${left}.` };
}

export function linkView(link: LinkRow, wave: WaveRow, used: number, now: Date): OfficerLink {
  return {
    token: link.token,
    url: linkUrl(link.token),
    label: link.label,
    kind: link.kind,
    expiresAt: link.expiresAt,
    maxResponses: link.maxResponses,
    responses: used,
    ...stateOf(link, wave, used, now),
    createdAt: link.createdAt,
  };
}

export function linkWave(wave: WaveRow, now: Date): LinkWave {
  const closedReason = waveClosedReason(wave, now);
  return { name: wave.name, status: wave.status, opensAt: wave.opensAt, closesAt: wave.closesAt, takingAnswers: closedReason === null, closedReason };
}

/** The links of a wave, by label, each with its returns and state. */
export async function listWaveLinks(store: Store, slug: string, waveName: string, now: Date): Promise<WaveLinks> {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  const rows = await linksOfWave(store.db, wave.id);
  const used = await answerCounts(
    store.db,
    rows.map((r) => r.id),
  );
  rows.sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { sensitivity: 'base' }) || a.id - b.id);
  return {
    survey: { slug: survey.slug, title: survey.title, audience: survey.audience },
    wave: linkWave(wave, now),
    links: rows.map((r) => linkView(r, wave, used.get(r.id) ?? 0, now)),
  };
}

/** A link by token with its wave and survey, whatever its state (404 if unknown). */
export async function findOfficerLink(db: Db, token: string, now: Date): Promise<OfficerLinkContext> {
  const row = await linkByToken(db, token);
  if (!row) throw new NotFound('There is no link with this address. It may have been copied incompletely.');
  const used = (await answerCounts(db, [row.link.id])).get(row.link.id) ?? 0;
  return { ...row, view: linkView(row.link, row.wave, used, now) };
}

async function labelTaken(db: Db, waveId: number, label: string, exceptId?: number): Promise<boolean> {
  return (await labelsOfWave(db, waveId, exceptId)).some((l) => l.localeCompare(label, 'en-GB', { sensitivity: 'base' }) === 0);
}

/**
 * 12 URL-safe characters (72 random bits): unguessable, short enough to type from a poster. Never
 * starting with '-' or '_': a token like "-Xa…" would be taken for an option on a command line and
 * is easy to miss at the start of a printed address (drawing again costs under 2 bits of the 72).
 */
export function newToken(): string {
  for (;;) {
    const token = randomBytes(9).toString('base64url');
    if (token[0] !== '-' && token[0] !== '_') return token;
  }
}

/** Stores a new link on a wave with a fresh token. */
async function storeLink(
  db: Db,
  wave: WaveRow,
  fields: { label: string; kind: LinkKind; expiresAt: string | null; maxResponses: number | null },
): Promise<LinkRow> {
  return await insertLink(db, { token: newToken(), waveId: wave.id, ...fields });
}

/**
 * Creates a link on a wave as an officer asks for it (POST …/links and `link create`): the
 * request as sent (the route's body, or the CLI's flags) checked, an expiry after today, a single-use link capped at one answer, and a label the
 * wave does not have yet (409 if it does).
 */
export async function createWaveLink(
  store: Store,
  slug: string,
  waveName: string,
  request: CreateLinkRequest | Record<string, unknown>,
  { now, by }: LinkCall,
): Promise<OfficerLink> {
  const { label, kind = 'school', expires, max: cap } = checked(CreateLinkBody, request);
  let max = cap;
  if (expires !== undefined && expires <= todayUtc(now)) {
    throw new Unprocessable(`The expiry date ${expires} is not after today: a new link would not work at all. Choose a later day, or leave it empty.`, {
      field: 'expires',
    });
  }
  if (kind === 'single') {
    if (max !== undefined && max !== 1)
      throw new Unprocessable('A single-use link takes exactly one answer: leave the cap empty or choose a school or channel link.', { field: 'max' });
    max = 1;
  }
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  if (await labelTaken(store.db, wave.id, label)) {
    throw new Conflict(`The ${wave.name} wave already has a link called '${label}'. Change that link, or give this one another label.`);
  }
  const row = await storeLink(store.db, wave, { label, kind, expiresAt: expires === undefined ? null : `${expires}T00:00:00.000Z`, maxResponses: max ?? null });
  const link = linkView(row, wave, 0, now);
  if (by) {
    await audit(store, by, 'link.create', {
      survey: survey.slug,
      wave: wave.name,
      token: link.token,
      label: link.label,
      kind: link.kind,
      expiresAt: link.expiresAt,
      maxResponses: link.maxResponses,
    });
  }
  return link;
}

/**
 * Changes a link's label, expiry or cap, auditing what changed; the same change twice leaves it
 * as after the first (and writes no second entry).
 */
export async function updateLink(store: Store, token: string, request: UpdateLinkRequest, { now, by }: LinkCall): Promise<OfficerLink> {
  const change = checked(UpdateLinkBody, request);
  if (change.label === undefined && change.expires === undefined && change.max === undefined)
    throw new Unprocessable('Nothing to change: send a new "label", "expires" (a date, "now" or null) or "max" (a number or null).');
  const { link, wave, survey, view: before } = await findOfficerLink(store.db, token, now);
  const set: LinkChanges = {};
  if (change.label !== undefined && change.label !== link.label) {
    if (await labelTaken(store.db, wave.id, change.label, link.id)) {
      throw new Unprocessable(`The ${wave.name} wave already has another link called '${change.label}'. Choose a different label.`, { field: 'label' });
    }
    set.label = change.label;
  }
  if (change.expires !== undefined) {
    let expiresAt: string | null;
    if (change.expires === null) expiresAt = null;
    else if (change.expires === 'now') expiresAt = link.expiresAt && new Date(link.expiresAt) <= now ? link.expiresAt : now.toISOString();
    else {
      if (change.expires < todayUtc(now)) {
        throw new Unprocessable(`The expiry date ${change.expires} is already past. To stop the link now, end it; to keep it working, choose today or later.`, {
          field: 'expires',
        });
      }
      expiresAt = `${change.expires}T00:00:00.000Z`;
    }
    if (expiresAt !== link.expiresAt) set.expiresAt = expiresAt;
  }
  if (change.max !== undefined && change.max !== link.maxResponses) {
    if (link.kind === 'single')
      throw new Unprocessable('A single-use link takes exactly one answer; create a school or channel link to take more.', { field: 'max' });
    if (change.max !== null && change.max < before.responses) {
      throw new Unprocessable(
        `'${link.label}' already has ${before.responses.toLocaleString('en-GB')} answers: a cap must be at least that. To stop the link now, end it instead.`,
        { field: 'max' },
      );
    }
    set.maxResponses = change.max;
  }
  if (!Object.keys(set).length) return before;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  if (set.label !== undefined) changes.label = { from: link.label, to: set.label };
  if (set.expiresAt !== undefined) changes.expiresAt = { from: link.expiresAt, to: set.expiresAt };
  if (set.maxResponses !== undefined) changes.maxResponses = { from: link.maxResponses, to: set.maxResponses };
  const after = linkView(await updateLinkRow(store.db, link.id, set), wave, before.responses, now);
  if (by) await audit(store, by, 'link.update', { survey: survey.slug, wave: wave.name, token: after.token, label: after.label, changes });
  return after;
}

/**
 * Ends a link now (POST …/end and `link end`): it is refused from this moment, as an expiry that
 * has passed is, and the answers it took stay. Ending an ended link changes nothing.
 */
export async function endLink(store: Store, token: string, call: LinkCall): Promise<OfficerLink> {
  return await updateLink(store, token, { expires: 'now' }, call);
}

/**
 * Deletes a link that has taken no answers (DELETE …/links/{token} and `link delete`), audited as
 * link.delete. A link with answers is kept (409): they were given through it, so it is ended instead.
 */
export async function deleteLink(store: Store, token: string, { now, by }: LinkCall): Promise<LinkDeleted> {
  const { link, wave, survey, view } = await findOfficerLink(store.db, token, now);
  if (view.responses > 0) {
    const n = view.responses === 1 ? '1 answer' : `${view.responses.toLocaleString('en-GB')} answers`;
    throw new Conflict(`'${link.label}' has ${n}, so it cannot be deleted: end it instead, and it takes no more while its answers stay.`);
  }
  await deleteLinkRow(store.db, link.id);
  if (by) await audit(store, by, 'link.delete', { survey: survey.slug, wave: wave.name, token: link.token, label: link.label });
  return { deleted: link.token, message: `The link for ${link.label} was deleted.` };
}

/** A download: its text and the file name to offer. */
export interface LinkFile {
  body: string;
  fileName: string;
}

/** `qr-youth-safety-2026-Example_Valley_School.svg`: letters, digits, dot, dash, underscore only. */
function fileName(prefix: string, ctx: OfficerLinkContext, ext: string): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60);
  return `${prefix}-${[ctx.survey.slug, ctx.wave.name, ctx.link.label].map(safe).join('-')}.${ext}`;
}

/** The link's address as an SVG QR code. */
export async function linkQrSvg(store: Store, token: string, { now }: LinkCall): Promise<LinkFile> {
  const ctx = await findOfficerLink(store.db, token, now);
  return { body: await qrSvg(ctx.view.url), fileName: fileName('qr', ctx, 'svg') };
}

/** The printable A4 poster of a link; audited, as it is what goes up on walls. */
export async function linkPoster(store: Store, token: string, { now, by }: LinkCall): Promise<LinkFile> {
  const ctx = await findOfficerLink(store.db, token, now);
  const body = await posterHtml(ctx, now);
  if (by) await audit(store, by, 'link.poster', { survey: ctx.survey.slug, wave: ctx.wave.name, token: ctx.link.token, label: ctx.link.label });
  return { body, fileName: fileName('poster', ctx, 'html') };
}

/**
 * Every school and channel link of a wave as one A4 PDF, a poster a page, by label (single-use
 * links are for one person, so have no poster); audited as what goes up on walls.
 */
export async function wavePostersPdf(store: Store, slug: string, waveName: string, { now, by }: LinkCall): Promise<{ body: Uint8Array; fileName: string }> {
  const survey = await findSurvey(store.db, slug);
  const wave = await findWave(store.db, survey, waveName);
  const listed = (await listWaveLinks(store, slug, waveName, now)).links.filter((l) => l.kind !== 'single');
  if (!listed.length)
    throw new Unprocessable(`The ${wave.name} wave has no school or channel links yet, so there are no posters to print. Create the links first.`);
  const rows = new Map((await linksOfWave(store.db, wave.id)).map((r) => [r.token, r]));
  const contexts = listed.map((view) => ({ link: rows.get(view.token)!, wave, survey, view }));
  // Loaded when first asked for: pdf-lib is a fifth of a second to load, and most processes never draw a poster.
  const { postersPdf } = await import('./posters-pdf.js');
  const body = await postersPdf(contexts, now);
  if (by) await audit(store, by, 'link.posters', { survey: survey.slug, wave: wave.name, pages: contexts.length });
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
  return { body, fileName: `posters-${safe(survey.slug)}-${safe(wave.name)}.pdf` };
}

// ---- links made without the officer's rules ----

export interface CreateLinkInput {
  slug: string;
  wave: string;
  label: string;
  kind?: LinkKind;
  /** Any date, even a past one. */
  expires?: string;
  max?: number;
}

/**
 * A link stored as given, without the officer's rules (its expiry may have passed, its label may
 * repeat): for the demo data and test fixtures. Officers' links, from the pages and the CLI, are
 * made by createWaveLink.
 */
export async function createLink(db: Db, input: CreateLinkInput): Promise<LinkRow> {
  const survey = await findSurvey(db, input.slug);
  const wave = await findWave(db, survey, input.wave);
  if (!input.label.trim()) throw new Unprocessable('A link needs a label, e.g. the school name.', { field: 'label' });
  if (input.max !== undefined && (!Number.isInteger(input.max) || input.max < 1)) {
    throw new Unprocessable(`The response cap must be a whole number of at least 1, not '${input.max}'.`, { field: 'max' });
  }
  let expiresAt: string | null = null;
  if (input.expires !== undefined) {
    const d = new Date(input.expires);
    if (Number.isNaN(d.getTime())) throw new Unprocessable(`Expiry date '${input.expires}' is not a date (use YYYY-MM-DD).`, { field: 'expires' });
    expiresAt = d.toISOString();
  }
  return await storeLink(db, wave, {
    label: input.label.trim(),
    kind: input.kind ?? (input.max === 1 ? 'single' : 'school'),
    expiresAt,
    maxResponses: input.max ?? null,
  });
}
