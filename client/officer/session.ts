/**
 * Who is signed in, and what their role may do (the server's own permission table, so the pages
 * hide exactly what the API would refuse). `whenSignedIn` wraps API calls: a 401 anywhere ends
 * the session in the page and sends the officer to sign-in, then back.
 */
import { createSignal } from 'solid-js';
import { can as roleCan, type Permission } from '../../server/accounts/roles';
import type { Result } from './api';
import type { Officer } from './officer-types';
import { navigate } from './router';

const [officer, setOfficer] = createSignal<Officer | null>(null);
const [notice, setNotice] = createSignal<string | null>(null);
/** Whether the officer may read every partnership (GET /partnerships says; the header asks). */
const [countyReader, setCountyReader] = createSignal(false);

export { officer, notice, setNotice, countyReader, setCountyReader };

export function signedIn(o: Officer): void {
  setOfficer(o);
  setNotice(null);
}

/** True when the signed-in officer's role holds `permission`. */
export function can(permission: Permission): boolean {
  const o = officer();
  return o !== null && roleCan(o.role, permission);
}

export const SIGN_IN_PATH = '/officer/sign-in';

/** Forgets the officer and shows sign-in with `message`; sign-in returns to where they were. */
export function signedOut(message: string | null): void {
  setOfficer(null);
  setCountyReader(false);
  setNotice(message);
  const here = location.pathname + location.search;
  const next = location.pathname.startsWith(SIGN_IN_PATH) || location.pathname === '/officer' ? '' : `?next=${encodeURIComponent(here)}`;
  navigate(`${SIGN_IN_PATH}${next}`, { replace: true });
}

/** Passes a result through; a 401 signs the officer out of the page first. */
export async function whenSignedIn<T>(request: Promise<Result<T>>): Promise<Result<T>> {
  const r = await request;
  // A request still in flight when the officer signed out answers 401 late: they are already at
  // sign-in with "You are signed out", which must not turn into "Your session has ended".
  const alreadyOut = officer() === null && location.pathname.startsWith(SIGN_IN_PATH);
  if (r.kind === 'signed-out' && !alreadyOut) signedOut('Your session has ended. Sign in again to carry on.');
  return r;
}
