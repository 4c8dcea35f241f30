/**
 * One file sent from a Data page form (population, ward lookup, boundaries): what is being sent
 * with its progress, the result, and a refusal in words, each focused once shown so it is announced.
 */
import { createSignal } from 'solid-js';
import { describeFailure, type Result } from '../../api';
import { whenSignedIn } from '../../session';

export interface Sending {
  name: string;
  sent: number;
  total: number;
}

export interface FileSenderOptions<T, A extends unknown[]> {
  /** The message when no file was chosen. */
  missing: string;
  /** The ids focused after a refusal and after success. */
  errorId: string;
  resultId: string;
  /** Sends the file (with any extra arguments of `send`), reporting progress. */
  request(file: File, onProgress: (sent: number, total: number) => void, ...args: A): Promise<Result<T>>;
  /** What the page does with the result after showing it (e.g. update a summary). */
  done(value: T): void | Promise<void>;
}

/** Moves focus to an element once it is on the page (errors and results are announced and focused). */
export function focusSoon(id: string) {
  setTimeout(() => document.getElementById(id)?.focus(), 0);
}

export function fileSender<T, A extends unknown[] = []>(options: FileSenderOptions<T, A>) {
  const [sending, setSending] = createSignal<Sending | null>(null);
  const [result, setResult] = createSignal<T | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  async function send(file: File | undefined, ...args: A) {
    setError(null);
    setResult(null);
    if (!file) {
      setError(options.missing);
      return focusSoon(options.errorId);
    }
    setSending({ name: file.name, sent: 0, total: file.size });
    const r = await whenSignedIn(options.request(file, (sent, total) => setSending({ name: file.name, sent, total }), ...args));
    setSending(null);
    if (r.kind === 'signed-out') return;
    if (r.kind !== 'ok') {
      setError(describeFailure(r));
      return focusSoon(options.errorId);
    }
    setResult(() => r.value);
    focusSoon(options.resultId);
    await options.done(r.value);
  }
  return { sending, result, error, send };
}
