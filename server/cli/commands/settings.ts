/**
 * `settings show` and `settings set`: the council's details as on the Accounts page (GET and
 * PUT /settings, the logo PUT /settings/logo), through the same service and checks. `set` changes
 * only the flags given; `--clear-logo` removes the logo.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { systemClock } from '../../clock.js';
import { councilSettings, removeCouncilLogo, setCouncilLogo, updateCouncilSettings } from '../../settings/settings.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `settings show
settings set [--council-name n] [--contact-email e] [--contact-phone p] [--postal-address a] [--dpo-contact d] [--logo file.png|file.svg] [--clear-logo]`;

const FIELDS = {
  'council-name': 'councilName',
  'contact-email': 'contactEmail',
  'contact-phone': 'contactPhone',
  'postal-address': 'postalAddress',
  'dpo-contact': 'dpoContact',
} as const;

export const settingsCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  const now = systemClock.now();
  const show = async () => {
    const s = await councilSettings(store);
    if (!s.set) out('No council details yet: set them with settings set --council-name "…".');
    for (const [flag, key] of Object.entries(FIELDS)) out(`${flag}\t${s[key] ?? ''}`);
    out(`logo\t${s.logo ? 'set' : 'none'}`);
  };
  if (sub === 'show') {
    flags(rest, {});
    await show();
    return 0;
  }
  if (sub === 'set') {
    const f = flags(rest, {
      ...Object.fromEntries(Object.keys(FIELDS).map((k) => [k, { type: 'string' as const }])),
      logo: { type: 'string' },
      'clear-logo': { type: 'boolean' },
    }) as Record<string, string | boolean | undefined>;
    const current = await councilSettings(store);
    const text = Object.entries(FIELDS).some(([flag]) => f[flag] !== undefined);
    if (!text && f.logo === undefined && !f['clear-logo']) throw new UsageError('Give at least one detail to set.');
    if (text) {
      const request = Object.fromEntries(Object.entries(FIELDS).map(([flag, key]) => [key, (f[flag] as string | undefined) ?? current[key] ?? '']));
      await updateCouncilSettings(store, request, { now });
    }
    if (typeof f.logo === 'string') {
      const type = extname(f.logo).toLowerCase() === '.svg' ? 'image/svg+xml' : extname(f.logo).toLowerCase() === '.png' ? 'image/png' : undefined;
      await setCouncilLogo(store, readFileSync(f.logo), type, { now });
    }
    if (f['clear-logo']) await removeCouncilLogo(store, { now });
    await show();
    return 0;
  }
  throw new UsageError(`Unknown settings command '${sub ?? ''}'.`);
};
