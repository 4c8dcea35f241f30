/** Ward boundaries as a pure view: which boundaries the maps use, and a GeoJSON file to replace them. */
import { createEffect, Show } from 'solid-js';
import { ErrorAlert, Progress } from '../../components/feedback';
import { dateTime } from '../../format';
import type { BoundariesSummary } from './words';

export interface BoundariesViewProps {
  summary: BoundariesSummary | null;
  summaryError: string | null;
  sending: { name: string; sent: number; total: number } | null;
  /** The summary after a successful upload (shown as the result). */
  result: BoundariesSummary | null;
  error: string | null;
  onSend(file: File | undefined): void;
}

function InUse(props: { summary: BoundariesSummary }) {
  const s = () => props.summary;
  return (
    <Show
      when={s().available}
      fallback={
        <p id="boundaries-in-use">
          No ward boundaries fit the {s().wards} wards of the lookup yet, so the pages show no maps. Upload the boundaries of your wards below.
        </p>
      }
    >
      <dl class="in-use" id="boundaries-in-use">
        <dt>Boundaries the maps use</dt>
        <dd>
          {s().source}
          {s().uploadedAt ? `, ${dateTime(s().uploadedAt!)}` : ''}
        </dd>
        <dt>Wards</dt>
        <dd>All {s().wards} wards of the lookup</dd>
        <Show when={s().attribution}>
          <dt>Attribution</dt>
          <dd>{s().attribution}</dd>
        </Show>
      </dl>
    </Show>
  );
}

export function BoundariesView(props: BoundariesViewProps) {
  let file!: HTMLInputElement;
  createEffect(() => {
    if (props.result && file) file.value = '';
  });
  return (
    <section class="data-section" aria-labelledby="boundaries-heading">
      <h3 id="boundaries-heading">Ward boundaries</h3>
      <ErrorAlert message={props.summaryError} />
      <Show
        when={props.summary}
        fallback={
          <Show when={!props.summaryError}>
            <p role="status">Loading the ward boundaries…</p>
          </Show>
        }
      >
        {(s) => <InUse summary={s()} />}
      </Show>
      <form
        class="card"
        aria-labelledby="boundaries-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSend(file.files?.[0]);
        }}
      >
        <h4 id="boundaries-form-heading">Load ward boundaries</h4>
        <p class="hint" id="boundaries-hint">
          A GeoJSON file (for example from the ONS Open Geography Portal) in longitude and latitude (WGS84), one feature per ward with its ward code (such as
          WD19CD or WD23CD) among its properties. It is checked before use: every ward of the lookup once, no other areas. It replaces the boundaries in use.
        </p>
        <div class="field">
          <label for="boundaries-file">Boundaries file (GeoJSON)</label>
          <input
            ref={file}
            id="boundaries-file"
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            aria-describedby="boundaries-hint"
            disabled={!!props.sending}
          />
        </div>
        <div class="actions">
          <button type="submit" disabled={!!props.sending}>
            {props.sending ? 'Loading…' : 'Replace the ward boundaries'}
          </button>
        </div>
        <Progress
          state={props.sending ? { label: `Uploading ${props.sending.name}`, done: props.sending.sent, total: props.sending.total, unit: 'bytes' } : null}
        />
        <div id="boundaries-error" tabindex="-1">
          <ErrorAlert message={props.error} />
        </div>
        <Show when={props.result}>
          {(r) => (
            <p id="boundaries-result" class="status" role="status" tabindex="-1">
              Loaded the boundaries of all {r().wards} wards: the maps now use them.
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
