/**
 * Officer accounts, admin only (mounted by ./officer.ts at /api/officer/officers):
 *   GET  /  → {officers: [{id, email, role, createdAt}]}
 *   POST /  {email, password, role} → 201 {id, email, role, createdAt}
 */
import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { audit } from '../../accounts/audit.js';
import { createOfficer, listOfficers } from '../../accounts/officers.js';
import { jsonBody, type JsonBodyEnv } from '../middleware/json-body.js';
import { requireRole } from '../middleware/require-role.js';
import type { OfficerEnv } from '../middleware/session.js';

export function officerAccountRoutes({ store }: AppDeps) {
  return new Hono<OfficerEnv & JsonBodyEnv>()
    .use('*', requireRole('admin'))
    .get('/', (c) => c.json({ officers: listOfficers(store.db) }))
    .post('/', jsonBody({ maxBytes: 4096 }), async (c) => {
      const body = c.get('body') as Record<string, unknown> | null;
      const { email, password, role } = body && typeof body === 'object' ? body : {};
      if (typeof email !== 'string' || typeof password !== 'string' || typeof role !== 'string') {
        return c.json({ error: 'Send {"email": "...", "password": "...", "role": "admin|analyst|viewer"} as JSON.' }, 400);
      }
      // createOfficer throws an OfficerError (409/422), mapped by the app's error handler.
      const officer = await createOfficer(store.db, { email, password, role });
      audit(store, c.get('officer'), 'officer.create', { email: officer.email, role: officer.role });
      return c.json(officer, 201);
    });
}
