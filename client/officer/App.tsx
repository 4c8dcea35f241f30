/**
 * The officer workspace shell: who is signed in and the partnership they work in, the navigation
 * (only the pages their role may use), and the page for the address. Every page needs a session:
 * an anonymous visit goes to sign-in and comes back after it (?next=). Moving to a page focuses
 * its heading and announces it.
 */
import { createEffect, createSignal, For, Match, on, onMount, Show, Suspense, Switch } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import { api } from './api';
import { Partnership } from './components/Partnership';
import { HOME, pageAt, PAGES } from './pages';
import { ACCOUNT_PATH } from './pages/account/types';
import { ResetPasswordPage } from './pages/reset-password/ResetPasswordPage';
import { RESET_PATH } from './pages/reset-password/types';
import { SignInPage } from './pages/sign-in/SignInPage';
import { currentPath, currentSearch, followLink, navigate } from './router';
import { refreshSurveys } from './selection';
import { can, countyReader, notice, officer, SIGN_IN_PATH, signedIn, signedOut } from './session';

const APP_NAME = 'officer workspace';

/** Survey and wave travel with the officer from page to page. */
function hrefFor(path: string): string {
  const q = new URLSearchParams(currentSearch());
  const keep = new URLSearchParams();
  for (const k of ['survey', 'wave']) if (q.get(k)) keep.set(k, q.get(k)!);
  const s = keep.toString();
  return s ? `${path}?${s}` : path;
}

function Nav() {
  const visible = () => PAGES.filter((p) => p.nav && can(p.permission) && (!p.countyOnly || countyReader()));
  return (
    <nav class="site-nav" aria-label="Officer pages">
      <ul>
        <For each={visible()}>
          {(p) => (
            <li>
              <a href={hrefFor(p.path)} onClick={followLink} aria-current={currentPath().replace(/\/+$/, '') === p.path ? 'page' : undefined}>
                {p.nav}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  );
}

function NotAllowed(props: { title: string }) {
  return (
    <>
      <h2 tabindex="-1" class="page-heading">
        {props.title}
      </h2>
      <p class="error" role="alert">
        Your {officer()?.role} account can't open this page. Ask an admin if you need it.
      </p>
    </>
  );
}

function NotFound() {
  return (
    <>
      <h2 tabindex="-1" class="page-heading">
        Page not found
      </h2>
      <p>
        There is no officer page at this address. Choose a page from the menu, or go to{' '}
        <a href={HOME} onClick={followLink}>
          the headline figures
        </a>
        .
      </p>
    </>
  );
}

let stopWaiting: (() => void) | undefined;

/**
 * Focuses the page heading once it is in the page: pages load on first visit, so it may appear a
 * moment after the address changes. Gives up after a few seconds (a page that failed to load).
 */
function focusHeadingWhenShown(): void {
  stopWaiting?.();
  const main = document.getElementById('main');
  if (!main) return;
  const focus = () => {
    const heading = main.querySelector<HTMLElement>('.page-heading');
    if (!heading) return false;
    heading.focus();
    return true;
  };
  if (focus()) return;
  const observer = new MutationObserver(() => focus() && stopWaiting?.());
  const timer = setTimeout(() => stopWaiting?.(), 5000);
  stopWaiting = () => {
    observer.disconnect();
    clearTimeout(timer);
    stopWaiting = undefined;
  };
  observer.observe(main, { childList: true, subtree: true });
}

export function App() {
  const [checked, setChecked] = createSignal(false);

  onMount(async () => {
    const me = await api.me();
    if (me.kind === 'ok') {
      signedIn({ email: me.value.email, role: me.value.role });
      if (currentPath().startsWith(SIGN_IN_PATH)) navigate(HOME, { replace: true });
    } else if (currentPath() !== RESET_PATH) {
      const onPage = pageAt(currentPath());
      signedOut(onPage ? `Sign in to see ${onPage.title.toLowerCase()}.` : null);
    }
    // Only now: the effect below must not see "not signed in" before the answer is known.
    setChecked(true);
  });

  // Anyone signed out who is not on sign-in is sent there (back button after signing out, etc.).
  createEffect(() => {
    if (checked() && !officer() && !currentPath().startsWith(SIGN_IN_PATH) && currentPath() !== RESET_PATH) signedOut(null);
  });

  const page = () => pageAt(currentPath());
  const onSignIn = () => currentPath().startsWith(SIGN_IN_PATH);

  createEffect(
    on([currentPath, officer], () => {
      const p = page();
      document.title = `${currentPath() === RESET_PATH ? 'Set a new password' : onSignIn() ? 'Sign in' : (p?.title ?? 'Page not found')} – ${APP_NAME}`;
      // Keyboard and screen-reader users start at the new page's heading.
      focusHeadingWhenShown();
    }),
  );

  // Response counts in the survey/wave choice stay current: fetched again on every change of page.
  createEffect(on(currentPath, () => officer() && void refreshSurveys(), { defer: true }));

  async function signOut() {
    await api.logout();
    signedOut('You are signed out.');
  }

  function afterSignIn() {
    const next = new URLSearchParams(location.search).get('next');
    // Only paths inside the workspace: never an address given by someone else.
    navigate(next?.startsWith('/officer/') && !next.startsWith('//') ? next : HOME, { replace: true });
  }

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the page
      </a>
      <header class="top">
        <h1>Community safety surveys – {APP_NAME}</h1>
        <Show when={officer()}>
          {(o) => (
            <div class="who">
              <span>
                Signed in as {o().email} ({o().role})
              </span>
              <a href={ACCOUNT_PATH} onClick={followLink} aria-current={currentPath().replace(/\/+$/, '') === ACCOUNT_PATH ? 'page' : undefined}>
                My account
              </a>
              <button type="button" class="secondary" onClick={signOut}>
                Sign out
              </button>
            </div>
          )}
        </Show>
        {/* After who is signed in, so the focus order matches its own row under them. */}
        <Show when={officer()}>
          <Partnership />
        </Show>
      </header>
      <Show when={officer()}>
        <Nav />
      </Show>
      <main id="main" tabindex="-1">
        <Switch>
          <Match when={!checked()}>
            <p role="status">Loading…</p>
          </Match>
          <Match when={currentPath() === RESET_PATH}>
            <ResetPasswordPage />
          </Match>
          <Match when={onSignIn() || !officer()}>
            <SignInPage notice={notice()} onSignedIn={(o) => (signedIn(o), afterSignIn())} />
          </Match>
          <Match when={!page()}>
            <NotFound />
          </Match>
          <Match when={!can(page()!.permission)}>
            <NotAllowed title={page()!.title} />
          </Match>
          <Match when={page()}>
            {(p) => (
              <Suspense fallback={<p role="status">Loading the page…</p>}>
                <Dynamic component={p().component} />
              </Suspense>
            )}
          </Match>
        </Switch>
      </main>
    </>
  );
}
