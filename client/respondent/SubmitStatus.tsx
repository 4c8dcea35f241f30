/** What happened to the submission: sending, refused (with the questions at fault) or offline. Pure view. */
import { For, Match, Show, Switch, createEffect } from 'solid-js';
import type { SubmitState } from './model';

export function SubmitStatus(props: { state: SubmitState; onRetry: () => void; onGoTo: (question: string) => void }) {
  let box: HTMLDivElement | undefined;
  // Move focus to a problem so keyboard and screen-reader users hear it at once.
  createEffect(() => {
    const kind = props.state.kind;
    if ((kind === 'refused' || kind === 'offline') && box) {
      box.focus();
      box.scrollIntoView({ block: 'center' });
    }
  });
  return (
    <div class="submit-status" aria-live="polite">
      <Switch>
        <Match when={props.state.kind === 'sending'}>
          <p class="notice">Sending your answers…</p>
        </Match>
        <Match when={props.state.kind === 'offline'}>
          <div class="problem" role="alert" tabindex="-1" ref={box}>
            <h2>Your answers have not been sent yet</h2>
            <p>We could not reach the survey server. Your answers are kept on this device. Check your connection, then try again.</p>
            <button type="button" class="action" onClick={() => props.onRetry()}>
              Try again
            </button>
          </div>
        </Match>
        <Match when={props.state.kind === 'refused' && props.state}>
          {(refused) => (
            <div class="problem" role="alert" tabindex="-1" ref={box} data-testid="submit-refused">
              <h2>{refused().problems.length ? 'Please check these answers' : 'Your answers could not be stored'}</h2>
              <p>{refused().message}</p>
              <Show when={refused().problems.length}>
                <ul>
                  <For each={refused().problems}>
                    {(p) => (
                      <li>
                        <button type="button" class="link-button" onClick={() => props.onGoTo(p.question)}>
                          {p.title}
                        </button>
                        : {p.message}
                      </li>
                    )}
                  </For>
                </ul>
                <p>Change the answers above, then press Complete again.</p>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
