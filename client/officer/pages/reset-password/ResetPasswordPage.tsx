/**
 * The reset page's data part: the one-time code from the address (#code=…, never sent to the
 * server in the request line or logs) or typed, and the new password, sent to POST /password-reset.
 */
import { createSignal } from 'solid-js';
import { call, client, describeFailure } from '../../api';
import { MIN_PASSWORD_LENGTH } from '../accounts/password-rule';
import { ResetPasswordView } from './ResetPasswordView';
import type { ResetDone, ResetForm } from './types';

function codeFromAddress(): string {
  return new URLSearchParams(location.hash.slice(1)).get('code') ?? '';
}

export function ResetPasswordPage() {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<ResetDone | null>(null);

  async function submit(form: ResetForm) {
    setError(null);
    if (!form.code.trim()) return setError('Enter the reset code your admin gave you.');
    if (form.password.length < MIN_PASSWORD_LENGTH) return setError(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters.`);
    if (form.password !== form.again) return setError('The two passwords are not the same. Type the new password twice.');
    setBusy(true);
    const r = await call(client.api.officer['password-reset'].$post({ json: { code: form.code.trim(), password: form.password } }));
    setBusy(false);
    if (r.kind !== 'ok') return setError(r.kind === 'offline' ? describeFailure(r) : r.message);
    // The code is used: it should not stay in the address bar or history.
    history.replaceState(null, '', location.pathname);
    setDone(r.value);
  }

  return <ResetPasswordView code={codeFromAddress()} busy={busy()} error={error()} done={done()} onSubmit={(f) => void submit(f)} />;
}
