import { createOfficer, listOfficers } from '../../accounts/officers.js';
import { ROLES } from '../../accounts/roles.js';
import { type Command, flags, UsageError } from '../io.js';
import { readNewPassword } from '../prompt.js';

export const usage = `officer create --email e --role ${ROLES.join('|')}   (asks for the password twice, hidden; or pipe it in as one line)
officer create --email e --password p --role ${ROLES.join('|')}   (still works, but the password is then in the shell's history)
officer list`;

export const officerCommand: Command = async (args, { store, out, err, stdin = process.stdin, prompts = process.stderr }) => {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const f = flags(rest, { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' } }, ['email', 'role']);
    let password = f.password;
    if (password === undefined) {
      // Typed at a hidden prompt or piped, so it never appears on screen, in `ps` or the shell history.
      password = await readNewPassword(stdin, prompts);
    } else {
      err('Note: a password given with --password is kept in the shell history; leave it out to be asked for it.');
    }
    // Refusals (OfficerError, an HttpError) are printed by cli/index.ts with exit code 1.
    const officer = await createOfficer(store.db, { email: f.email!, password, role: f.role! });
    out(`Created ${officer.role} ${officer.email}. They can sign in now.`);
    return 0;
  }
  if (sub === 'list') {
    flags(rest, {});
    const officers = await listOfficers(store.db);
    if (!officers.length) out('No officer accounts yet: create the first admin with officer create --role admin.');
    for (const o of officers) out([o.email, o.role, o.createdAt].join('\t'));
    return 0;
  }
  throw new UsageError(`Unknown officer command '${sub ?? ''}'.`);
};
