/**
 * Save and resume: answers, page and the submission key kept in this browser's localStorage,
 * one entry per questionnaire address, wave and version (a new version starts afresh, since
 * old answers may not fit it). Storage can be missing or full (private browsing): then the
 * survey still works, it just cannot resume.
 */
export interface SavedState {
  data: Record<string, unknown>;
  currentPageNo: number;
  /** One per attempt, so a retried submission is recognised by the server and stored once. */
  idempotencyKey: string;
}

export function storageKey(kind: string, id: string, wave: string, version: number): string {
  return `csp-survey:${kind}:${id}:${wave}:v${version}`;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readSaved(key: string): SavedState | null {
  try {
    const text = storage()?.getItem(key);
    if (!text) return null;
    const s = JSON.parse(text) as Partial<SavedState>;
    if (typeof s !== 'object' || s === null || typeof s.idempotencyKey !== 'string') return null;
    return {
      data: typeof s.data === 'object' && s.data !== null ? s.data : {},
      currentPageNo: Number.isInteger(s.currentPageNo) ? (s.currentPageNo as number) : 0,
      idempotencyKey: s.idempotencyKey,
    };
  } catch {
    return null;
  }
}

export function writeSaved(key: string, state: SavedState): void {
  try {
    storage()?.setItem(key, JSON.stringify(state));
  } catch {
    // Full or blocked storage: resuming is a convenience, answering must still work.
  }
}

export function clearSaved(key: string): void {
  try {
    storage()?.removeItem(key);
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
