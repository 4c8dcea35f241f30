/**
 * The weighting runs of a wave as a pure view: each run (when, method and targets, responses,
 * effective base, margin of error), which is current, and for roles that may run weighting
 * "Restore this run", which asks once more before it makes that run's weights current again.
 */
import { createSignal, For, Show } from 'solid-js';
import { ErrorAlert, Status } from '../../components/feedback';
import { count, dateTime, pct } from '../../format';
import type { WeightingHistory, WeightingRunSummary } from './types';
import { methodText } from './weighting-words';

export interface RunHistoryViewProps {
  wave: string;
  runs: WeightingHistory | null;
  error: string | null;
  canRestore: boolean;
  restoring: boolean;
  status: string | null;
  onRestore(run: WeightingRunSummary): void;
}

export function RunHistoryView(props: RunHistoryViewProps) {
  const [asking, setAsking] = createSignal<number | null>(null);
  const when = (id: number | null) => {
    const r = props.runs?.find((x) => x.id === id);
    return r ? dateTime(r.createdAt) : 'an earlier run';
  };
  return (
    <section class="card run-history" aria-labelledby="run-history-heading">
      <h2 id="run-history-heading">Past weighting runs of wave {props.wave}</h2>
      <Status message={props.status} />
      <ErrorAlert message={props.error} />
      <Show when={props.runs}>
        {(runs) => (
          <Show when={runs().length} fallback={<p>This wave has not been weighted yet.</p>}>
            <p class="hint">
              Every run is kept with its weights. Restoring one makes its weights current again: the results, downloads and committee report then use them.
            </p>
            <div class="table-scroll">
              <table class="data runs-table">
                <caption>Weighting runs of wave {props.wave}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Method and targets</th>
                    <th scope="col" class="num">
                      Responses
                    </th>
                    <th scope="col" class="num">
                      Effective base
                    </th>
                    <th scope="col" class="num">
                      Margin of error
                    </th>
                    <th scope="col">State</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={runs()}>
                    {(r) => (
                      <tr data-run={r.id} classList={{ 'is-current': r.current }}>
                        <th scope="row">{dateTime(r.createdAt)}</th>
                        <td>
                          {methodText(r.method, r.variables)}
                          {r.illustrative ? ' (illustrative targets)' : ''}
                          <Show when={r.restoredFrom}>{(from) => <span class="hint"> Restored from the run of {when(from())}.</span>}</Show>
                        </td>
                        <td class="num">{count(r.n)}</td>
                        <td class="num">{count(Math.round(r.nEffective))}</td>
                        <td class="num">±{pct(r.marginOfError)}</td>
                        <td>
                          <Show when={!r.current} fallback={<strong>Current</strong>}>
                            <Show when={r.restorable} fallback={<span class="hint">Weights not kept (an older run)</span>}>
                              <Show when={props.canRestore} fallback={<span>Past run</span>}>
                                <Show
                                  when={asking() === r.id}
                                  fallback={
                                    <button type="button" class="secondary small" disabled={props.restoring} onClick={() => setAsking(r.id)}>
                                      Restore this run<span class="visually-hidden"> of {dateTime(r.createdAt)}</span>
                                    </button>
                                  }
                                >
                                  <div class="confirm-restore" role="group" aria-label={`Restore the run of ${dateTime(r.createdAt)}`}>
                                    <p>Make this run's weights current again?</p>
                                    <button
                                      type="button"
                                      class="small"
                                      disabled={props.restoring}
                                      onClick={() => {
                                        setAsking(null);
                                        props.onRestore(r);
                                      }}
                                    >
                                      Yes, restore it
                                    </button>{' '}
                                    <button type="button" class="secondary small" disabled={props.restoring} onClick={() => setAsking(null)}>
                                      No
                                    </button>
                                  </div>
                                </Show>
                              </Show>
                            </Show>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Show>
    </section>
  );
}
