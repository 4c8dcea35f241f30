import { eq } from 'drizzle-orm';
import { links } from '../../store/schema.js';
import { createLink, linkUrl } from '../../surveys/manage.js';
import { findSurvey, findWave } from '../../surveys/surveys.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `link create --survey s --wave w --label "School name" [--expires YYYY-MM-DD] [--max n] [--kind school|channel|single]
link list --survey s --wave w`;

export const linkCommand: Command = (args, { store, out }) => {
  const [sub, ...rest] = args;
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
    if (f.kind && !['school', 'channel', 'single'].includes(f.kind)) throw new UsageError('--kind must be school, channel or single.');
    const max = f.max === undefined ? undefined : Number(f.max);
    const link = createLink(store.db, { slug: f.survey!, wave: f.wave!, label: f.label!, expires: f.expires, max, kind: f.kind as 'school' | undefined });
    out(linkUrl(link.token));
    return 0;
  }
  if (sub === 'list') {
    const f = flags(rest, { survey: { type: 'string' }, wave: { type: 'string' } }, ['survey', 'wave']);
    const wave = findWave(store.db, findSurvey(store.db, f.survey!), f.wave!);
    for (const l of store.db.select().from(links).where(eq(links.waveId, wave.id)).all()) {
      out(`${linkUrl(l.token)}\t${l.label}\t${l.expiresAt?.slice(0, 10) ?? 'no expiry'}\t${l.maxResponses ?? 'no cap'}`);
    }
    return 0;
  }
  throw new UsageError(`Unknown link command '${sub ?? ''}'.`);
};
