/**
 * My account's data part, for every signed-in officer: GET /me, then the changes an officer makes
 * to their own account (PUT /me/password, POST /me/two-factor and …/confirm, POST
 * /me/sign-out-everywhere). Checks that need no server (empty fields, the two typings) are made here.
 */
import { createSignal, onMount } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { signedOut, whenSignedIn } from '../../session';
import { MIN_PASSWORD_LENGTH } from '../accounts/password-rule';
import { AccountView } from './AccountView';
import type { MyAccount, Outcome, PasswordForm, TwoFactorSetup } from './types';
import { endedSessions } from './words';
import './account.css';

const me = client.api.officer.me;

export function AccountPage() {
  const [account, setAccount] = createSignal<MyAccount | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [passwordBusy, setPasswordBusy] = createSignal(false);
  const [passwordOutcome, setPasswordOutcome] = createSignal<Outcome | null>(null);
  const [setup, setSetup] = createSignal<TwoFactorSetup | null>(null);
  const [twoFactorBusy, setTwoFactorBusy] = createSignal(false);
  const [twoFactorOutcome, setTwoFactorOutcome] = createSignal<Outcome | null>(null);
  const [everywhereBusy, setEverywhereBusy] = createSignal(false);
  const [everywhereError, setEverywhereError] = createSignal<string | null>(null);

  async function load() {
    const r = await whenSignedIn(call(me.$get()));
    if (r.kind === 'ok') {
      setAccount(r.value);
      setLoadError(null);
    } else if (r.kind !== 'signed-out') setLoadError(describeFailure(r));
  }
  onMount(() => void load());

  const refused = (message: string): Outcome => ({ ok: false, message });

  async function changePassword(form: PasswordForm): Promise<boolean> {
    setPasswordOutcome(null);
    if (!form.current) return (setPasswordOutcome(refused('Enter your current password.')), false);
    if (form.next.length < MIN_PASSWORD_LENGTH)
      return (setPasswordOutcome(refused(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`)), false);
    if (form.next !== form.again) return (setPasswordOutcome(refused('The two new passwords are not the same. Type the new password twice.')), false);
    setPasswordBusy(true);
    const r = await whenSignedIn(call(me.password.$put({ json: { currentPassword: form.current, newPassword: form.next } })));
    setPasswordBusy(false);
    if (r.kind === 'signed-out') return false;
    if (r.kind !== 'ok') return (setPasswordOutcome(refused(describeFailure(r))), false);
    setPasswordOutcome({ ok: true, message: `Your password is changed. ${endedSessions(r.value.sessionsEnded)}` });
    return true;
  }

  async function startTwoFactor() {
    setTwoFactorOutcome(null);
    setTwoFactorBusy(true);
    const r = await whenSignedIn(call(me['two-factor'].$post()));
    setTwoFactorBusy(false);
    if (r.kind === 'ok') setSetup(r.value);
    else if (r.kind !== 'signed-out') setTwoFactorOutcome(refused(describeFailure(r)));
  }

  async function confirmTwoFactor(code: string) {
    setTwoFactorOutcome(null);
    if (!code.trim()) return setTwoFactorOutcome(refused('Enter the 6-digit code your authenticator app shows.'));
    setTwoFactorBusy(true);
    const r = await whenSignedIn(call(me['two-factor'].confirm.$post({ json: { code: code.trim() } })));
    setTwoFactorBusy(false);
    if (r.kind === 'signed-out') return;
    if (r.kind !== 'ok') return setTwoFactorOutcome(refused(describeFailure(r)));
    setSetup(null);
    setTwoFactorOutcome({ ok: true, message: 'Two-factor sign-in is on: from now on, signing in asks for a code from your app.' });
    await load();
  }

  async function signOutEverywhere() {
    setEverywhereError(null);
    setEverywhereBusy(true);
    const r = await whenSignedIn(call(me['sign-out-everywhere'].$post()));
    setEverywhereBusy(false);
    if (r.kind === 'ok') {
      const n = r.value.sessionsEnded;
      signedOut(`You are signed out everywhere (${n === 1 ? '1 session' : `${n} sessions`} ended). Sign in again to carry on.`);
    } else if (r.kind !== 'signed-out') setEverywhereError(describeFailure(r));
  }

  return (
    <AccountView
      account={account()}
      loadError={loadError()}
      passwordBusy={passwordBusy()}
      passwordOutcome={passwordOutcome()}
      onChangePassword={changePassword}
      setup={setup()}
      twoFactorBusy={twoFactorBusy()}
      twoFactorOutcome={twoFactorOutcome()}
      onStartTwoFactor={() => void startTwoFactor()}
      onConfirmTwoFactor={(code) => void confirmTwoFactor(code)}
      everywhereBusy={everywhereBusy()}
      everywhereError={everywhereError()}
      onSignOutEverywhere={() => void signOutEverywhere()}
    />
  );
}
