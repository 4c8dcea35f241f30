/**
 * My account as a pure view: who is signed in and their latest sign-ins, changing the password
 * (the rule shown, the server's refusals announced), two-factor sign-in (the QR code and the key
 * as text, confirmed with a code) and signing out everywhere. Each form's outcome is announced in
 * a live region; a refusal is focused so it is read at once.
 */
import { createEffect, type JSX, Show } from 'solid-js';
import { PASSWORD_RULE } from '../accounts/password-rule';
import type { MyAccount, Outcome, PasswordForm, TwoFactorSetup } from './types';
import { groupedSecret, longDateTime, ROLE_NAMES } from './words';

export interface AccountViewProps {
  account: MyAccount | null;
  loadError: string | null;
  passwordBusy: boolean;
  passwordOutcome: Outcome | null;
  onChangePassword(form: PasswordForm): Promise<boolean>;
  setup: TwoFactorSetup | null;
  twoFactorBusy: boolean;
  twoFactorOutcome: Outcome | null;
  onStartTwoFactor(): void;
  onConfirmTwoFactor(code: string): void;
  everywhereBusy: boolean;
  everywhereError: string | null;
  onSignOutEverywhere(): void;
}

/** An outcome: a status when it worked, an alert (focused) when it did not. */
function OutcomeBox(props: { id: string; outcome: Outcome | null }) {
  let alert!: HTMLDivElement;
  createEffect(() => {
    if (props.outcome && !props.outcome.ok) alert.focus();
  });
  return (
    <>
      <div role="status" id={`${props.id}-status`}>
        <Show when={props.outcome?.ok}>
          <p class="status">{props.outcome?.message}</p>
        </Show>
      </div>
      <div ref={alert} tabindex="-1" role="alert" id={`${props.id}-error`} class={props.outcome && !props.outcome.ok ? 'error' : undefined}>
        {props.outcome && !props.outcome.ok ? props.outcome.message : ''}
      </div>
    </>
  );
}

function When(props: { iso: string | null; none: string }): JSX.Element {
  return <>{props.iso ? <time datetime={props.iso}>{longDateTime(props.iso)}</time> : props.none}</>;
}

function Summary(props: { account: MyAccount }) {
  return (
    <section class="my-account-part" aria-labelledby="my-account-summary">
      <h3 id="my-account-summary">Your account</h3>
      <dl class="my-account-facts">
        <dt>Email</dt>
        <dd>{props.account.email}</dd>
        <dt>Role</dt>
        <dd>{ROLE_NAMES[props.account.role]}</dd>
        <dt>Two-factor sign-in</dt>
        <dd>{props.account.twoFactor ? 'On' : 'Off'}</dd>
        <dt>Latest sign-in</dt>
        <dd>
          <When iso={props.account.lastSignInAt} none="None recorded" />
        </dd>
        <dt>The sign-in before that</dt>
        <dd>
          <When iso={props.account.previousSignInAt} none="None recorded" />
        </dd>
      </dl>
      <p class="hint">If you don't recognise a sign-in, change your password and sign out everywhere.</p>
    </section>
  );
}

function PasswordPart(props: Pick<AccountViewProps, 'passwordBusy' | 'passwordOutcome' | 'onChangePassword'>) {
  let current!: HTMLInputElement;
  let next!: HTMLInputElement;
  let again!: HTMLInputElement;
  return (
    <section class="my-account-part" aria-labelledby="my-account-password">
      <h3 id="my-account-password">Change your password</h3>
      <form
        novalidate
        onSubmit={async (e) => {
          e.preventDefault();
          const changed = await props.onChangePassword({ current: current.value, next: next.value, again: again.value });
          if (changed) for (const f of [current, next, again]) f.value = '';
        }}
      >
        <p>Your other sessions end when you change it; this one stays signed in.</p>
        <div class="field">
          <label for="current-password">Current password</label>
          <input ref={current} id="current-password" name="current-password" type="password" autocomplete="current-password" />
        </div>
        <div class="field">
          <label for="new-password">New password</label>
          <input ref={next} id="new-password" name="new-password" type="password" autocomplete="new-password" aria-describedby="new-password-rule" />
          <p id="new-password-rule" class="hint">
            {PASSWORD_RULE}
          </p>
        </div>
        <div class="field">
          <label for="new-password-again">New password again</label>
          <input ref={again} id="new-password-again" name="new-password-again" type="password" autocomplete="new-password" />
        </div>
        <OutcomeBox id="password" outcome={props.passwordOutcome} />
        <button type="submit" disabled={props.passwordBusy}>
          {props.passwordBusy ? 'Changing the password…' : 'Change the password'}
        </button>
      </form>
    </section>
  );
}

