/** What happened to the submission: sending, refused (with the questions at fault) or offline. Pure view. */
import { For, Match, Show, Switch, createEffect } from 'solid-js';
import { messagesFor, type Messages } from './messages';
import type { SubmitState } from './model';

export function SubmitStatus(props: { state: SubmitState; onRetry: () => void; onGoTo: (question: string) => void; messages?: Messages }) {
  const t = () => props.messages ?? messagesFor('en');
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
          <p class="notice">{t().sending}</p>
        </Match>
        <Match when={props.state.kind === 'offline'}>
          <div class="problem" role="alert" tabindex="-1" ref={box}>
            <h2>{t().notSentHeading}</h2>
            <p>{t().notSentText}</p>
            <button type="button" class="action" onClick={() => props.onRetry()}>
              {t().tryAgain}
            </button>
          </div>
        </Match>
        <Match when={props.state.kind === 'refused' && props.state}>
          {(refused) => (
            <div class="problem" role="alert" tabindex="-1" ref={box} data-testid="submit-refused">
              <h2>{refused().problems.length ? t().checkAnswers : t().notStored}</h2>
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
                <p>{t().changeAndComplete}</p>
              </Show>
            </div>
          )}
        </Match>
      </Switch>
    </div>
  );
}
