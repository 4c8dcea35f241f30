/** Importing a CSV file of paper forms: how to prepare it, the upload, and what happened (rejected rows listed). */
import { For, Show } from 'solid-js';
import { Progress, type ProgressState } from '../../components/feedback';
import { bytes, count } from '../../format';
import type { DesignColumns, ImportOutcome, ImportRefusal, PaperForm } from './types';

export interface ImportViewProps {
  form: PaperForm;
  file: File | null;
  onFile(file: File | null): void;
  skipInvalid: boolean;
  onSkipInvalid(value: boolean): void;
  weightColumn: string;
  onWeightColumn(value: string): void;
  /** Columns declaring a complex sample (empty: not declared). */
  designColumns: DesignColumns;
  onDesignColumn(key: keyof DesignColumns, value: string): void;
  progress: ProgressState | null;
  outcome: ImportOutcome | null;
  error: string | null;
  onImport(): void;
  onImportSkipping(): void;
  templateUrl: string;
  guideUrl: string;
}

const DESIGN_FIELDS: { key: keyof DesignColumns; id: string; label: string; hint: string }[] = [
  { key: 'stratum', id: 'stratum-column', label: 'Stratum column', hint: 'For example the ward, when addresses were sampled ward by ward.' },
  {
    key: 'psu',
    id: 'psu-column',
    label: 'PSU (cluster) column',
    hint: 'The cluster each form was sampled in, such as a postcode sector; read within its stratum.',
  },
  {
    key: 'fpc',
    id: 'fpc-column',
    label: 'Finite population correction column',
    hint: 'The number of PSUs (or addresses, without clusters) in the stratum’s population, or the sampling fraction when at most 1.',
  },
];

type Rejected = ImportRefusal['rejected'][number];

/** The rejected rows: one line of the table per problem, the file's line number first. */
function RejectedTable(props: { rejected: Rejected[]; total: number; caption: string }) {
  return (
    <div class="table-scroll">
      <table class="data rejected">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Line
            </th>
            <th scope="col">Question</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.rejected}>
            {(row) => (
              <For each={row.errors}>
                {(e, i) => (
                  <tr>
                    <Show when={i() === 0}>
                      <th scope="row" class="num" rowSpan={row.errors.length}>
                        {row.line}
                      </th>
                    </Show>
                    <td>
                      <Show when={e.question} fallback={<span class="suppressed">the whole row</span>}>
                        {e.title ?? e.question} <span class="column-name">({e.question})</span>
                      </Show>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                )}
              </For>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.total > props.rejected.length}>
        <p class="hint">
          The first {count(props.rejected.length)} of {count(props.total)} rejected rows are listed.
        </p>
      </Show>
    </div>
  );
}

