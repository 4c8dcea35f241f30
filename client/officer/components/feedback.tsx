/**
 * How pages say what is happening: the page heading (focused on arrival), an error announced
 * at once (role=alert), a status announced politely, notices about made-up data, and progress
 * for anything that takes more than a moment (uploads with a fraction, work with elapsed time).
 */
import { createEffect, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { bytes } from '../format';

export function PageHeading(props: { children: JSX.Element; intro?: JSX.Element }) {
  return (
    <>
      <h2 tabindex="-1" class="page-heading">
        {props.children}
      </h2>
      <Show when={props.intro}>
        <p class="intro">{props.intro}</p>
      </Show>
    </>
  );
}

export function ErrorAlert(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/** A polite live region: success messages, "Loading…", counts. Always rendered so it is announced. */
export function Status(props: { message: string | null | undefined; visible?: boolean }) {
  return (
    <p role="status" class={props.visible === false ? 'visually-hidden' : props.message ? 'status' : 'visually-hidden'}>
      {props.message ?? ''}
    </p>
  );
}

/** Made-up data said plainly, wherever it is shown (null entries are skipped). */
export function DataNotices(props: { notices: (string | null | undefined)[] }) {
  const shown = () => props.notices.filter((n): n is string => !!n);
  return (
    <Show when={shown().length}>
      <div class="banner" role="note" aria-label="Read before using these figures">
        <For each={shown()}>{(n) => <p>{n}</p>}</For>
      </div>
    </Show>
  );
}

export interface ProgressState {
  /** What is happening, e.g. "Uploading 2019-02-kent-street.csv". */
  label: string;
  /** Bytes or items done and in all; omit for work whose length is unknown. */
  done?: number;
  total?: number;
  unit?: 'bytes' | 'items';
}

/** A labelled progress bar, with seconds elapsed for work of unknown length. */
export function Progress(props: { state: ProgressState | null }) {
  return <Show when={props.state}>{(s) => <ProgressBar state={s()} />}</Show>;
}

function ProgressBar(props: { state: ProgressState }) {
  const [elapsed, setElapsed] = createSignal(0);
  let started = Date.now();
  // The clock restarts when the work changes (a new label), not on every progress update.
  createEffect(
    on(
      () => props.state.label,
      () => ((started = Date.now()), setElapsed(0)),
    ),
  );
  const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 1000);
  onCleanup(() => clearInterval(timer));
  const known = () => props.state?.total !== undefined && props.state.total > 0;
  const text = () => {
    const s = props.state;
    if (!known()) return `${s.label}…${elapsed() ? ` (${elapsed()} s)` : ''}`;
    const fraction = Math.min(1, (s.done ?? 0) / s.total!);
    const amounts = s.unit === 'bytes' ? ` (${bytes(s.done ?? 0)} of ${bytes(s.total!)})` : s.unit === 'items' ? ` (${s.done} of ${s.total})` : '';
    return `${s.label}: ${Math.round(fraction * 100)}%${amounts}`;
  };
  return (
    <div class="progress" role="status">
      <span>{text()}</span>
      <Show when={known()} fallback={<progress aria-label={props.state.label} />}>
        <progress max={props.state.total} value={props.state.done ?? 0} aria-label={props.state.label} />
      </Show>
    </div>
  );
}
