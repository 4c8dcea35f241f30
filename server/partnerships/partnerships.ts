/**
 * Partnerships: what an officer works in (the header's choice, GET/PUT /api/officer/partnerships)
 * and what the operator sets up from the CLI (a partnership with its wards, officers' roles in it,
 * county readers). Routes and CLI both call these.
 */
import type { Role } from '../accounts/roles.js';
import { officerByEmail, setCountyReader, setRole, setSessionPartnership } from '../accounts/queries.js';
import type { SessionOfficer } from '../accounts/sessions.js';
import { checkedLookup } from '../areas/lookup.js';
import { insertLookup } from '../areas/queries.js';
import { storedCrimeMonths } from '../crime/data.js';
import { Conflict, Forbidden, NotFound, Unprocessable } from '../errors.js';
import { inPartnership } from '../store/partnership-scope.js';
import { inTransaction } from '../store/transaction.js';
import { listOfficerSurveys } from '../surveys/list.js';
import type { Store } from '../store/open.js';
import { parseLsoaWardLookup } from '../../surveys/areas/wards.js';
import { allPartnerships, insertPartnership, partnershipBySlug, partnershipCounts, type PartnershipRow } from './queries.js';
import { type CountyOverview, type OfficerPartnerships, type Partnership, PartnershipSlug } from './schemas.js';

/** GET /partnerships: where the signed-in officer may work, and where they are working now. */
export function officerPartnerships(officer: SessionOfficer): OfficerPartnerships {
  return {
    partnerships: officer.partnerships.map((p) => ({ slug: p.slug, name: p.name, role: p.role, current: p.id === officer.partnershipId })),
    countyReader: officer.countyReader,
  };
}

/** PUT /partnerships/current: work in another of the officer's partnerships from the next request on. */
export async function choosePartnership(store: Store, officer: SessionOfficer, slug: string): Promise<OfficerPartnerships> {
  const chosen = officer.partnerships.find((p) => p.slug === slug);
  if (!chosen) throw new NotFound(`You have no role in a partnership called '${slug}'.`);
  await setSessionPartnership(store.db, officer.sessionId, chosen.id);
  return officerPartnerships({ ...officer, partnershipId: chosen.id, role: chosen.role });
}

/**
 * GET /county: every partnership side by side, each read inside it (so each figure is what its own
 * officers see): for a county reader only.
 */
export async function countyOverview(store: Store, officer: SessionOfficer, now = new Date()): Promise<CountyOverview> {
  if (!officer.countyReader) throw new Forbidden('Only a county reader compares the partnerships. Ask the operator (`cli partnership county`).');
  const partnerships = [];
  for (const p of await allPartnerships(store.db)) {
    partnerships.push(
      await inPartnership(p.id, async () => {
        const crime = await storedCrimeMonths(store);
        return {
          slug: p.slug,
          name: p.name,
          wards: crime.wardsInLookup,
          surveys: (await listOfficerSurveys(store.db, now)).map((s) => ({
            slug: s.slug,
            title: s.title,
            waves: s.waves.map((w) => ({ name: w.name, status: w.status, responses: w.responses })),
          })),
          crime: { months: crime.months.map((m) => m.month), crimes: crime.crimes },
        };
      }),
    );
  }
  return { partnerships };
}

/** The operator's list: every partnership with its wards and surveys. */
export async function listPartnerships(store: Store): Promise<Partnership[]> {
  const counts = await partnershipCounts(store.db);
  return (await allPartnerships(store.db)).map((p) => ({ id: p.id, slug: p.slug, name: p.name, ...(counts.get(p.id) ?? { wards: 0, surveys: 0 }) }));
}

export async function findPartnership(store: Store, slug: string): Promise<PartnershipRow> {
  const p = await partnershipBySlug(store.db, slug);
  if (!p)
    throw new NotFound(`There is no partnership called '${slug}'. The partnerships are: ${(await allPartnerships(store.db)).map((x) => x.slug).join(', ')}.`);
  return p;
}

export interface NewPartnership {
  slug: string;
  name: string;
  /** An ONS LSOA → ward lookup (CSV: LSOA11CD, WD19CD, WD19NM…) of the partnership's wards. */
  lookupCsv?: string;
  lookupSource?: string;
}

/**
 * Adds a partnership, with its wards when a lookup is given, in one transaction. A ward of another
 * partnership, or an LSOA already in another ward, is refused (each ward belongs to one, so
 * recorded crime splits cleanly), and then nothing is stored: not the partnership either.
 */
export async function createPartnership(store: Store, input: NewPartnership): Promise<Partnership> {
  const slug = PartnershipSlug.safeParse(input.slug);
  if (!slug.success) throw new Unprocessable(slug.error.issues[0]!.message);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new Unprocessable('A partnership needs a name of 1–200 characters.');
  if (await partnershipBySlug(store.db, slug.data)) throw new Conflict(`There is a partnership called '${slug.data}' already.`);
  let lookup: ReturnType<typeof parseLsoaWardLookup> = [];
  if (input.lookupCsv !== undefined) {
    try {
      lookup = parseLsoaWardLookup(input.lookupCsv, input.lookupSource);
    } catch (e) {
      throw new Unprocessable(`${(e as Error).message} Nothing was stored.`);
    }
  }
  const row = await inTransaction(store.db, async () => {
    const row = await insertPartnership(store.db, { slug: slug.data, name });
    if (lookup.length) {
      const { newWards, newLsoas } = await checkedLookup(store, lookup, row.id);
      await insertLookup(store.db, newWards, newLsoas, row.id);
    }
    return row;
  });
  return (await listPartnerships(store)).find((p) => p.id === row.id)!;
}

/** Gives an officer (by email) a role in a partnership, or changes it. */
export async function grantRole(store: Store, email: string, partnershipSlug: string, role: Role): Promise<{ email: string; partnership: string; role: Role }> {
  const officer = await officerByEmail(store.db, email.trim().toLowerCase());
  if (!officer) throw new NotFound(`There is no officer with the email ${email}.`);
  const p = await findPartnership(store, partnershipSlug);
  await setRole(store.db, officer.id, p.id, role);
  return { email: officer.email, partnership: p.slug, role };
}

/** Makes an officer a county reader (reads every partnership) or takes it away. */
export async function setCounty(store: Store, email: string, countyReader: boolean): Promise<{ email: string; countyReader: boolean }> {
  const officer = await officerByEmail(store.db, email.trim().toLowerCase());
  if (!officer) throw new NotFound(`There is no officer with the email ${email}.`);
  await setCountyReader(store.db, officer.id, countyReader);
  return { email: officer.email, countyReader };
}
