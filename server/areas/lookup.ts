/**
 * A partnership's ward lookup (ONS LSOA → ward CSV) from the Data page or the API: its wards
 * become the partnership's and its LSOAs split the force's recorded crime to them. Wards and
 * LSOAs already there are kept; a ward of another partnership, or an LSOA already in another
 * ward, is refused (each lies in one), and then nothing is stored.
 */
import { audit } from '../accounts/audit.js';
import { Conflict, Unprocessable } from '../errors.js';
import type { Store } from '../store/open.js';
import { owningPartnership } from '../store/partnership-scope.js';
import { inTransaction } from '../store/transaction.js';
import { parseLsoaWardLookup } from '../../surveys/areas/wards.js';
import { areaOwners, insertLookup, lsoaWardMap, wardList } from './queries.js';
import type { WardLookupResult, WardLookupSummary } from './schemas.js';

/** The caller's partnership's wards and the LSOAs that lie in them. */
export async function wardLookupSummary(store: Store): Promise<WardLookupSummary> {
  const wards = new Set((await wardList(store.db)).map((w) => w.code));
  let lsoas = 0;
  for (const ward of (await lsoaWardMap(store.db)).values()) if (wards.has(ward)) lsoas++;
  return { wards: wards.size, lsoas };
}

const list = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? ', …' : ''}`;

type LookupRow = ReturnType<typeof parseLsoaWardLookup>[number];

/**
 * What a parsed lookup adds to a partnership (its wards and LSOAs not stored yet), after refusing
 * it (409) when one of its wards belongs to another partnership or one of its LSOAs lies in another
 * ward already. Call it inside the transaction that stores the result, so that nothing is stored on
 * a refusal and no other write comes between the check and the insert.
 */
export async function checkedLookup(
  store: Store,
  rows: readonly LookupRow[],
  partnershipId: number,
): Promise<{ newWards: { code: string; name: string }[]; newLsoas: LookupRow[] }> {
  const wards = new Map(rows.map((r) => [r.wardCode, r.wardName]));
  const owners = await areaOwners(store.db, [...wards.keys()]);
  const others = [...owners].filter(([, id]) => id !== partnershipId).map(([code]) => code);
  if (others.length)
    throw new Conflict(
      `${others.length} of the lookup's wards ${others.length === 1 ? 'belongs' : 'belong'} to another partnership (${list(others)}): each ward belongs to one. Nothing was stored.`,
    );
  const mapped = await lsoaWardMap(store.db);
  const moved = rows.filter((r) => mapped.has(r.lsoaCode) && mapped.get(r.lsoaCode) !== r.wardCode);
  if (moved.length)
    throw new Conflict(
      `${moved.length} of the lookup's LSOAs ${moved.length === 1 ? 'lies' : 'lie'} in another ward already (${list(moved.map((r) => `${r.lsoaCode} in ${mapped.get(r.lsoaCode)}`))}): an LSOA lies in one ward. Nothing was stored.`,
    );
  return {
    newWards: [...wards].filter(([code]) => !owners.has(code)).map(([code, name]) => ({ code, name })),
    newLsoas: rows.filter((r) => !mapped.has(r.lsoaCode)),
  };
}

/** Adds the lookup's wards and LSOAs to the caller's partnership (see the module comment). */
export async function addWardLookup(
  store: Store,
  csv: string,
  { fileName, officer }: { fileName?: string; officer?: { id: number } | null } = {},
): Promise<WardLookupResult> {
  let rows: ReturnType<typeof parseLsoaWardLookup>;
  try {
    rows = parseLsoaWardLookup(csv, fileName ? `The file ${fileName}` : 'The lookup');
  } catch (e) {
    throw new Unprocessable(`${(e as Error).message} Nothing was stored.`);
  }
  if (!rows.length) throw new Unprocessable('The lookup has a header but no LSOAs. Nothing was stored.');
  const partnership = owningPartnership();
  const { newWards, newLsoas } = await inTransaction(store.db, async () => {
    const added = await checkedLookup(store, rows, partnership);
    if (added.newWards.length || added.newLsoas.length) await insertLookup(store.db, added.newWards, added.newLsoas, partnership);
    return added;
  });
  await audit(store, officer, 'areas.lookup', { file: fileName ?? null, wards: newWards.length, lsoas: newLsoas.length });
  return { ...(await wardLookupSummary(store)), added: { wards: newWards.length, lsoas: newLsoas.length } };
}
