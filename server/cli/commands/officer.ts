import { createOfficer, listOfficers } from '../../accounts/officers.js';
import { ROLES } from '../../accounts/roles.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `officer create --email e --password p --role ${ROLES.join('|')}
officer list`;

export const officerCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const f = flags(rest, { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } }, ['email', 'password', 'role']);
    // Refusals (OfficerError, an HttpError) are printed by cli/index.ts with exit code 1.
    const officer = await createOfficer(store.db, { email: f.email!, password: f.password!, role: f.role! });
    out(`Created ${officer.role} ${officer.email}. They can sign in now.`);
    return 0;
  }
  if (sub === 'list') {
    flags(rest, {});
    const officers = listOfficers(store.db);
    if (!officers.length) out('No officer accounts yet: create the first admin with officer create --role admin.');
    for (const o of officers) out([o.email, o.role, o.createdAt].join('\t'));
    return 0;
  }
  throw new UsageError(`Unknown officer command '${sub ?? ''}'.`);
};
