/**
 * `priorities show` and `priorities score`: the priority matrix of a year as on the API
 * (GET and PUT /priorities/{year}/scores), through the same service and the same checks.
 */
import { systemClock } from '../../clock.js';
import { BadRequest, Unprocessable } from '../../errors.js';
import { priorityMatrix, ScoresBody, scorePriorities, YearParams } from '../../priorities/matrix.js';
import { type Command, flags, UsageError } from '../io.js';

export const usage = `priorities show --year 2026
priorities score --year 2026 --theme burglary [--threat 1-5] [--risk 1-5] [--harm 1-5] [--vulnerability 1-5] [--capacity 1-5]`;

const CRITERIA = ['threat', 'risk', 'harm', 'vulnerability', 'capacity'] as const;

function checkedYear(value: string | undefined): string {
  const r = YearParams.safeParse({ year: value ?? '' });
  if (!r.success) throw new BadRequest(r.error.issues[0].message);
  return r.data.year;
}

export const prioritiesCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  const show = async (year: string) => {
    const m = await priorityMatrix(store, year);
    out(`rank\tscore\ttheme\t${CRITERIA.join('\t')}\tscored by`);
    for (const r of m.rows) out([r.rank ?? '', r.score ?? '', r.label, ...CRITERIA.map((k) => r.scores[k] ?? ''), r.scoredBy ?? ''].join('\t'));
  };
  if (sub === 'show') {
    const f = flags(rest, { year: { type: 'string' } }) as Record<string, string | undefined>;
    await show(checkedYear(f.year));
    return 0;
  }
  if (sub === 'score') {
    const f = flags(rest, {
      year: { type: 'string' },
      theme: { type: 'string' },
      ...Object.fromEntries(CRITERIA.map((k) => [k, { type: 'string' as const }])),
    }) as Record<string, string | undefined>;
    const year = checkedYear(f.year);
    const scores = Object.fromEntries(CRITERIA.filter((k) => f[k] !== undefined).map((k) => [k, Number(f[k])]));
    const body = ScoresBody.safeParse({ theme: f.theme, scores });
    if (!body.success) throw new Unprocessable(body.error.issues[0].message);
    await scorePriorities(store, year, body.data, { now: systemClock.now() });
    await show(year);
    return 0;
  }
  throw new UsageError(`Unknown priorities command '${sub ?? ''}'.`);
};
