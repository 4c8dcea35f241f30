/**
 * Downloads as files the officer can see being made: the file is fetched (so the page can show
 * "Preparing…" and say in words why it was refused), then saved through an object URL and an
 * <a download>, or opened in a tab. Refusals come back as the API's `{ error }` sentence.
 */
import type { Result } from '../../api';

export interface FetchedFile {
  blob: Blob;
  /** From Content-Disposition, else `fallback`. */
  filename: string;
}

/** `attachment; filename="a.csv"` → "a.csv". */
export function filenameFrom(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m ? m[1] : fallback;
}

/** GET `url` as a file; every outcome a Result (401 signed-out, 4xx/5xx failed with the server's sentence, offline). */
export async function fetchFile(url: string, fallbackName: string): Promise<Result<FetchedFile>> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    return { kind: 'offline' };
  }
  if (res.ok) {
    try {
      return { kind: 'ok', value: { blob: await res.blob(), filename: filenameFrom(res.headers.get('content-disposition'), fallbackName) } };
    } catch {
      return { kind: 'offline' };
    }
  }
  let message = `The server answered ${res.status} ${res.statusText}.`;
  let body: unknown;
  try {
    body = await res.json();
    const error = (body as { error?: unknown } | null)?.error;
    if (typeof error === 'string') message = error;
  } catch {
    // not JSON: keep the status line
  }
  if (res.status === 401) return { kind: 'signed-out', message };
  return { kind: 'failed', status: res.status, message, body };
}

/** Hands a fetched file to the browser as a download (saved under `filename`). */
export function saveFile(file: FetchedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken its copy once the download starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A new tab opened at once (inside the click, so it is not blocked) that says the report is being prepared. */
export function openWaitingTab(message: string): Window | null {
  const tab = window.open('', '_blank');
  if (!tab) return null;
  try {
    tab.document.title = message;
    const p = tab.document.createElement('p');
    p.textContent = message;
    p.style.font = '1.1rem system-ui, sans-serif';
    p.style.margin = '2rem';
    tab.document.body.append(p);
  } catch {
    // a browser that does not let us write into the blank tab: it just stays blank until the report arrives
  }
  return tab;
}

/**
 * Shows an HTML file in the tab. The object URL is not revoked: the tab may be reloaded or printed
 * later, and the copy (a few hundred KB) goes when the workspace tab is closed.
 */
export function showInTab(tab: Window, file: FetchedFile): void {
  const html = file.blob.type.startsWith('text/html') ? file.blob : new Blob([file.blob], { type: 'text/html' });
  tab.location.replace(URL.createObjectURL(html));
}
