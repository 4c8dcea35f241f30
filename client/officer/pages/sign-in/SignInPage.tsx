/**
 * The sign-in page's data part: sends the credentials and reports who signed in. An account with
 * two-factor sign-in is answered "code required" (401, `codeRequired`): the page then asks for the
 * app's code as well and sends all three again.
 */
import { createResource, createSignal } from 'solid-js';
import { api, call, client, describeFailure } from '../../api';
import type { Officer } from '../../officer-types';
import { SignInView } from './SignInView';
import { asksForCode, type SignInForm, type SignInStep } from './types';

export function SignInPage(props: { notice: string | null; onSignedIn(officer: Officer): void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [step, setStep] = createSignal<SignInStep>('password');
  async function submit({ email, password, code }: SignInForm) {
    if (!email || !password) return setError('Enter your email and password.');
    if (step() === 'code' && !code?.trim()) return setError('Enter the 6-digit code from your authenticator app.');
    setBusy(true);
    setError(null);
    const r = await api.login(email, password, step() === 'code' ? code?.trim() : undefined);
    setBusy(false);
    if (r.kind === 'ok') return props.onSignedIn({ email: r.value.email, role: r.value.role });
    if (r.kind === 'signed-out' && asksForCode(r.body)) {
      // The first time this is the request for a code (the field's hint says it), not a mistake.
      if (step() === 'code') setError(r.message);
      else setStep('code');
      return;
    }
    if (r.kind === 'signed-out') setStep('password');
    setError(r.kind === 'signed-out' ? `${r.message} Check both and try again.` : describeFailure(r));
  }
  // Single sign-on, when the server has it: the button returns to the page the officer set out for.
  const [options] = createResource(() => call(client.api.officer['sign-in-options'].$get()));
  const sso = () => {
    const r = options();
    if (r?.kind !== 'ok' || !r.value.oidc) return null;
    const next = new URLSearchParams(location.search).get('next');
    return { label: r.value.oidc.label, href: next ? `${r.value.oidc.startUrl}?next=${encodeURIComponent(next)}` : r.value.oidc.startUrl };
  };
  return <SignInView busy={busy()} error={error()} step={step()} notice={props.notice} sso={sso()} onSubmit={(f) => void submit(f)} />;
}
