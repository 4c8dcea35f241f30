/**
 * The council's details (name, contacts, data protection officer, logo), as admins set them on
 * the Council page or with `settings set`, and as the privacy notice and respondents' pages show
 * them. Changes by an officer are audited here ('settings.update', 'settings.logo').
 */
import type { z } from '@hono/zod-openapi';
import { audit } from '../accounts/audit.js';
import { BadRequest, NotFound, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { DEFAULT_PARTNERSHIP, inPartnership } from '../store/partnership-scope.js';
import { findSurvey } from '../surveys/surveys.js';
import { checkedLogo } from './logo.js';
import { type SettingsRow, saveLogo, saveSettingsText, settingsRow } from './queries.js';
import { type CouncilSettings, type PublicCouncil, UpdateSettingsBody, type UpdateSettingsRequest } from './schemas.js';

export * from './schemas.js';

export interface SettingsCall {
  now: Date;
  by?: { id: number } | null;
}

/**
 * The demo's council: made up, and it says so in its name. 01632 960xxx is Ofcom's range for
 * drama, never a real line; .invalid addresses cannot be delivered.
 */
export const DEMO_COUNCIL = {
  councilName: 'Demo Borough Council (made-up)',
  contactEmail: 'surveys@demo.invalid',
  contactPhone: '01632 960000',
  postalAddress: 'Town Hall, 1 Example Street, Demoville (made-up address)',
  dpoContact: 'dpo@demo.invalid',
} as const;

/** The logo's address: the default partnership's as before partnerships, another's naming it. */
const logoUrl = (row: SettingsRow | undefined) =>
  row?.logo ? `/api/council/logo?${row.id === DEFAULT_PARTNERSHIP ? '' : `partnership=${row.id}&`}v=${encodeURIComponent(row.updatedAt)}` : null;

/** Whose details a respondent's page shows: the partnership running the survey named, or the one given; else the caller's. */
export interface CouncilOf {
  survey?: string;
  partnership?: number;
}

async function partnershipOf(store: Store, of: CouncilOf): Promise<number | undefined> {
  if (of.survey !== undefined) return (await findSurvey(store.db, of.survey)).partnershipId;
  return of.partnership;
}

async function rowOf(store: Store, of: CouncilOf): Promise<SettingsRow | undefined> {
  const id = await partnershipOf(store, of);
  return id === undefined ? await settingsRow(store.db) : await inPartnership(id, () => settingsRow(store.db));
}

function view(row: SettingsRow | undefined): CouncilSettings {
  return {
    set: row !== undefined,
    councilName: row?.councilName ?? null,
    contactEmail: row?.contactEmail ?? null,
    contactPhone: row?.contactPhone ?? null,
    postalAddress: row?.postalAddress ?? null,
    dpoContact: row?.dpoContact ?? null,
    logo: logoUrl(row),
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function councilSettings(store: Store): Promise<CouncilSettings> {
  return view(await settingsRow(store.db));
}

/** The name and logo for respondents' pages; 404 until an admin has saved the details. */
export async function publicCouncil(store: Store, of: CouncilOf = {}): Promise<PublicCouncil> {
  const row = await rowOf(store, of);
  if (!row) throw new NotFound('The council has not entered its details yet.');
  return { name: row?.councilName ?? null, logo: logoUrl(row) };
}

/** The logo's bytes and type, or null when none is set. */
export async function councilLogo(store: Store, of: CouncilOf = {}): Promise<{ bytes: Buffer; type: string } | null> {
  const row = await rowOf(store, of);
  return row?.logo && row.logoType ? { bytes: row.logo, type: row.logoType } : null;
}

function checked(request: unknown): z.output<typeof UpdateSettingsBody> {
  const result = UpdateSettingsBody.safeParse(request);
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (issue.path.length) throw new Unprocessable(issue.message, { field: String(issue.path[0]) });
  throw new BadRequest(issue.message);
}

/** Saves every text field at once (PUT /settings, `settings set`); audited with what changed. */
export async function updateCouncilSettings(
  store: Store,
  request: UpdateSettingsRequest | Record<string, unknown>,
  { now, by }: SettingsCall,
): Promise<CouncilSettings> {
  const values = checked(request);
  const before = view(await settingsRow(store.db));
  const row = await saveSettingsText(store.db, values, now.toISOString());
  const changes = Object.fromEntries(
    (Object.keys(values) as (keyof typeof values)[]).filter((k) => before[k] !== values[k]).map((k) => [k, { from: before[k], to: values[k] }]),
  );
  if (by && Object.keys(changes).length) await audit(store, by, 'settings.update', { changes });
  return view(row);
}

/** Stores a checked logo (PNG, or an SVG that only draws); the details must be saved first. */
export async function setCouncilLogo(store: Store, bytes: Buffer, type: string | undefined, { now, by }: SettingsCall): Promise<CouncilSettings> {
  const logo = checkedLogo(bytes, type);
  if (!(await settingsRow(store.db))) throw new Unprocessable("Save the council's name first, then add its logo. Nothing was stored.");
  const row = await saveLogo(store.db, logo, now.toISOString());
  if (by) await audit(store, by, 'settings.logo', { type: logo.type, bytes: logo.bytes.length });
  return view(row);
}

export async function removeCouncilLogo(store: Store, { now, by }: SettingsCall): Promise<CouncilSettings> {
  const row = await settingsRow(store.db);
  if (!row?.logo) return view(row);
  const after = await saveLogo(store.db, null, now.toISOString());
  if (by) await audit(store, by, 'settings.logo', { removed: true });
  return view(after);
}
