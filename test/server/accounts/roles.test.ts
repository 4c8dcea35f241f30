/** The role matrix: each role has what the one below has, plus its own. */
import { describe, expect, it } from 'vitest';
import { can, isRole, ROLE_PERMISSIONS, rolesWith } from '../../../server/accounts/roles.js';

describe('roles', () => {
  it('viewer reads results; analyst also runs weighting, imports, exports and scores priorities; admin also manages', () => {
    expect(ROLE_PERMISSIONS.viewer).toEqual(['read-results']);
    expect(ROLE_PERMISSIONS.analyst).toEqual(['read-results', 'run-weighting', 'import', 'export', 'score-priorities']);
    expect(ROLE_PERMISSIONS.admin).toEqual([
      'read-results',
      'run-weighting',
      'import',
      'export',
      'score-priorities',
      'manage-surveys',
      'manage-waves',
      'manage-links',
      'manage-officers',
    ]);
  });

  it('lists the roles holding a permission, for requireRole', () => {
    expect(rolesWith('read-results')).toEqual(['viewer', 'analyst', 'admin']);
    expect(rolesWith('export')).toEqual(['analyst', 'admin']);
    expect(rolesWith('score-priorities')).toEqual(['analyst', 'admin']);
    expect(rolesWith('manage-officers')).toEqual(['admin']);
    expect(can('viewer', 'export')).toBe(false);
  });

  it('recognises only the three roles', () => {
    expect(['admin', 'analyst', 'viewer'].every(isRole)).toBe(true);
    expect(isRole('Admin')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