function Outcome(props: { outcome: ImportOutcome; waveName: string; busy: boolean; onImportSkipping(): void }) {
  return (
    <Show
      when={props.outcome.kind === 'stored' ? props.outcome : null}
      fallback={
        <Show when={props.outcome.kind === 'refused' ? props.outcome : null}>
          {(o) => (
            <div class="paper-outcome refused">
              <div class="error" role="alert" id="import-outcome" tabindex="-1">
                <p>
                  {o().fileName}: {o().refusal.error}
                </p>
              </div>
              <RejectedTable
                rejected={o().refusal.rejected}
                total={o().refusal.rejectedCount}
                caption={`Rejected rows of ${o().fileName} (line 1 is the header row); nothing was stored`}
              />
              <div class="actions">
                <button type="button" onClick={() => props.onImportSkipping()} disabled={props.busy}>
                  Import the other {count(o().refusal.rows - o().refusal.rejectedCount)} rows, skipping these
                </button>
              </div>
            </div>
          )}
        </Show>
      }
    >
      {(o) => (
        <div class="paper-outcome stored">
          <p class="status" role="status" id="import-outcome" tabindex="-1">
            {o().fileName}: imported {count(o().report.imported)} of {count(o().report.rows)} rows into wave {props.waveName}
            {o().report.alreadyPresent ? `; ${count(o().report.alreadyPresent)} already present from an earlier import of this file (not stored again)` : ''}
            {o().report.rejectedCount
              ? `; ${count(o().report.rejectedCount)} rejected ${o().report.rejectedCount === 1 ? 'row' : 'rows'} skipped (listed below)`
              : ''}
            .
          </p>
          <Show when={o().report.rejectedCount}>
            <RejectedTable
              rejected={o().report.rejected}
              total={o().report.rejectedCount}
              caption={`Rows of ${o().fileName} skipped (line 1 is the header row)`}
            />
            <p class="hint">
              To add the skipped forms, put the corrected rows in a new file of their own (with the header row) and import that. Importing the whole file again
              after changing it would store its other rows a second time: a changed file counts as a new one.
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}

function ColumnGuide(props: { form: PaperForm }) {
  return (
    <details class="paper-guide">
      <summary>The columns of the file, and what to write in each ({props.form.columns.length} columns)</summary>
      <div class="table-scroll">
        <table class="data">
          <caption>Columns an import of {props.form.survey.title} accepts, in questionnaire order</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Question</th>
              <th scope="col">What to write</th>
              <th scope="col">Required</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.form.columns}>
              {(c) => (
                <tr>
                  <th scope="row">
                    <code>{c.name}</code>
                  </th>
                  <td>
                    {c.question}
                    <Show when={c.askedWhen}>
                      <span class="hint"> (asked only when {c.askedWhen}; otherwise leave it empty)</span>
                    </Show>
                  </td>
                  <td>
                    {c.write}
                    <Show when={c.values.length}>
                      <ul class="values">
                        <For each={c.values}>
                          {(v) => (
                            <li>
                              <code>{v.value}</code> {v.value !== v.label ? `= ${v.label}` : ''}
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </td>
                  <td>{c.required}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function ImportView(props: ImportViewProps) {
  const busy = () => props.progress !== null;
  const maxMb = () => Math.round(props.form.maxImportBytes / 1024 / 1024);
  return (
    <section class="paper-section" aria-labelledby="import-heading">
      <h3 id="import-heading">Import a CSV file</h3>
      <div class="card paper-howto">
        <h4>Preparing the file</h4>
        <ol>
          <li>
            Download the{' '}
            <a href={props.templateUrl} download="">
              template (CSV)
            </a>
            : one header row of question names. Open it in a spreadsheet and add one row per paper form. The{' '}
            <a href={props.guideUrl} download="">
              column guide (CSV)
            </a>{' '}
            says what each column holds; it is also below.
          </li>
          <li>
            Write the answer’s value, not its wording: <code>very_safe</code> for “Very safe”. For a question that takes several answers, separate them with{' '}
            <code>;</code>. Leave a cell empty when the form has no answer.
          </li>
          <li>
            Save it as “CSV UTF-8” (at most {maxMb()} MB). Every row is checked exactly like a web answer: if any row is rejected, nothing is stored and the
            rows are listed here, to correct or to skip.
          </li>
          <li>Importing the same file again adds nothing, so a second upload after a lost connection is safe.</li>
        </ol>
      </div>
      <ColumnGuide form={props.form} />
      <form
        class="choose paper-import"
        onSubmit={(e) => {
          e.preventDefault();
          props.onImport();
        }}
      >
        <div class="field">
          <label for="import-file">CSV file</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => props.onFile(e.currentTarget.files?.[0] ?? null)} />
          <Show when={props.file}>
            {(f) => (
              <p class="hint">
                {f().name}, {bytes(f().size)}
              </p>
            )}
          </Show>
        </div>
        <div class="field">
          <label for="weight-column">Design weight column (optional)</label>
          <p class="hint" id="weight-column-hint">
            The column holding each form’s design weight, if your sample has one. Leave empty: every form counts once.
          </p>
          <input
            id="weight-column"
            type="text"
            autocomplete="off"
            aria-describedby="weight-column-hint"
            value={props.weightColumn}
            onInput={(e) => props.onWeightColumn(e.currentTarget.value)}
          />
        </div>
        <fieldset class="field">
          <legend>Sample design (optional)</legend>
          <p class="hint">
            For a stratified or clustered sample, name the columns that hold each form’s stratum, PSU and finite population correction; every estimate and test
            then allows for them. Leave empty for a simple sample.
          </p>
          <For each={DESIGN_FIELDS}>
            {(f) => (
              <div class="field">
                <label for={f.id}>{f.label}</label>
                <p class="hint" id={`${f.id}-hint`}>
                  {f.hint}
                </p>
                <input
                  id={f.id}
                  type="text"
                  autocomplete="off"
                  aria-describedby={`${f.id}-hint`}
                  value={props.designColumns[f.key]}
                  onInput={(e) => props.onDesignColumn(f.key, e.currentTarget.value)}
                />
              </div>
            )}
          </For>
        </fieldset>
        <div class="field paper-skip">
          <label class="choice" for="skip-invalid">
            <input type="checkbox" id="skip-invalid" checked={props.skipInvalid} onChange={(e) => props.onSkipInvalid(e.currentTarget.checked)} />
            Skip rejected rows and import the others
          </label>
        </div>
        <button type="submit" disabled={busy()}>
          {busy() ? 'Importing…' : `Import into wave ${props.form.wave.name}`}
        </button>
      </form>
      <Progress state={props.progress} />
      <Show when={props.error}>
        <p class="error" role="alert" id="import-outcome" tabindex="-1">
          {props.error}
        </p>
      </Show>
      <Show when={props.outcome}>
        {(o) => <Outcome outcome={o()} waveName={props.form.wave.name} busy={busy()} onImportSkipping={props.onImportSkipping} />}
      </Show>
    </section>
  );
}
