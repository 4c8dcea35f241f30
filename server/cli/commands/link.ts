/**
 * `link create`, `link list`, `link end` and `link delete`: the same services as the officer links page (POST and GET
 * …/links), so a link made here obeys the same rules (label, kind, expiry after today, cap,
 * a label the wave does not have yet) with the same messages.
 */
import { systemClock } from '../../clock.js';
import { createWaveLink, deleteLink, endLink, listWaveLinks } from '../../links/links.js';
import { readFileSync } from 'node:fs';
import { createBulkLinks } from '../../links/bulk.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `link create --survey s --wave w --label "School name" [--expires YYYY-MM-DD] [--max n] [--kind school|channel|single]
link bulk --survey s --wave w --file schools.csv [--expires YYYY-MM-DD] [--max n] [--kind school|channel|single]
link list --survey s --wave w
link end --token t      (stops taking answers now; its answers stay)
link delete --token t   (only a link without answers)`;

/** A number when the flag is one, otherwise the text as typed, for the cap check to name. */
const numberOrText = (value: string | undefined) => (value === undefined || value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value));

export const linkCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  const now = systemClock.now();
  if (sub === 'create') {
    const f = flags(
      rest,
      {
        survey: { type: 'string' },
        wave: { type: 'string' },
        label: { type: 'string' },
        expires: { type: 'string' },
        max: { type: 'string' },
        kind: { type: 'string' },
      },
      ['survey', 'wave', 'label'],
    );
    const request = { label: f.label, kind: f.kind, expires: f.expires, max: numberOrText(f.max) };
    // The service checks the request (kind, expiry, cap) with the route's own schema.
    const link = await createWaveLink(store, f.survey!, f.wave!, request, { now });
    out(link.url);
    return 0;
  }
  if (sub === 'bulk') {
    const f = flags(
      rest,
      {
        survey: { type: 'string' },
        wave: { type: 'string' },
        file: { type: 'string' },
        expires: { type: 'string' },
        max: { type: 'string' },
        kind: { type: 'string' },
      },
      ['survey', 'wave', 'file'],
    );
    const request = { csv: readFileSync(f.file!, 'utf8'), kind: f.kind as 'school' | undefined, expires: f.expires, max: numberOrText(f.max) };
    // All or nothing: a refusal lists every row that cannot be used (printed with exit code 1).
    for (const l of (await createBulkLinks(store, f.survey!, f.wave!, request, { now })).created) out(`${l.url}\t${l.label}`);
    return 0;
  }
  if (sub === 'list') {
    const f = flags(rest, { survey: { type: 'string' }, wave: { type: 'string' } }, ['survey', 'wave']);
    for (const l of (await listWaveLinks(store, f.survey!, f.wave!, now)).links) {
      out(`${l.url}\t${l.label}\t${l.expiresAt?.slice(0, 10) ?? 'no expiry'}\t${l.maxResponses ?? 'no cap'}`);
    }
    return 0;
  }
  if (sub === 'end' || sub === 'delete') {
    const f = flags(rest, { token: { type: 'string' } }, ['token']);
    if (sub === 'end') out((await endLink(store, f.token!, { now })).stateReason);
    else out((await deleteLink(store, f.token!, { now })).message);
    return 0;
  }
  throw new UsageError(`Unknown link command '${sub ?? ''}'.`);
};
