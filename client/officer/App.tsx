/**
 * The officer workspace shell: who is signed in, and which page to show. Pages live at
 * /officer/sign-in and /officer/results; results need a session, so an anonymous visit is sent
 * to sign-in and comes back after it.
 */
import { createSignal, Match, onMount, Show, Switch } from 'solid-js';
import { api, type Officer } from './api';
import { ResultsPage } from './ResultsPage';
import { SignInPage } from './SignInPage';

type Page = 'sign-in' | 'results' | 'checking';

const PATHS: Record<Exclude<Page, 'checking'>, string> = { 'sign-in': '/officer/sign-in', results: '/officer/results' };

function go(page: Exclude<Page, 'checking'>, replace = false) {
  if (location.pathname !== PATHS[page]) history[replace ? 'replaceState' : 'pushState'](null, '', PATHS[page]);
}

export function App() {
  const [officer, setOfficer] = createSignal<Officer | null>(null);
  const [page, setPage] = createSignal<Page>('checking');
  const [notice, setNotice] = createSignal<string | null>(null);

  function show(next: Exclude<Page, 'checking'>, replace = false) {
    go(next, replace);
    setPage(next);
    document.title = `${next === 'results' ? 'Results' : 'Sign in'} – officer workspace`;
    // Move focus to the new page's heading so keyboard and screen-reader users start there.
    queueMicrotask(() => document.querySelector<HTMLElement>('main .page-heading')?.focus());
  }

  function signedOut(message: string | null) {
    setOfficer(null);
    setNotice(message);
    show('sign-in', true);
  }

  onMount(async () => {
    const me = await api.me();
    if (me.kind === 'ok') {
      setOfficer({ email: me.value.email, role: me.value.role });
      show('results', true);
    } else {
      signedOut(location.pathname.startsWith(PATHS.results) ? 'Sign in to see the results.' : null);
    }
    addEventListener('popstate', () => {
      const wanted = location.pathname.startsWith(PATHS.results) && officer() ? 'results' : 'sign-in';
      show(wanted, true);
    });
  });

  async function signOut() {
    await api.logout();
    signedOut('You are signed out.');
  }

  return (
    <>
      <header class="top">
        <h1 tabindex="-1">Community safety surveys – officer workspace</h1>
        <Show when={officer()}>
          {(o) => (
            <div class="who">
              <span>
                Signed in as {o().email} ({o().role})
              </span>
              <button type="button" class="secondary" onClick={signOut}>
                Sign out
              </button>
            </div>
          )}
        </Show>
      </header>
      <main>
        <Switch>
          <Match when={page() === 'checking'}>
            <p>Loading…</p>
          </Match>
          <Match when={page() === 'sign-in'}>
            <SignInPage
              notice={notice()}
              onSignedIn={(o) => {
                setOfficer(o);
                setNotice(null);
                show('results');
              }}
            />
          </Match>
          <Match when={page() === 'results'}>
            <ResultsPage onSignedOut={() => signedOut('Your session has ended. Sign in again.')} />
          </Match>
        </Switch>
      </main>
    </>
  );
}
