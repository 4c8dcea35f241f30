/**
 * Lets through only signed-in officers holding one of `roles`: 401 for anonymous callers, 403
 * for a role without the permission. Use with `rolesWith(permission)` from auth/roles.ts.
 * Needs `session()` before it.
 */
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../accounts/roles.js';
import { Forbidden, Unauthorized } from '../../errors.js';
import type { OfficerEnv } from './session.js';

export function requireRole(...roles: Role[]): MiddlewareHandler<OfficerEnv> {
  if (!roles.length) throw new Error('requireRole needs at least one role.');
  return async (c, next) => {
    const officer = c.get('officer');
    if (!officer) throw new Unauthorized();
    if (!roles.includes(officer.role))
      throw new Forbidden(`Your ${officer.role} account can't do this: it needs the ${roles.join(' or ')} role. Ask an admin.`);
    await next();
  };
}
