/**
 * `partnership add|list|grant|county`: the operator sets up the partnerships of a deployment (a
 * county's districts). Any command takes `--partnership slug` to work in one (server/cli/run.ts);
 * without it a command reads the whole deployment and writes to the default partnership.
 */
import { readFileSync } from 'node:fs';
import { isRole, ROLES } from '../../accounts/roles.js';
import { createPartnership, grantRole, listPartnerships, setCounty } from '../../partnerships/partnerships.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `partnership add --slug s --name "Name" [--lookup lsoa-ward.csv]   (the lookup's wards become the partnership's)
partnership list [--json]
partnership grant --email e --slug s --role ${ROLES.join('|')}   (a role in that partnership, or a new one)
partnership county --email e [--off]   (reads every partnership, as a viewer where it has no role)
any command --partnership s   (works in that partnership: its surveys, wards, settings, priorities)`;

export const partnershipCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  if (sub === 'add') {
    const f = flags(rest, { slug: { type: 'string' }, name: { type: 'string' }, lookup: { type: 'string' } }, ['slug', 'name']);
    let lookupCsv: string | undefined;
    if (f.lookup !== undefined) {
      try {
        lookupCsv = readFileSync(f.lookup, 'utf8');
      } catch (e) {
        throw new UsageError(`Can't read ${f.lookup}: ${(e as Error).message}`);
      }
    }
    const p = await createPartnership(store, { slug: f.slug!, name: f.name!, lookupCsv, lookupSource: f.lookup });
    out(`Added partnership ${p.slug} (${p.name}) with ${p.wards} ward${p.wards === 1 ? '' : 's'}. Give officers a role with partnership grant.`);
    return 0;
  }
  if (sub === 'list') {
    const f = flags(rest, { json: { type: 'boolean' } });
    const all = await listPartnerships(store);
    if (f.json) out(JSON.stringify(all, null, 2));
    else for (const p of all) out([p.slug, p.name, `${p.wards} wards`, `${p.surveys} surveys`].join('\t'));
    return 0;
  }
  if (sub === 'grant') {
    const f = flags(rest, { email: { type: 'string' }, slug: { type: 'string' }, role: { type: 'string' } }, ['email', 'slug', 'role']);
    if (!isRole(f.role)) throw new UsageError(`'${f.role}' is not a role: use one of ${ROLES.join(', ')}.`);
    const g = await grantRole(store, f.email!, f.slug!, f.role);
    out(`${g.email} is ${g.role} in ${g.partnership}.`);
    return 0;
  }
  if (sub === 'county') {
    const f = flags(rest, { email: { type: 'string' }, off: { type: 'boolean' } }, ['email']);
    const c = await setCounty(store, f.email!, !f.off);
    out(c.countyReader ? `${c.email} now reads every partnership.` : `${c.email} reads only the partnerships they have a role in.`);
    return 0;
  }
  throw new UsageError(`Unknown partnership command '${sub ?? ''}'.`);
};
