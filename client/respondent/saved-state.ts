/**
 * Save and resume: answers, page and the submission key kept in this browser, one entry per
 * questionnaire address, wave and version (a new version starts afresh, since old answers may not
 * fit it). Storage can be missing or full (private browsing): then the survey still works, it
 * just cannot resume.
 *
 * Where, and for how long, depends on who is answering:
 * - a link (`/y/…`, handed out by a school) is often answered on a shared computer, so progress
 *   lives only in this tab's sessionStorage: closing the browser (or the tab) forgets it, and the
 *   next pupil never sees another pupil's answers;
 * - a resident's own device keeps progress in localStorage for RESUME_DAYS, then forgets it.
 */
export interface SavedState {
  data: Record<string, unknown>;
  currentPageNo: number;
  /** One per attempt, so a retried submission is recognised by the server and stored once. */
  idempotencyKey: string;
  /** When it was last saved (ms since 1970); entries older than RESUME_DAYS are dropped. */
  savedAt?: number;
  /** The language chosen. */
  locale?: string;
}

export const RESUME_DAYS = 7;
const RESUME_MS = RESUME_DAYS * 24 * 60 * 60 * 1000;

export function storageKey(kind: 'survey' | 'link', id: string, wave: string, version: number): string {
  return `csp-survey:${kind}:${id}:${wave}:v${version}`;
}

function storage(key: string): Storage | null {
  try {
    return key.startsWith('csp-survey:link:') ? window.sessionStorage : window.localStorage;
  } catch {
    return null;
  }
}

export function readSaved(key: string, now = Date.now()): SavedState | null {
  try {
    const text = storage(key)?.getItem(key);
    if (!text) return null;
    const s = JSON.parse(text) as Partial<SavedState>;
    if (typeof s !== 'object' || s === null || typeof s.idempotencyKey !== 'string') return null;
    // Undated (saved before dates were kept) or too old: forget it.
    if (typeof s.savedAt !== 'number' || now - s.savedAt > RESUME_MS) {
      clearSaved(key);
      return null;
    }
    return {
      data: typeof s.data === 'object' && s.data !== null ? s.data : {},
      currentPageNo: Number.isInteger(s.currentPageNo) ? (s.currentPageNo as number) : 0,
      idempotencyKey: s.idempotencyKey,
      savedAt: s.savedAt,
      locale: typeof s.locale === 'string' ? s.locale : undefined,
    };
  } catch {
    return null;
  }
}

export function writeSaved(key: string, state: SavedState, now = Date.now()): void {
  try {
    storage(key)?.setItem(key, JSON.stringify({ ...state, savedAt: now }));
  } catch {
    // Full or blocked storage: resuming is a convenience, answering must still work.
  }
}

export function clearSaved(key: string): void {
  try {
    storage(key)?.removeItem(key);
  } catch {
    // nothing to clear
  }
}

/** A random key; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
