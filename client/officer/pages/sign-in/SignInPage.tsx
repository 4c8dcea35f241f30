/** The sign-in page's data part: sends the credentials and reports who signed in. */
import { createResource, createSignal } from 'solid-js';
import { api, call, client, describeFailure } from '../../api';
import type { Officer } from '../../officer-types';
import { SignInView } from './SignInView';

export function SignInPage(props: { notice: string | null; onSignedIn(officer: Officer): void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  async function submit(email: string, password: string) {
    if (!email || !password) return setError('Enter your email and password.');
    setBusy(true);
    setError(null);
    const r = await api.login(email, password);
    setBusy(false);
    if (r.kind === 'ok') return props.onSignedIn({ email: r.value.email, role: r.value.role });
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
  return <SignInView busy={busy()} error={error()} notice={props.notice} sso={sso()} onSubmit={submit} />;
}
