/** Signs an officer in through the real login route; returns the headers later requests send. */
import { createOfficer } from '../../server/accounts/officers.js';
import type { Store } from '../../server/store/open.js';
import type { Role } from '../../server/accounts/roles.js';
import type { createApp } from '../../server/http/app.js';

let counter = 0;

export async function signIn(app: ReturnType<typeof createApp>, store: Store, role: Role = 'viewer') {
  const email = `${role}${++counter}@test.invalid`;
  const password = 'correct horse battery staple';
  await createOfficer(store.db, { email, password, role });
  const res = await app.request('/api/officer/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: cookies.join('; '), 'x-csrf-token': csrfToken };
}
