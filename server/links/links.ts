/**
 * Distribution links as officers manage them: the links of a wave with how many answers each has
 * taken and whether it works now (and why not), creating a link from the officer's form, and
 * changing a link's label, expiry or cap. Creating goes through manage.ts `createLink`, so the CLI
 * and the officer pages make links the same way.
 *
 * Dates are whole days (`YYYY-MM-DD`). As in the CLI, an expiry date is the day the link stops
 * working: it is stored as the start of that day (UTC), and the respondent API refuses the link
 * from then on (`findLink` in surveys.ts).
 */
import { and, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../store/open.js';
import { links, responses } from '../store/schema.js';
import { createLink, linkUrl } from '../surveys/manage.js';
import {
  findSurvey,
  findWave,
  linkByToken,
  linkUnavailable,
  NotAvailable,
  waveClosedReason,
  type LinkRow,
  type SurveyRow,
  type WaveRow,
} from '../surveys/surveys.js';

export const LINK_KINDS = ['school', 'channel', 'single'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export type LinkState = 'active' | 'expired' | 'full' | 'wave closed';
export type LinkField = 'label' | 'kind' | 'expires' | 'max';

export const MAX_LABEL_LENGTH = 120;
/** Far above any school or channel; a bigger number is a typing slip. */
export const MAX_CAP = 1_000_000;
/** A link request is a few short fields. */
export const MAX_LINK_BODY_BYTES = 4 * 1024;

/** A bad field in a link request: 422 with the field, so the form can point at it. */
export class LinkInputError extends NotAvailable {
  constructor(
    public field: LinkField,
    message: string,
  ) {
    super(422, message);
  }
}

export interface OfficerLink {
  token: string;
  /** The absolute address respondents open (PUBLIC_URL). */
  url: string;
  label: string;
  kind: LinkKind;
  /** Start of the day the link stops working (ISO), or null. */
  expiresAt: string | null;
  maxResponses: number | null;
  /** Returns through the link so far, complete and partial (what the cap counts). */
  responses: number;
  state: LinkState;
  /** The state in a sentence for the officer. */
  stateReason: string;
  createdAt: string;
}

export interface LinkWave {
  name: string;
  status: WaveRow['status'];
  opensAt: string | null;
  closesAt: string | null;
  /** Whether the wave takes answers now (open and inside its dates). */
  takingAnswers: boolean;
  /** Why it does not, in a sentence, or null. */
  closedReason: string | null;
}

export interface WaveLinks {
  survey: { slug: string; title: string; audience: SurveyRow['audience'] };
  wave: LinkWave;
  links: OfficerLink[];
}

export interface CreateLinkRequest {
  label: string;
  kind?: LinkKind;
  expires?: string;
  max?: number;
}

export interface UpdateLinkRequest {
  label?: string;
  /** A day, 'now' (end it at once), or null (no expiry). */
  expires?: string | null;
  max?: number | null;
}

/** "1 July 2026" for a date or ISO time, read in UTC (the zone dates are stored in). */
export function dayText(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The last day a link or wave that stops at `iso` still works: "30 June 2026". */
export function lastDayText(iso: string): string {
  return dayText(new Date(new Date(iso).getTime() - 1).toISOString());
}

const todayUtc = (now: Date) => now.toISOString().slice(0, 10);

/** A real calendar day written YYYY-MM-DD, else null. */
export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
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

function countsFor(db: Db, linkIds: number[]): Map<number, number> {
  if (!linkIds.length) return new Map();
  return new Map(
    db
      .select({ linkId: responses.linkId, n: count() })
      .from(responses)
      .where(inArray(responses.linkId, linkIds))
      .groupBy(responses.linkId)
      .all()
      .map((r) => [r.linkId!, r.n]),
  );
}

function view(link: LinkRow, wave: WaveRow, used: number, now: Date): OfficerLink {
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

export function linkWave(wave: WaveRow, now = new Date()): LinkWave {
  const closedReason = waveClosedReason(wave, now);
  return { name: wave.name, status: wave.status, opensAt: wave.opensAt, closesAt: wave.closesAt, takingAnswers: closedReason === null, closedReason };
}

/** The links of a wave, by label, each with its returns and state. */
export function listWaveLinks(db: Db, slug: string, waveName: string, now = new Date()): WaveLinks {
  const survey = findSurvey(db, slug);
  const wave = findWave(db, survey, waveName);
  const rows = db.select().from(links).where(eq(links.waveId, wave.id)).all();
  const used = countsFor(
    db,
    rows.map((r) => r.id),
  );
  rows.sort((a, b) => a.label.localeCompare(b.label, 'en-GB', { sensitivity: 'base' }) || a.id - b.id);
  return {
    survey: { slug: survey.slug, title: survey.title, audience: survey.audience },
    wave: linkWave(wave, now),
    links: rows.map((r) => view(r, wave, used.get(r.id) ?? 0, now)),
  };
}

export interface OfficerLinkContext {
  link: LinkRow;
  wave: WaveRow;
  survey: SurveyRow;
  view: OfficerLink;
}

/** A link by token with its wave and survey, whatever its state (404 if unknown). */
export function findOfficerLink(db: Db, token: string, now = new Date()): OfficerLinkContext {
  const row = linkByToken(db, token);
  if (!row) throw new NotAvailable(404, 'There is no link with this address. It may have been copied incompletely.');
  const used = countsFor(db, [row.link.id]).get(row.link.id) ?? 0;
  return { ...row, view: view(row.link, row.wave, used, now) };
}

// ---- checking what the officer sent ----

function isObject(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}

function unknownFields(body: Record<string, unknown>, allowed: string[]): string | null {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  return extra.length ? `Unexpected field(s) ${extra.map((k) => `"${k}"`).join(', ')}: send only ${allowed.map((k) => `"${k}"`).join(', ')}.` : null;
}

function checkLabel(value: unknown): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new LinkInputError('label', 'Give the link a label, e.g. the name of the school or channel.');
  }
  const label = value.trim().replace(/\s+/g, ' ');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(label)) throw new LinkInputError('label', 'The label contains control characters; type it as plain text.');
  if (label.length > MAX_LABEL_LENGTH) {
    throw new LinkInputError('label', `The label is ${label.length} characters long; keep it to ${MAX_LABEL_LENGTH} or fewer.`);
  }
  return label;
}

function checkCap(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CAP) {
    throw new LinkInputError(
      'max',
      `The cap must be a whole number of answers from 1 to ${MAX_CAP.toLocaleString('en-GB')}, not ${JSON.stringify(value)}. Leave it empty for no cap.`,
    );
  }
  return value;
}

