import { addWave, changeWave } from '../../surveys/manage.js';
import { flags, UsageError, type Command } from '../io.js';

export const usage = `wave create --survey s --name w [--opens YYYY-MM-DD] [--closes YYYY-MM-DD]
wave open --survey s --name w
wave close --survey s --name w`;

export const waveCommand: Command = async (args, { store, out }) => {
  const [sub, ...rest] = args;
  const opts = { survey: { type: 'string' }, name: { type: 'string' }, opens: { type: 'string' }, closes: { type: 'string' } } as const;
  if (sub === 'create') {
    const f = flags(rest, opts, ['survey', 'name']);
    // The officer API's own service: the same name and date checks, audited (with no officer).
    const { wave } = await addWave(store, null, f.survey!, { name: f.name!, opens: f.opens, closes: f.closes });
    out(`Created wave ${wave.name} of ${f.survey} (not open yet: run wave open).`);
    return 0;
  }
  if (sub === 'open' || sub === 'close') {
    const f = flags(rest, { survey: opts.survey, name: opts.name }, ['survey', 'name']);
    // Opening closes the survey's other open wave, and the message says so, as on the Surveys page.
    const { message } = await changeWave(store, null, f.survey!, f.name!, { status: sub === 'open' ? 'open' : 'closed' });
    out(message);
    return 0;
  }
  throw new UsageError(`Unknown wave command '${sub ?? ''}'.`);
};
