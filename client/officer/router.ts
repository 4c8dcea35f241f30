/**
 * The officer pages' addresses: /officer/<page>?survey=…&wave=…. A path signal and a query
 * signal that follow history (pushState, back/forward), and a click handler that keeps ordinary
 * links working (new tab with Ctrl/⌘, middle click) while moving between pages without a reload.
 */
import { createSignal } from 'solid-js';

const [path, setPath] = createSignal(location.pathname);
const [search, setSearch] = createSignal(location.search);

export const currentPath = path;

addEventListener('popstate', () => {
  setPath(location.pathname);
  setSearch(location.search);
});

/** Goes to `to` (a path, optionally with a query); `replace` leaves no history entry. */
export function navigate(to: string, { replace = false } = {}): void {
  const url = new URL(to, location.origin);
  if (url.pathname + url.search !== location.pathname + location.search) {
    history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname + url.search);
  }
  setPath(url.pathname);
  setSearch(url.search);
}

/** A query parameter of the current address (reactive). */
export function queryParam(name: string): string | null {
  return new URLSearchParams(search()).get(name);
}

/** Sets (or with undefined/'' removes) query parameters, replacing the history entry. */
export function setQuery(params: Record<string, string | undefined>): void {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === '') q.delete(k);
    else q.set(k, v);
  }
  const s = q.toString();
  navigate(`${location.pathname}${s ? `?${s}` : ''}`, { replace: true });
}

/** The current query string, for carrying survey and wave over to another page's link. */
export const currentSearch = search;

/** onClick for <a href> inside the app: same-tab clicks move without reloading. */
export function followLink(e: MouseEvent & { currentTarget: HTMLAnchorElement }): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget;
  if (a.target || a.hasAttribute('download') || a.origin !== location.origin || !a.pathname.startsWith('/officer')) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}