function checkDay(value: unknown): string {
  const day = typeof value === 'string' ? parseDay(value.trim()) : null;
  if (!day) throw new LinkInputError('expires', `The expiry date ${JSON.stringify(value)} is not a date: use YYYY-MM-DD, e.g. 2026-07-01.`);
  return day;
}

/** The create form checked; throws LinkInputError (422) naming the field, or NotAvailable(400). */
export function parseCreateLink(body: unknown, now = new Date()): CreateLinkRequest {
  if (!isObject(body)) throw new NotAvailable(400, 'Send a JSON object such as {"label": "School name", "kind": "school"}.');
  const extra = unknownFields(body, ['label', 'kind', 'expires', 'max']);
  if (extra) throw new NotAvailable(400, extra);
  const label = checkLabel(body.label);
  let kind: LinkKind | undefined;
  if (body.kind !== undefined && body.kind !== null) {
    if (!LINK_KINDS.includes(body.kind as LinkKind))
      throw new LinkInputError('kind', `The kind must be "school", "channel" or "single", not ${JSON.stringify(body.kind)}.`);
    kind = body.kind as LinkKind;
  }
  let expires: string | undefined;
  if (body.expires !== undefined && body.expires !== null && body.expires !== '') {
    expires = checkDay(body.expires);
    if (expires <= todayUtc(now)) {
      throw new LinkInputError(
        'expires',
        `The expiry date ${expires} is not after today: a new link would not work at all. Choose a later day, or leave it empty.`,
      );
    }
  }
  let max: number | undefined;
  if (body.max !== undefined && body.max !== null && body.max !== '') max = checkCap(body.max);
  if (kind === 'single') {
    if (max !== undefined && max !== 1)
      throw new LinkInputError('max', 'A single-use link takes exactly one answer: leave the cap empty or choose a school or channel link.');
    max = 1;
  }
  return { label, kind, expires, max };
}

