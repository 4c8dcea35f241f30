/** The sign-in form as a pure view: labelled fields, the error announced (role=alert) and focused. */
import { createEffect, Show } from 'solid-js';

export interface SignInViewProps {
  busy: boolean;
  error: string | null;
  notice: string | null;
  /** Single sign-on's button (a link: the provider is another site), or null when not configured. */
  sso?: { label: string; href: string } | null;
  onSubmit(email: string, password: string): void;
}

export function SignInView(props: SignInViewProps) {
  let email!: HTMLInputElement;
  let password!: HTMLInputElement;
  createEffect(() => {
    // A failed attempt leaves the password empty and the cursor there, ready for another try.
    if (props.error && password) {
      password.value = '';
      password.focus();
    }
  });
  return (
    <form
      class="sign-in"
      aria-labelledby="sign-in-heading"
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(email.value.trim(), password.value);
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
        <input ref={email} id="email" name="email" type="email" autocomplete="username" required aria-describedby={props.error ? 'sign-in-error' : undefined} />
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
          aria-describedby={props.error ? 'sign-in-error' : undefined}
        />
      </div>
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
