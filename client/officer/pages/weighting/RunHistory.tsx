/**
 * The weighting runs' data part: the chosen wave's runs, fetched again whenever the latest run
 * changes (a new run, a restore), and restoring one, after which the page fetches the latest run.
 */
import { createEffect, createSignal, on } from 'solid-js';
import { call, describeFailure } from '../../api';
import { whenSignedIn } from '../../session';
import { RunHistoryView } from './RunHistoryView';
import { type WeightingHistory, type WeightingRunSummary, weightingEndpoint as weighting } from './types';

export function RunHistory(props: { slug: string; wave: string; latestAt: string | null; canRestore: boolean; onRestored(): void }) {
  const [runs, setRuns] = createSignal<WeightingHistory | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [restoring, setRestoring] = createSignal(false);
  const [status, setStatus] = createSignal<string | null>(null);

  async function load(slug: string, wave: string) {
    const r = await whenSignedIn(call(weighting.runs.$get({ param: { slug, wave } })));
    if (slug !== props.slug || wave !== props.wave) return;
    if (r.kind !== 'ok') return setError(`The past runs could not be loaded: ${describeFailure(r)}`);
    setError(null);
    setRuns(r.value);
  }

  createEffect(
    on([() => props.slug, () => props.wave], () => {
      setRuns(null);
      setStatus(null);
    }),
  );
  createEffect(
    on([() => props.slug, () => props.wave, () => props.latestAt], ([slug, wave]) => {
      if (slug && wave) void load(slug, wave);
    }),
  );

  async function restore(run: WeightingRunSummary) {
    setRestoring(true);
    setStatus(null);
    setError(null);
    const r = await whenSignedIn(call(weighting.runs[':run'].restore.$post({ param: { slug: props.slug, wave: props.wave, run: String(run.id) } })));
    setRestoring(false);
    if (r.kind !== 'ok') return setError(`The run could not be restored: ${describeFailure(r)}`);
    setStatus(r.value.message);
    props.onRestored();
    await load(props.slug, props.wave);
  }

  return (
    <RunHistoryView
      wave={props.wave}
      runs={runs()}
      error={error()}
      canRestore={props.canRestore}
      restoring={restoring()}
      status={status()}
      onRestore={(run) => void restore(run)}
    />
  );
}