/** The change form checked; throws LinkInputError (422) naming the field, or NotAvailable(400). */
export function parseUpdateLink(body: unknown): UpdateLinkRequest {
  if (!isObject(body)) throw new NotAvailable(400, 'Send a JSON object with any of "label", "expires" and "max".');
  const extra = unknownFields(body, ['label', 'expires', 'max']);
  if (extra) throw new NotAvailable(400, extra);
  const out: UpdateLinkRequest = {};
  if (body.label !== undefined) out.label = checkLabel(body.label);
  if (body.expires !== undefined) out.expires = body.expires === null || body.expires === '' ? null : body.expires === 'now' ? 'now' : checkDay(body.expires);
  if (body.max !== undefined) out.max = body.max === null || body.max === '' ? null : checkCap(body.max);
  if (!Object.keys(out).length)
    throw new NotAvailable(422, 'Nothing to change: send a new "label", "expires" (a date, "now" or null) or "max" (a number or null).');
  return out;
}

function labelTaken(db: Db, waveId: number, label: string, exceptId?: number): boolean {
  const same = db
    .select({ id: links.id, label: links.label })
    .from(links)
    .where(exceptId === undefined ? eq(links.waveId, waveId) : and(eq(links.waveId, waveId), ne(links.id, exceptId)))
    .all();
  return same.some((l) => l.label.localeCompare(label, 'en-GB', { sensitivity: 'base' }) === 0);
}

/** Creates a link on a wave from a checked request (409 if the wave already has that label). */
export function createWaveLink(db: Db, slug: string, waveName: string, request: CreateLinkRequest, now = new Date()): OfficerLink {
  const survey = findSurvey(db, slug);
  const wave = findWave(db, survey, waveName);
  if (labelTaken(db, wave.id, request.label)) {
    throw new NotAvailable(409, `The ${wave.name} wave already has a link called '${request.label}'. Change that link, or give this one another label.`);
  }
  const row = createLink(db, { slug, wave: waveName, label: request.label, kind: request.kind ?? 'school', expires: request.expires, max: request.max });
  return view(row, wave, 0, now);
}

export interface LinkChange {
  before: OfficerLink;
  after: OfficerLink;
  survey: string;
  wave: string;
  /** What changed, field by field: { from, to }. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Changes a link's label, expiry or cap; the same change twice leaves it as after the first. */
export function updateLink(db: Db, token: string, request: UpdateLinkRequest, now = new Date()): LinkChange {
  const { link, wave, survey, view: before } = findOfficerLink(db, token, now);
  const set: Partial<Pick<LinkRow, 'label' | 'expiresAt' | 'maxResponses'>> = {};
  if (request.label !== undefined && request.label !== link.label) {
    if (labelTaken(db, wave.id, request.label, link.id)) {
      throw new LinkInputError('label', `The ${wave.name} wave already has another link called '${request.label}'. Choose a different label.`);
    }
    set.label = request.label;
  }
  if (request.expires !== undefined) {
    let expiresAt: string | null;
    if (request.expires === null) expiresAt = null;
    else if (request.expires === 'now') expiresAt = link.expiresAt && new Date(link.expiresAt) <= now ? link.expiresAt : now.toISOString();
    else {
      if (request.expires < todayUtc(now)) {
        throw new LinkInputError(
          'expires',
          `The expiry date ${request.expires} is already past. To stop the link now, end it; to keep it working, choose today or later.`,
        );
      }
      expiresAt = `${request.expires}T00:00:00.000Z`;
    }
    if (expiresAt !== link.expiresAt) set.expiresAt = expiresAt;
  }
  if (request.max !== undefined && request.max !== link.maxResponses) {
    if (link.kind === 'single') throw new LinkInputError('max', 'A single-use link takes exactly one answer; create a school or channel link to take more.');
    if (request.max !== null && request.max < before.responses) {
      throw new LinkInputError(
        'max',
        `'${link.label}' already has ${before.responses.toLocaleString('en-GB')} answers: a cap must be at least that. To stop the link now, end it instead.`,
      );
    }
    set.maxResponses = request.max;
  }
  const changes: LinkChange['changes'] = {};
  if (set.label !== undefined) changes.label = { from: link.label, to: set.label };
  if (set.expiresAt !== undefined) changes.expiresAt = { from: link.expiresAt, to: set.expiresAt };
  if (set.maxResponses !== undefined) changes.maxResponses = { from: link.maxResponses, to: set.maxResponses };
  const row = Object.keys(set).length ? db.update(links).set(set).where(eq(links.id, link.id)).returning().get() : link;
  return { before, after: view(row, wave, before.responses, now), survey: survey.slug, wave: wave.name, changes };
}
