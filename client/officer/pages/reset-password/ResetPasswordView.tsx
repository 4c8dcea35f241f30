/** The reset form as a pure view: the code, the new password twice, the rule, errors announced and focused. */
import { createEffect, Show } from 'solid-js';
import { PASSWORD_RULE } from '../accounts/password-rule';
import type { ResetDone, ResetForm } from './types';

export interface ResetPasswordViewProps {
  /** The code from the link, if it came with one. */
  code: string;
  busy: boolean;
  error: string | null;
  done: ResetDone | null;
  onSubmit(form: ResetForm): void;
}

export function ResetPasswordView(props: ResetPasswordViewProps) {
  let code!: HTMLInputElement;
  let password!: HTMLInputElement;
  let again!: HTMLInputElement;
  let errorBox!: HTMLDivElement;
  createEffect(() => {
    if (props.error) errorBox?.focus();
  });
  return (
    <section class="sign-in" aria-labelledby="reset-heading">
      <h2 id="reset-heading" tabindex="-1" class="page-heading">
        Set a new password
      </h2>
      <Show
        when={props.done}
        fallback={
          <form
            novalidate
            onSubmit={(e) => {
              e.preventDefault();
              props.onSubmit({ code: code.value, password: password.value, again: again.value });
            }}
          >
            <p>Use the code your admin gave you. It works once, for 24 hours. Your other sessions end when the password is set.</p>
            <div class="field">
              <label for="reset-code">Reset code</label>
              <input ref={code} id="reset-code" name="code" type="text" autocomplete="one-time-code" spellcheck={false} value={props.code} />
            </div>
            <div class="field">
              <label for="reset-password">New password</label>
              <input ref={password} id="reset-password" name="password" type="password" autocomplete="new-password" aria-describedby="reset-rule" />
              <p id="reset-rule" class="hint">
                {PASSWORD_RULE}
              </p>
            </div>
            <div class="field">
              <label for="reset-again">New password again</label>
              <input ref={again} id="reset-again" name="again" type="password" autocomplete="new-password" />
            </div>
            <div ref={errorBox} tabindex="-1" role="alert" id="reset-error" class={props.error ? 'error' : undefined}>
              {props.error ?? ''}
            </div>
            <button type="submit" disabled={props.busy}>
              {props.busy ? 'Setting the password…' : 'Set the password'}
            </button>
          </form>
        }
      >
        {(d) => (
          <div role="status">
            <p>The password for {d().email} is set.</p>
            <p>
              <a href="/officer/sign-in">Sign in with it</a>
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