function TwoFactorPart(props: Pick<AccountViewProps, 'account' | 'setup' | 'twoFactorBusy' | 'twoFactorOutcome' | 'onStartTwoFactor' | 'onConfirmTwoFactor'>) {
  let code: HTMLInputElement | undefined;
  let steps: HTMLHeadingElement | undefined;
  // A new key on screen: start reading at its steps.
  createEffect(() => props.setup && steps?.focus());
  return (
    <section class="my-account-part" aria-labelledby="my-account-two-factor">
      <h3 id="my-account-two-factor">Two-factor sign-in</h3>
      <Show
        when={!props.account?.twoFactor}
        fallback={
          <p>
            On: signing in asks for the 6-digit code your authenticator app shows, as well as your password. If you lose the phone, ask an admin to remove
            two-factor sign-in from your account, then set it up again here.
          </p>
        }
      >
        <Show
          when={props.setup}
          fallback={
            <>
              <p>
                Off. With it on, signing in also asks for a 6-digit code from an authenticator app on your phone (any app for "time-based" codes), so a stolen
                password is not enough.
              </p>
              <button type="button" onClick={() => props.onStartTwoFactor()} disabled={props.twoFactorBusy}>
                {props.twoFactorBusy ? 'Setting up…' : 'Set up two-factor sign-in'}
              </button>
            </>
          }
        >
          {(s) => (
            <div class="two-factor-setup">
              <h4 ref={steps} tabindex="-1">
                Add your account to the app
              </h4>
              <ol>
                <li>
                  <p>In your authenticator app, add an account and scan this QR code:</p>
                  <div class="qr-code" innerHTML={s().qrSvg} />
                </li>
                <li>
                  <p>Or, if you can't scan it, type this key (time-based, 6 digits):</p>
                  <p>
                    <code class="totp-key">{groupedSecret(s().secret)}</code>
                  </p>
                </li>
                <li>
                  <form
                    novalidate
                    onSubmit={(e) => {
                      e.preventDefault();
                      props.onConfirmTwoFactor(code?.value ?? '');
                    }}
                  >
                    <div class="field">
                      <label for="two-factor-code">6-digit code</label>
                      <p id="two-factor-code-hint" class="hint">
                        The code the app now shows for this account. Two-factor sign-in is on once it is accepted.
                      </p>
                      <input
                        ref={code}
                        id="two-factor-code"
                        name="code"
                        type="text"
                        inputmode="numeric"
                        autocomplete="one-time-code"
                        spellcheck={false}
                        maxlength={20}
                        aria-describedby="two-factor-code-hint"
                      />
                    </div>
                    <button type="submit" disabled={props.twoFactorBusy}>
                      {props.twoFactorBusy ? 'Checking the code…' : 'Turn on two-factor sign-in'}
                    </button>
                  </form>
                </li>
              </ol>
            </div>
          )}
        </Show>
      </Show>
      <OutcomeBox id="two-factor" outcome={props.twoFactorOutcome} />
    </section>
  );
}

function EverywherePart(props: Pick<AccountViewProps, 'everywhereBusy' | 'everywhereError' | 'onSignOutEverywhere'>) {
  return (
    <section class="my-account-part" aria-labelledby="my-account-everywhere">
      <h3 id="my-account-everywhere">Sign out everywhere</h3>
      <p>Ends every session of your account, on every computer and phone, this one too. You then sign in again.</p>
      <OutcomeBox id="everywhere" outcome={props.everywhereError ? { ok: false, message: props.everywhereError } : null} />
      <button type="button" class="secondary" onClick={() => props.onSignOutEverywhere()} disabled={props.everywhereBusy}>
        {props.everywhereBusy ? 'Signing out…' : 'Sign out everywhere'}
      </button>
    </section>
  );
}

export function AccountView(props: AccountViewProps) {
  return (
    <>
      <h2 tabindex="-1" class="page-heading">
        My account
      </h2>
      <Show when={props.loadError}>
        <p class="error" role="alert">
          {props.loadError}
        </p>
      </Show>
      <Show when={props.account} fallback={<Show when={!props.loadError}>{<p role="status">Loading your account…</p>}</Show>}>
        {(a) => (
          <div class="my-account">
            <Summary account={a()} />
            <PasswordPart passwordBusy={props.passwordBusy} passwordOutcome={props.passwordOutcome} onChangePassword={props.onChangePassword} />
            <TwoFactorPart
              account={a()}
              setup={props.setup}
              twoFactorBusy={props.twoFactorBusy}
              twoFactorOutcome={props.twoFactorOutcome}
              onStartTwoFactor={props.onStartTwoFactor}
              onConfirmTwoFactor={props.onConfirmTwoFactor}
            />
            <EverywherePart everywhereBusy={props.everywhereBusy} everywhereError={props.everywhereError} onSignOutEverywhere={props.onSignOutEverywhere} />
          </div>
        )}
      </Show>
    </>
  );
}
