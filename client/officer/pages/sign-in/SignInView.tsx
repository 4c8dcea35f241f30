/**
 * The sign-in form as a pure view: labelled fields, the error announced (role=alert) and focused.
 * At the 'code' step the email and password stay filled in and a 6-digit code field joins them.
 */
import { createEffect, on, Show } from 'solid-js';
import type { SignInForm, SignInStep } from './types';

export interface SignInViewProps {
  busy: boolean;
  error: string | null;
  /** 'code' once the account has asked for its authenticator app's code. */
  step?: SignInStep;
  notice: string | null;
  /** Single sign-on's button (a link: the provider is another site), or null when not configured. */
  sso?: { label: string; href: string } | null;
  onSubmit(form: SignInForm): void;
}

export function SignInView(props: SignInViewProps) {
  let email!: HTMLInputElement;
  let password!: HTMLInputElement;
  let code: HTMLInputElement | undefined;
  const atCode = () => props.step === 'code';
  createEffect(() => {
    // A failed attempt empties the field at fault and puts the cursor there, ready for another try.
    if (!props.error) return;
    const field = atCode() && code ? code : password;
    if (!field) return;
    field.value = '';
    field.focus();
  });
  // Asked for the code: straight to its field (the email and password are kept).
  createEffect(on(atCode, (now) => now && code?.focus(), { defer: true }));
  const describedBy = (...ids: (string | false)[]) => ids.filter(Boolean).join(' ') || undefined;
  return (
    <form
      class="sign-in"
      aria-labelledby="sign-in-heading"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit({ email: email.value.trim(), password: password.value, code: atCode() ? code?.value : undefined });
      }}
    >
      <h2 id="sign-in-heading" tabindex="-1" class="page-heading">
        Sign in
      </h2>
      <Show when={props.notice}>
        <p class="notice">{props.notice}</p>
      </Show>
      <div class="field">
        <label for="email">Email</label>
        <input
          ref={email}
          id="email"
          name="email"
          type="email"
          autocomplete="username"
          required
          aria-describedby={describedBy(!atCode() && !!props.error && 'sign-in-error')}
        />
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input
          ref={password}
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          aria-describedby={describedBy(!atCode() && !!props.error && 'sign-in-error')}
        />
      </div>
      <Show when={atCode()}>
        <div class="field">
          <label for="sign-in-code">6-digit code</label>
          <p id="sign-in-code-hint" class="hint">
            Your account signs in with two factors: enter the code your authenticator app shows now.
          </p>
          <input
            ref={code}
            id="sign-in-code"
            name="code"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck={false}
            maxlength={20}
            required
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={describedBy('sign-in-code-hint', !!props.error && 'sign-in-error')}
          />
        </div>
      </Show>
      <div role="alert" id="sign-in-error" class={props.error ? 'error' : undefined}>
        {props.error ?? ''}
      </div>
      <button type="submit" disabled={props.busy}>
        {props.busy ? 'Signing in…' : 'Sign in'}
      </button>
      <Show when={props.sso}>
        {(sso) => (
          <p class="sign-in-sso">
            <a href={sso().href}>{sso().label}</a>
          </p>
        )}
      </Show>
      <p class="hint sign-in-accessibility">
        <a href="/accessibility">Accessibility statement</a>
      </p>
    </form>
  );
}
