/**
 * Officer roles and what each may do. Each role includes everything of the roles below it:
 *
 * | permission       | viewer | analyst | admin |
 * |------------------|:------:|:-------:|:-----:|
 * | read-results     |   ✓    |    ✓    |   ✓   |  returns, results, perception vs reality
 * | run-weighting    |        |    ✓    |   ✓   |
 * | import           |        |    ✓    |   ✓   |  paper/CSV responses, crime, population
 * | export           |        |    ✓    |   ✓   |  CSV/XLSX, committee report
 * | score-priorities |        |    ✓    |   ✓   |  the priority matrix's scores and weights
 * | manage-surveys   |        |         |   ✓   |  upload questionnaires
 * | manage-waves     |        |         |   ✓   |  open/close with dates
 * | manage-links     |        |         |   ✓   |  school/channel links, QR, posters
 * | manage-officers  |        |         |   ✓   |  accounts, audit log
 *
 * Routes guard with `requireRole(...rolesWith('export'))` so the matrix lives only here.
 */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const viewer = ['read-results'] as const;
const analyst = [...viewer, 'run-weighting', 'import', 'export', 'score-priorities'] as const;
const admin = [...analyst, 'manage-surveys', 'manage-waves', 'manage-links', 'manage-officers'] as const;

export type Permission = (typeof admin)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = { viewer, analyst, admin };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The roles holding a permission, for `requireRole(...rolesWith(p))`. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => can(r, permission));
}
