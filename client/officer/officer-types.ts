/** The signed-in officer, as the server's sign-in routes answer it (typed from hc, never re-declared). */
import type { client, OkOf } from './api';

export type Me = OkOf<typeof client.api.officer.me.$get>;
export type SignedIn = OkOf<typeof client.api.officer.login.$post>;
/** Who is signed in: what /me and /login both give. */
export type Officer = Pick<Me, 'email' | 'role'>;
