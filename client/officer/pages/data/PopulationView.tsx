/** Population as a pure view: what is loaded (with the ILLUSTRATIVE notice), and a new file to replace it. */
import { createEffect, Show } from 'solid-js';
import { DataNotices, ErrorAlert, Progress } from '../../components/feedback';
import { count } from '../../format';
import { list, plural, type PopulationResult, type PopulationSummary } from './words';

export interface PopulationViewProps {
  summary: PopulationSummary | null;
  summaryError: string | null;
  sending: { name: string; sent: number; total: number } | null;
  result: PopulationResult | null;
  error: string | null;
  onSend(file: File | undefined, illustrative: boolean): void;
}

function Summary(props: { summary: PopulationSummary }) {
  const s = () => props.summary;
  return (
    <Show
      when={s().cells}
      fallback={<p>No population figures are loaded yet. Crime rates per 1,000 residents, the returns by ward and weighting to the population need them.</p>}
    >
      <DataNotices notices={[s().illustrativeNotice]} />
      <dl class="summary">
        <dt>Wards with a figure</dt>
        <dd>
          {s().areas} of {s().wardsKnown}
          <Show when={s().missingWards.length}>
            {' '}
            (no figure for {list(s().missingWards.map((w) => w.name))}: no crime rate for {s().missingWards.length === 1 ? 'it' : 'them'})
          </Show>
        </dd>
        <dt>Residents in all</dt>
        <dd>{count(s().total)}</dd>
        <dt>Figures stored</dt>
        <dd>
          {count(s().cells)}{' '}
          {s().bySexAndAge
            ? '(by sex and age band, so they can be used as weighting targets)'
            : '(none by sex and age band: weighting to the population needs those)'}
        </dd>
        <dt>Source</dt>
        <dd>{s().sources.join('; ')}</dd>
        <dt>Official or made up</dt>
        <dd>{s().illustrative ? 'ILLUSTRATIVE: made-up figures, not official statistics' : 'Given as real figures'}</dd>
      </dl>
    </Show>
  );
}

function Format() {
  return (
    <details class="format">
      <summary>The columns a population file needs</summary>
      <p>A CSV file with a header line and one line per figure. Every upload replaces all the figures stored before.</p>
      <div class="table-scroll">
        <table class="data">
          <caption>Population file columns</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">What goes in it</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                <code>area_code</code>
              </th>
              <td>The ward's ONS code, for example E05004982.</td>
            </tr>
            <tr>
              <th scope="row">
                <code>sex</code>
              </th>
              <td>
                <code>female</code> or <code>male</code>, or <code>*</code> for everyone.
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>age_band</code>
              </th>
              <td>
                The survey's age bands (<code>18-24</code>, <code>25-34</code>, <code>35-44</code>, <code>45-54</code>, <code>55-64</code>, <code>65-74</code>,{' '}
                <code>75+</code>), or <code>*</code> for all ages.
              </td>
            </tr>
            <tr>
              <th scope="row">
                <code>count</code>
              </th>
              <td>The number of residents (0 or more).</td>
            </tr>
            <tr>
              <th scope="row">
                <code>source</code> (optional)
              </th>
              <td>Where the figure comes from, for example "ONS mid-2019 estimates". Without it, the file name is recorded as the source.</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        A ward's residents are its <code>*,*</code> line, or else the sum of its sex × age band lines. Each area, sex and age band may appear only once. For
        example:
      </p>
      <pre>
        {`area_code,sex,age_band,count,source
E05004982,*,*,8123,ONS mid-2019 estimates
E05004982,female,18-24,312,ONS mid-2019 estimates
E05004982,male,18-24,298,ONS mid-2019 estimates`}
      </pre>
    </details>
  );
}

export function PopulationView(props: PopulationViewProps) {
  let file!: HTMLInputElement;
  let illustrative!: HTMLInputElement;
  // Once loaded, the form starts afresh for the next file (the result stays on show).
  createEffect(() => {
    if (props.result && file) {
      file.value = '';
      illustrative.checked = false;
    }
  });
  return (
    <section class="data-section" aria-labelledby="population-heading">
      <h3 id="population-heading">Population</h3>
      <ErrorAlert message={props.summaryError} />
      <Show
        when={props.summary}
        fallback={
          <Show when={!props.summaryError}>
            <p role="status">Loading the population…</p>
          </Show>
        }
      >
        {(s) => <Summary summary={s()} />}
      </Show>
      <form
        class="card"
        aria-labelledby="population-form-heading"
        onSubmit={(e) => {
          e.preventDefault();
          props.onSend(file.files?.[0], illustrative.checked);
        }}
      >
        <h4 id="population-form-heading">Load a population file</h4>
        <Format />
        <div class="field">
          <label for="population-file">Population file (CSV)</label>
          <input ref={file} id="population-file" type="file" accept=".csv,text/csv" disabled={!!props.sending} />
        </div>
        <div class="field">
          <label class="choice" for="population-illustrative">
            <input ref={illustrative} id="population-illustrative" type="checkbox" aria-describedby="population-illustrative-hint" disabled={!!props.sending} />
            These figures are illustrative (made up, not official statistics)
          </label>
          <p id="population-illustrative-hint" class="hint">
            Tick this for demonstration or test figures. Every crime rate, weighting target and report made from them will then say they are ILLUSTRATIVE.
          </p>
        </div>
        <div class="actions">
          <button type="submit" disabled={!!props.sending}>
            {props.sending ? 'Loading…' : 'Replace the population figures'}
          </button>
        </div>
        <Progress
          state={props.sending ? { label: `Uploading ${props.sending.name}`, done: props.sending.sent, total: props.sending.total, unit: 'bytes' } : null}
        />
        <div id="population-error" tabindex="-1">
          <ErrorAlert message={props.error} />
        </div>
        <Show when={props.result}>
          {(r) => (
            <p id="population-result" class="status" role="status" tabindex="-1">
              Loaded {plural(r().rows, 'figure')} for {plural(r().areas, 'ward')}: all previous population figures were replaced
              {r().summary.illustrative ? ', and they are marked ILLUSTRATIVE.' : '.'}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
