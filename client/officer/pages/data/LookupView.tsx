/** The partnership's ward lookup as a pure view: its wards and LSOAs, and an ONS lookup file to add more. */
import { createEffect, Show } from 'solid-js';
import { ErrorAlert, Progress } from '../../components/feedback';
import { plural, type WardLookupResult, type WardLookupSummary } from './words';

export interface LookupViewProps {
  summary: WardLookupSummary | null;
  summaryError: string | null;
  sending: { name: string; sent: number; total: number } | null;
  result: WardLookupResult | null;
  error: string | null;
  onSend(file: File | undefined): void;
}

export function LookupView(props: LookupViewProps) {
  let file!: HTMLInputElement;
  createEffect(() => {
    if (props.result && file) file.value = '';
  });
  return (
    <section class="data-section" aria-labelledby="lookup-heading">
      <h3 id="lookup-heading">Wards and their LSOAs</h3>
      <ErrorAlert message={props.summaryError} />
      <Show
        when={props.summary}
        fallback={
          <Show when={!props.summaryError}>
            <p role="status">Loading the ward lookup…</p>
          </Show>
        }
      >
        {(s) => (
          <p id="lookup-in-use">
            {s().wards
              ? `This partnership has ${plural(s().wards, 'ward')}, with ${plural(s().lsoas, 'LSOA')} that split recorded crime to them.`
              : 'This partnership has no wards yet: load its ward lookup below before crime, population or boundaries.'}
          </p>
        )}
      </Show>
      <form
        class="card"
        aria-labelledby="lookup-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSend(file.files?.[0]);
        }}
      >
        <h4 id="lookup-form-heading">Load a ward lookup</h4>
        <p class="hint" id="lookup-hint">
          The ONS lookup of LSOAs to wards as a CSV file, with the columns LSOA11CD or LSOA21CD, and the ward code and name of its year (such as WD19CD and
          WD19NM, or WD23CD and WD23NM). Its wards become this partnership's; wards and LSOAs already here are kept. A ward of another partnership is refused.
        </p>
        <div class="field">
          <label for="lookup-file">Ward lookup (CSV)</label>
          <input ref={file} id="lookup-file" type="file" accept=".csv,text/csv" aria-describedby="lookup-hint" disabled={!!props.sending} />
        </div>
        <div class="actions">
          <button type="submit" disabled={!!props.sending}>
            {props.sending ? 'Loading…' : 'Add the wards'}
          </button>
        </div>
        <Progress
          state={props.sending ? { label: `Uploading ${props.sending.name}`, done: props.sending.sent, total: props.sending.total, unit: 'bytes' } : null}
        />
        <div id="lookup-error" tabindex="-1">
          <ErrorAlert message={props.error} />
        </div>
        <Show when={props.result}>
          {(r) => (
            <p id="lookup-result" class="status" role="status" tabindex="-1">
              Added {plural(r().added.wards, 'ward')} and {plural(r().added.lsoas, 'LSOA')}: the partnership now has {plural(r().wards, 'ward')}.
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
